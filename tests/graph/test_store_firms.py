"""Firms in the map: with ``as_of``, a firm that closed, left or has not joined is in no answer,
and neither is any fact touching it; without a day, history keeps it. Both stores alike.

The network is tests/support/lifetimes.py's FIRMS; its docstring works out the answers.
"""

from __future__ import annotations

import pytest

from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries import chain_panorama, gaps, search
from chainatlas.graph.store import GraphStore
from tests.support import lifetimes, reference
from tests.support.lifetimes import BEFORE, EARLY, LATER


@pytest.fixture
def firm_store(store: GraphStore) -> GraphStore:
    store.write_tables(lifetimes.FIRMS)
    return store


def test_stats_count_the_firms_in_the_map(firm_store: GraphStore) -> None:
    assert firm_store.stats(as_of=LATER) == lifetimes.FIRM_STATS_LATER
    assert firm_store.stats(as_of=EARLY) == lifetimes.FIRM_STATS_EARLY
    assert firm_store.stats(as_of=BEFORE) == {**reference.EXPECTED_STATS, "produces_edges": 7}
    assert firm_store.stats()["enterprises"] == 7  # history keeps every firm
    counts = [firm_store.firm_count(as_of=day) for day in (LATER, EARLY, BEFORE, None)]
    assert counts == [5, lifetimes.FIRM_STATS_EARLY["enterprises"], 7, 7]


def test_a_closed_firm_is_unknown_on_a_later_day(firm_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        firm_store.node(Label.ENTERPRISE, "E2", as_of=LATER)
    for read in (firm_store.customers, firm_store.suppliers):
        with pytest.raises(UnknownEntity):
            read("E2", as_of=LATER)
    with pytest.raises(UnknownEntity):
        firm_store.neighbours(Label.ENTERPRISE, "E2", as_of=LATER)
    with pytest.raises(UnknownEntity):
        firm_store.supply_paths("E2", "E5", max_hops=4, limit=5, as_of=LATER)
    closed = firm_store.node(Label.ENTERPRISE, "E2")
    assert (closed["closed"], closed["member_until"]) == ("2025-03-01", "2025-03-01")
    assert firm_store.node(Label.ENTERPRISE, "E2", as_of=BEFORE)["id"] == "E2"
    assert [c["id"] for c in firm_store.customers("E2", as_of=BEFORE)] == ["E3"]


def test_membership_is_the_later_start_and_the_earlier_end(firm_store: GraphStore) -> None:
    e7 = firm_store.node(Label.ENTERPRISE, "E7")
    assert (e7["founded"], e7["joined"], e7["member_since"]) == (2012, 2023, 2023)
    assert "member_until" not in e7
    # a year means its first day: E7 is in the map from 2023-01-01
    assert firm_store.node(Label.ENTERPRISE, "E7", as_of=LATER.replace(year=2023, month=1, day=1))
    with pytest.raises(UnknownEntity):
        firm_store.node(Label.ENTERPRISE, "E7", as_of=LATER.replace(year=2022, month=12, day=31))


def test_a_firm_that_left_neither_sells_nor_buys(firm_store: GraphStore) -> None:
    assert firm_store.suppliers("E3", as_of=LATER) == []
    assert [s["id"] for s in firm_store.suppliers("E3", as_of=BEFORE)] == ["E2", "E1"]
    assert firm_store.producers(["pta", "px"], as_of=LATER) == []
    assert firm_store.supply_pairs(as_of=LATER) == [("E3", "E4"), ("E4", "E5")]
    later = firm_store.pair_counts(Rel.SUPPLIES, as_of=LATER)
    assert later.ids == ["E3", "E4", "E5", "E6", "E7"]  # the firms in the map that day
    assert later.triples() == [("E3", "E4", 1), ("E4", "E5", 1)]
    assert firm_store.supplies_of(["meg"], as_of=LATER) == []
    assert firm_store.adjacent(Rel.SUPPLIES, ["E3"], direction="in", as_of=LATER) == []
    assert firm_store.adjacent(Rel.PRODUCES, ["E1"], direction="out", as_of=LATER) == []
    counts = {c["product_id"]: c["producers"] for c in firm_store.product_counts(as_of=LATER)}
    assert (counts["pta"], counts["px"], counts["meg"], counts["pet"]) == (0, 0, 0, 2)
    edges = {rel: len(firm_store.edges(rel, as_of=LATER)) for rel in Rel if rel in _EDGE_RELS}
    assert edges == {Rel.SUPPLIES: 2, Rel.COOPERATES: 1, Rel.PRODUCES: 5, Rel.NEEDS: 5}


_EDGE_RELS = (Rel.SUPPLIES, Rel.COOPERATES, Rel.PRODUCES, Rel.NEEDS)


def test_neighbours_leave_out_firms_not_in_the_map(firm_store: GraphStore) -> None:
    found = firm_store.neighbours(Label.ENTERPRISE, "E3", as_of=LATER)
    assert {n["id"] for n in found if n["label"] == "Enterprise"} == {"E4"}
    makers = firm_store.neighbours(Label.PRODUCT, "pta", as_of=LATER)
    assert [(n["rel"], n["id"]) for n in makers if n["label"] == "Enterprise"] == [("NEEDS", "E3")]


def test_nodes_search_and_chains_leave_out_firms_not_in_the_map(firm_store: GraphStore) -> None:
    ids = [f["id"] for f in firm_store.nodes(Label.ENTERPRISE, as_of=LATER)]
    assert ids == ["E3", "E4", "E5", "E6", "E7"]
    assert [f["id"] for f in firm_store.nodes(Label.ENTERPRISE, ["E1", "E3"], as_of=LATER)] == [
        "E3"
    ]
    assert len(firm_store.nodes(Label.PRODUCT, as_of=LATER)) == 7  # products have no lifetime
    assert [h["id"] for h in search(firm_store, "宁波乙化工", as_of=LATER)] == []
    assert [h["id"] for h in search(firm_store, "宁波乙化工", as_of=BEFORE)] == ["E2"]
    members = firm_store.chain_members("poly", as_of=LATER)
    assert [m["id"] for m in members if m["label"] == "Enterprise"] == ["E3", "E7"]
    assert len(firm_store.chain_members("poly")) == len(
        firm_store.chain_members("poly", as_of=BEFORE)
    )


def test_queries_on_a_day_see_only_firms_in_the_map(firm_store: GraphStore) -> None:
    panorama = chain_panorama(firm_store, "poly", as_of=LATER)
    firms = {f["id"] for stage in panorama["stages"] for f in stage["firms"]}
    assert firms == {"E3", "E7"}
    wanted = {g["product_id"] for g in gaps(firm_store, as_of=LATER)["gaps"]}
    assert {"pta", "meg"} <= wanted
    assert "pta" not in {g["product_id"] for g in gaps(firm_store, as_of=BEFORE)["gaps"]}
