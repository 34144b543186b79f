"""``/api/match/suppliers`` and ``/api/match/buyers`` (routers/match.py): the matchmaking
query's answer, its options and the weights from the settings."""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries import MatchWeights, match_buyers, match_suppliers
from tests.support.api import (
    TestClient,
    auth,
    client,
    invalid,
    ok,
    same,
    unknown,
)


def test_match_suppliers(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/match/suppliers", params={"enterprise": "E4"}))
    assert body == same(match_suppliers(store, "E4"))
    assert [c["id"] for c in body["candidates"]] == ["E3"]


def test_match_weights_come_from_settings(store: MemoryStore) -> None:
    weights = MatchWeights(
        region=1.0, capacity=0, trade=0, chain=0, cooperation=0, shared_partners=0
    )
    with client(store, match_weights=weights) as c:
        body = ok(
            c.get("/api/match/suppliers", params={"enterprise": "E4"}, headers=auth("viewer"))
        )
    assert body == same(match_suppliers(store, "E4", weights=weights))
    assert body != same(match_suppliers(store, "E4"))


def test_match_suppliers_options(viewer: TestClient, store: MemoryStore) -> None:
    params = {
        "enterprise": "E3",
        "product": "pta",
        "region": "ningbo",
        "exclude_current": "true",
        "limit": 5,
    }
    body = ok(viewer.get("/api/match/suppliers", params=params))
    assert body == same(
        match_suppliers(
            store, "E3", product_id="pta", region="ningbo", exclude_current=True, limit=5
        )
    )


@pytest.mark.parametrize("exclude", ["same_product", "any_partner"])
def test_match_exclude_and_pages(viewer: TestClient, store: MemoryStore, exclude: str) -> None:
    params = {"enterprise": "E3", "exclude": exclude, "limit": 1, "offset": 1}
    body = ok(viewer.get("/api/match/suppliers", params=params))
    assert body == same(match_suppliers(store, "E3", exclude=exclude, limit=1, offset=1))  # type: ignore[arg-type]
    whole = ok(viewer.get("/api/match/suppliers", params={"enterprise": "E3", "limit": 1}))
    assert (whole["total"], whole["offset"], whole["limit"]) == (2, 0, 1)
    page = ok(viewer.get("/api/match/buyers", params={"enterprise": "E1", "offset": 1}))
    assert (page["candidates"], page["total"], page["offset"]) == ([], 1, 1)


def test_match_buyers(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/match/buyers", params={"enterprise": "E7", "limit": 3}))
    assert body == same(match_buyers(store, "E7", limit=3))
    assert [c["id"] for c in body["candidates"]] == []


def test_match_buyers_finds_new_customers(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/match/buyers", params={"enterprise": "E1"}))
    assert [(c["id"], c["product_id"]) for c in body["candidates"]] == [("E3", "pta")]


@pytest.mark.parametrize("side", ["suppliers", "buyers"])
@pytest.mark.parametrize(
    "params, kind, id",
    [
        ({"enterprise": "E99"}, "Enterprise", "E99"),
        ({"enterprise": "E3", "product": "gold"}, "Product", "gold"),
        ({"enterprise": "E3", "region": "mars"}, "Region", "mars"),
    ],
)
def test_match_unknown(
    viewer: TestClient, side: str, params: dict[str, str], kind: str, id: str
) -> None:
    unknown(viewer.get(f"/api/match/{side}", params=params), kind, id)


@pytest.mark.parametrize("side", ["suppliers", "buyers"])
@pytest.mark.parametrize(
    "params, name",
    [
        ({}, "enterprise"),
        ({"enterprise": "E3", "limit": 101}, "limit"),
        ({"enterprise": "E3", "exclude_current": "maybe"}, "exclude_current"),
        ({"enterprise": "E3", "exclude": "everyone"}, "exclude"),
        ({"enterprise": "E3", "offset": -1}, "offset"),
    ],
)
def test_match_bad_parameters(
    viewer: TestClient, side: str, params: dict[str, Any], name: str
) -> None:
    invalid(viewer.get(f"/api/match/{side}", params=params), name)


def test_exclude_current_with_exclude_leaves_out_what_exclude_does(viewer: TestClient) -> None:
    """The deprecated alias beside ``exclude`` adds nothing (``any_partner`` leaves out every
    firm ``same_product`` does), so the two together are accepted."""
    for whom in ("same_product", "any_partner"):
        params = {"enterprise": "E3", "exclude": whom}
        both = ok(viewer.get("/api/match/suppliers", params=params | {"exclude_current": "true"}))
        assert both == ok(viewer.get("/api/match/suppliers", params=params))
