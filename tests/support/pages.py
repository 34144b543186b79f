"""The HTML views and pages on the reference network, without a browser: the urls that have
an answer, an app serving them (optionally with a hostile firm name), and readers for what a
view embeds."""

from __future__ import annotations

import json
from typing import Any

import httpx

from chainatlas.api.problems import BASE, MEDIA_TYPE
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from tests.support.api import TestClient, client, reference_tables
from tests.support.subgraphs import XSS_FIRM

#: the key of the one analyst the views app knows (contacts are for analysts only)
ANALYST_KEY = "analyst-key-for-views-0123"

#: every view, with parameters that have an answer on the reference network
VIEWS = [
    "/view/enterprises/E3",
    "/view/enterprises/E3/tiers?direction=upstream&depth=2",
    "/view/products/pet",
    "/view/products/pet/tiers?direction=downstream",
    "/view/match/suppliers?enterprise=E3",
    "/view/match/buyers?enterprise=E3&product=yarn",
    "/view/paths/supply?source=E1&target=E5",
    "/view/paths/route?source=px&target=fabric",
    "/view/chains/poly",
    "/view/gaps",
    "/view/risk/single-source",
    "/view/risk/impact?enterprise=E1",
    "/view/risk/impact?product=pta&max_tiers=2",
]
PAGES = [
    "/map",
    "/map?chain=textile",
    "/match",
    "/match?enterprise=E3",
    "/match?enterprise=E3&side=buyers&product=yarn",
    "/paths",
    "/paths?source=E1&target=E5",
    "/paths?mode=route&source=px&target=fabric",
    "/analyses",
    "/targets",
    "/targets?list=strengthen",
    "/targets?list=firms",
    "/targets?list=extend",
    "/kpis",
    "/centrality?measure=betweenness",
    "/report",
]


def views_store(*, hostile: bool = False) -> MemoryStore:
    """The reference network (contacts on 丙化纤 E3), plus a firm with a hostile name that
    buys from E3 if ``hostile``."""
    tables = reference_tables()
    if hostile:
        tables[Table.ENTERPRISES].append(
            {
                "id": "X1",
                "name": XSS_FIRM,
                "region_id": "shangyu",
                "chain_id": "poly",
                "stage": "下游",
                "credit_code": None,
            }
        )
        tables[Table.SUPPLIES].append(
            {"supplier_id": "E3", "buyer_id": "X1", "product_id": "pet", "volume": 5, "unit": "t"}
        )
        tables[Table.PRODUCES].append(
            {"enterprise_id": "E3", "product_id": "pet", "capacity": 1, "unit": "t"}
        )
    store = MemoryStore()
    store.write_tables(tables)
    return store


def views_client(*, anonymous: bool = True, hostile: bool = False) -> TestClient:
    """A client of an app serving :func:`views_store`; anonymous reading on by default."""
    return client(views_store(hostile=hostile), anonymous=anonymous, keys={ANALYST_KEY: "analyst"})


def view_data(html: str) -> dict[str, Any]:
    """The view's data: the JSON a view page embeds for its script."""
    body = html.split('<script type="application/json" id="view-data">', 1)[1].split(
        "</script>", 1
    )[0]
    data: dict[str, Any] = json.loads(body)
    return data


def problem(response: httpx.Response, status: int, kind: str) -> dict[str, Any]:
    """``response`` is an RFC 9457 problem of ``kind`` with ``status``; its body."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert body["type"] == BASE + kind and body["status"] == status
    return body


def api_url(url: str) -> str:
    """The API route a ``/view/...`` url mirrors."""
    return url.replace("/view/", "/api/", 1)
