"""``/api/enterprises`` and ``/api/products`` (routers/entities.py): lists with filters and
paging, profiles (contacts for analysts), trade partners and tiers; unknown ids are 404s."""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label
from chainatlas.graph.queries import enterprise_profile, product_profile, tiers
from chainatlas.graph.queries.window import DEFAULT_LIMIT as HUB
from chainatlas.graph.shapes import Direction
from tests.support.api import CONTACT, TestClient, invalid, ok, page_ids, same, unknown


def test_enterprise_list(viewer: TestClient) -> None:
    body = ok(viewer.get("/api/enterprises"))
    assert (body["total"], body["limit"], body["offset"]) == (7, 50, 0)
    assert [i["id"] for i in body["items"]] == ["E1", "E2", "E3", "E4", "E5", "E6", "E7"]
    assert not {"search_text", "pinyin", "initials"} & set(body["items"][0])


@pytest.mark.parametrize(
    "params, ids",
    [
        ({"region": "keqiao"}, ["E4", "E5"]),
        ({"chain": "poly"}, ["E1", "E2", "E3", "E7"]),
        ({"stage": "中游"}, ["E3", "E4", "E6", "E7"]),
        ({"stage": "midstream"}, ["E3", "E4", "E6", "E7"]),
        ({"region": "shangyu", "chain": "poly", "stage": "midstream"}, ["E3", "E7"]),
        ({"limit": 2, "offset": 5}, ["E6", "E7"]),
        ({"offset": 7}, []),
    ],
)
def test_enterprise_list_filters_and_pages(
    viewer: TestClient, params: dict[str, Any], ids: list[str]
) -> None:
    assert page_ids(viewer.get("/api/enterprises", params=params)) == ids


def test_enterprise_list_total_counts_every_match(viewer: TestClient) -> None:
    assert ok(viewer.get("/api/enterprises", params={"chain": "poly", "limit": 1}))["total"] == 4


@pytest.mark.parametrize("param, kind", [("region", "Region"), ("chain", "Chain")])
def test_enterprise_list_unknown_filter(viewer: TestClient, param: str, kind: str) -> None:
    unknown(viewer.get("/api/enterprises", params={param: "atlantis"}), kind, "atlantis")


@pytest.mark.parametrize(
    "params, name",
    [
        ({"stage": "top"}, "stage"),
        ({"region": "a/b"}, "region"),
        ({"limit": 501}, "limit"),
    ],
)
def test_enterprise_list_bad_parameters(
    viewer: TestClient, params: dict[str, Any], name: str
) -> None:
    invalid(viewer.get("/api/enterprises", params=params), name)


