"""``/api/chains``, ``/api/gaps`` (routers/chains.py) and ``/api/risk/...`` (routers/risk.py):
panoramas, the one gap of the reference network, single sources and impact."""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries import chain_list, chain_panorama, gaps, impact, single_source
from chainatlas.graph.queries.chains import chain_firm_list
from chainatlas.graph.queries.window import DEFAULT_LIMIT as HUB
from tests.support.api import TestClient, invalid, ok, same, unknown


def test_chains(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/chains"))
    assert body == {"total": 2, "limit": 50, "offset": 0, "items": same(chain_list(store))}


def test_chain_panorama(viewer: TestClient, store: MemoryStore) -> None:
    assert ok(viewer.get("/api/chains/textile")) == same(chain_panorama(store, "textile"))


def test_chain_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/chains/metals"), "Chain", "metals")


def test_gaps(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/gaps"))
    expected = same(gaps(store, limit=50)["gaps"])
    assert body["total"] == 1
    assert body["items"] == [{"id": g["product_id"], **g} for g in expected]
    assert body["items"][0]["id"] == "sb2o3"


def test_gaps_past_the_end(viewer: TestClient) -> None:
    assert ok(viewer.get("/api/gaps", params={"offset": 1})) == {
        "total": 1,
        "limit": 50,
        "offset": 1,
        "items": [],
    }


def test_single_source(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/risk/single-source", params={"limit": 2, "offset": 1}))
    expected = same(single_source(store, limit=3))
    assert body["total"] == expected["total"] == 5
    assert body["items"] == [{"id": p["product_id"], **p} for p in expected["products"][1:3]]


@pytest.mark.parametrize(
    "params, kw",
    [
        ({"enterprise": "E1"}, {"enterprise_id": "E1"}),
        ({"product": "yarn", "max_tiers": 1}, {"product_id": "yarn", "max_tiers": 1}),
    ],
)
def test_impact(
    viewer: TestClient, store: MemoryStore, params: dict[str, Any], kw: dict[str, Any]
) -> None:
    assert ok(viewer.get("/api/risk/impact", params=params)) == same(impact(store, **kw, limit=HUB))


def test_impact_cascades(viewer: TestClient) -> None:
    body = ok(viewer.get("/api/risk/impact", params={"enterprise": "E1"}))
    assert [(a["tier"], a["id"]) for a in body["affected"]] == [(1, "E3"), (2, "E4"), (3, "E5")]


@pytest.mark.parametrize(
    "params, kind, id",
    [
        ({"enterprise": "E0"}, "Enterprise", "E0"),
        ({"product": "gold"}, "Product", "gold"),
    ],
)
def test_impact_unknown(viewer: TestClient, params: dict[str, str], kind: str, id: str) -> None:
    unknown(viewer.get("/api/risk/impact", params=params), kind, id)


@pytest.mark.parametrize(
    "params, name",
    [
        ({}, "enterprise"),
        ({"enterprise": "E1", "product": "pta"}, "enterprise"),
        ({"enterprise": "E1", "max_tiers": 0}, "max_tiers"),
    ],
)
def test_impact_bad_parameters(viewer: TestClient, params: dict[str, Any], name: str) -> None:
    invalid(viewer.get("/api/risk/impact", params=params), name)


def test_chain_firms_pages_every_firm(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/chains/poly/firms", params={"limit": 2, "offset": 1}))
    assert body["total"] == 4 and body["items"] == same(chain_firm_list(store, "poly")[1:3])
    upstream = ok(viewer.get("/api/chains/poly/firms", params={"stage": "上游"}))
    assert [f["id"] for f in upstream["items"]] == ["E1", "E2"]
    there = ok(viewer.get("/api/chains/poly/firms", params={"region": "shangyu"}))
    assert [(f["id"], f["links"]) for f in there["items"]] == [("E3", 2), ("E7", 0)]


def test_chain_firms_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/chains/metals/firms"), "Chain", "metals")


def test_impact_by_the_page(viewer: TestClient, store: MemoryStore) -> None:
    page = ok(viewer.get("/api/risk/impact", params={"product": "pta", "limit": 2}))
    assert page == same(impact(store, product_id="pta", limit=2))
    assert (page["total"], page["next"], len(page["affected"])) == (3, 2, 2)
