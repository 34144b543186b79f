"""A firm's trade a window at a time (``GraphStore.trade``) and neighbours of some relationship
types only (``neighbours(rels=...)``): what lets a hub's profile read one page of its
thousands of partners. Both stores alike.

The reference network plus E3 selling PET to the six other firms (the sale to E6 ended
at the start of 2024), so E3 has seven customers: PET to E1, E2, E4, E5, E6, E7, then yarn
to E4 (ordered by product, then firm).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pytest

from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Label, Rel, Table
from chainatlas.graph.queries.profiles import enterprise_profile
from chainatlas.graph.store import GraphStore
from tests.support import reference

BUYERS = ["E1", "E2", "E4", "E5", "E6", "E7"]
ORDER = [(b, "pet") for b in BUYERS] + [("E4", "yarn")]


@pytest.fixture
def hub(store: GraphStore) -> GraphStore:
    sales = [
        {"supplier_id": "E3", "buyer_id": b, "product_id": "pet", "volume": 100 + i, "unit": "t"}
        | ({"since": 2020, "until": 2024} if b == "E6" else {"since": 2021})
        for i, b in enumerate(BUYERS)
    ]
    tables = dict(reference.TABLES)
    tables[Table.SUPPLIES] = reference.SUPPLIES + sales
    store.write_tables(tables)
    return store


def _ids(items: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(i["id"], i["product_id"]) for i in items]


@pytest.mark.parametrize(("limit", "offset"), [(3, 2), (None, 5), (2, 0), (5, 6), (4, 10)])
def test_a_window_is_the_slice_of_the_whole_list(
    hub: GraphStore, limit: int | None, offset: int
) -> None:
    found = hub.trade("E3", "out", limit=limit, offset=offset)
    end = None if limit is None else offset + limit
    assert found["total"] == 7
    assert _ids(found["items"]) == ORDER[offset:end]
    assert found["items"] == hub.customers("E3")[offset:end]


def test_each_item_carries_its_edge_as_neighbours_has_it(hub: GraphStore) -> None:
    found = hub.trade("E3", "out", limit=4, offset=1)
    edges = {
        (n["id"], n["key"]): n["props"]
        for n in hub.neighbours(Label.ENTERPRISE, "E3")
        if n["rel"] == "SUPPLIES" and n["direction"] == "out"
    }
    assert found["edges"] == [edges[key] for key in _ids(found["items"])]
    assert found["edges"][0] == {
        "base_unit": "t",
        "product_id": "pet",
        "since": 2021,
        "unit": "t",
        "volume": 101,
        "volume_base": 101.0,
    }


def test_suppliers_window_and_a_firm_without_trade(hub: GraphStore) -> None:
    found = hub.trade("E3", "in", limit=1, offset=1)
    assert (found["total"], _ids(found["items"])) == (2, [("E1", "pta")])
    assert hub.trade("E7", "out") == {"total": 0, "items": [], "edges": []}


def test_a_window_on_a_day_counts_what_holds_that_day(hub: GraphStore) -> None:
    day = hub.trade("E3", "out", limit=10, as_of=date(2025, 6, 30))
    assert day["total"] == 6 and ("E6", "pet") not in _ids(day["items"])
    assert hub.trade("E3", "out", as_of=date(2019, 1, 1))["total"] == 0


def test_the_window_of_an_unknown_firm_is_refused(hub: GraphStore) -> None:
    with pytest.raises(UnknownEntity, match="'nope'"):
        hub.trade("nope", "out", limit=2)


def test_neighbours_of_some_types_only(hub: GraphStore) -> None:
    every = hub.neighbours(Label.ENTERPRISE, "E3")
    some = hub.neighbours(Label.ENTERPRISE, "E3", rels={Rel.PRODUCES, Rel.COOPERATES})
    assert some == [n for n in every if n["rel"] in {"PRODUCES", "COOPERATES"}]
    assert [n["id"] for n in some] == ["E6", "pet", "yarn"]
    assert hub.neighbours(Label.ENTERPRISE, "E7", rels={Rel.NEEDS}) == []
    with pytest.raises(UnknownEntity):
        hub.neighbours(Label.ENTERPRISE, "nope", rels={Rel.SUPPLIES})


def test_a_profile_page_draws_the_page_of_its_trade(hub: GraphStore) -> None:
    page = enterprise_profile(hub, "E3", limit=2, offset=1)
    assert _ids(page["customers"]) == ORDER[1:3]
    assert page["totals"] == {"suppliers": 2, "customers": 7} and page["next"] == 3
    drawn = {
        (e["source"], e["target"], e["key"])
        for e in page["graph"]["edges"]
        if e["rel"] == "SUPPLIES"
    }
    assert drawn == {
        ("Enterprise:E3", "Enterprise:E2", "pet"),
        ("Enterprise:E3", "Enterprise:E4", "pet"),
        ("Enterprise:E1", "Enterprise:E3", "pta"),
    }
    whole = enterprise_profile(hub, "E3")
    assert _ids(whole["customers"]) == ORDER and whole["next"] is None