def test_enterprise_profile(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/enterprises/E3"))
    assert body == same(enterprise_profile(store, "E3", contacts=False, limit=HUB))


def test_enterprise_profile_with_contacts_for_analyst(
    analyst: TestClient, store: MemoryStore
) -> None:
    body = ok(analyst.get("/api/enterprises/E3"))
    assert body == same(enterprise_profile(store, "E3", contacts=True, limit=HUB))
    assert CONTACT.items() <= body["enterprise"].items()


def test_enterprise_profile_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/enterprises/E9"), "Enterprise", "E9")


@pytest.mark.parametrize("bad", ["E%20X", "E%E4%B8%80", "x" * 65])
def test_enterprise_profile_bad_id(viewer: TestClient, bad: str) -> None:
    invalid(viewer.get(f"/api/enterprises/{bad}"), "id")


@pytest.mark.parametrize("side", ["suppliers", "customers"])
def test_trade_partners(viewer: TestClient, store: MemoryStore, side: str) -> None:
    body = ok(viewer.get(f"/api/enterprises/E5/{side}"))
    items = same(getattr(store, side)("E5"))
    assert body == {"total": len(items), "limit": 50, "offset": 0, "items": items}


def test_suppliers_paged(viewer: TestClient) -> None:
    body = ok(viewer.get("/api/enterprises/E3/suppliers", params={"limit": 1, "offset": 1}))
    assert (body["total"], [(i["id"], i["product_id"]) for i in body["items"]]) == (
        2,
        [("E1", "pta")],
    )


@pytest.mark.parametrize("side", ["suppliers", "customers", "tiers"])
def test_enterprise_subroutes_unknown(viewer: TestClient, side: str) -> None:
    unknown(viewer.get(f"/api/enterprises/nope/{side}"), "Enterprise", "nope")


@pytest.mark.parametrize("direction", ["upstream", "downstream"])
def test_enterprise_tiers(viewer: TestClient, store: MemoryStore, direction: Direction) -> None:
    body = ok(viewer.get("/api/enterprises/E4/tiers", params={"direction": direction, "depth": 2}))
    want = tiers(store, Label.ENTERPRISE, "E4", direction=direction, depth=2, limit=HUB)
    assert body == same(want)


def test_enterprise_tiers_default_upstream(viewer: TestClient) -> None:
    nodes = ok(viewer.get("/api/enterprises/E5/tiers"))["nodes"]
    assert [(n["tier"], n["id"]) for n in nodes] == [
        (1, "E4"),
        (1, "E6"),
        (2, "E3"),
        (3, "E1"),
        (3, "E2"),
    ]


@pytest.mark.parametrize(
    "params, name",
    [
        ({"direction": "sideways"}, "direction"),
        ({"depth": 0}, "depth"),
        ({"depth": 11}, "depth"),
    ],
)
def test_tiers_bad_parameters(viewer: TestClient, params: dict[str, Any], name: str) -> None:
    invalid(viewer.get("/api/enterprises/E4/tiers", params=params), name)
    invalid(viewer.get("/api/products/pet/tiers", params=params), name)


# -- products ------------------------------------------------------------------------------------
def test_product_list(viewer: TestClient) -> None:
    assert page_ids(viewer.get("/api/products")) == [
        "dye",
        "fabric",
        "meg",
        "pet",
        "pta",
        "px",
        "sb2o3",
        "yarn",
    ]


def test_product_list_filters(viewer: TestClient) -> None:
    got = page_ids(viewer.get("/api/products", params={"chain": "textile", "stage": "中游"}))
    assert got == ["dye", "yarn"]


def test_product_list_unknown_chain(viewer: TestClient) -> None:
    unknown(viewer.get("/api/products", params={"chain": "nope"}), "Chain", "nope")


def test_product_profile(viewer: TestClient, store: MemoryStore) -> None:
    assert ok(viewer.get("/api/products/pet")) == same(product_profile(store, "pet", limit=HUB))


def test_product_profile_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/products/unobtainium"), "Product", "unobtainium")


def test_product_tiers(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/products/fabric/tiers", params={"depth": 4}))
    assert body == same(
        tiers(store, Label.PRODUCT, "fabric", direction="upstream", depth=4, limit=HUB)
    )


def test_product_tiers_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/products/nope/tiers"), "Product", "nope")


def test_a_hub_answers_one_page_at_a_time(viewer: TestClient, store: MemoryStore) -> None:
    page = ok(viewer.get("/api/enterprises/E3", params={"limit": 1, "offset": 1}))
    assert page == same(enterprise_profile(store, "E3", limit=1, offset=1))
    assert (page["totals"], page["next"]) == ({"suppliers": 2, "customers": 1}, None)
    assert [s["id"] for s in page["suppliers"]] == ["E1"] and page["customers"] == []
    tiers_page = ok(viewer.get("/api/products/fabric/tiers", params={"limit": 2, "depth": 4}))
    assert (tiers_page["total"], tiers_page["next"], len(tiers_page["nodes"])) == (
        tiers(store, Label.PRODUCT, "fabric", depth=4)["total"],
        2,
        2,
    )
    product_page = ok(viewer.get("/api/products/pet", params={"limit": 1}))
    assert product_page == same(product_profile(store, "pet", limit=1))
    assert viewer.get("/api/enterprises/E3", params={"limit": 1001}).status_code == 422
