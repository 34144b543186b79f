"""The query catalogue on a day: ``as_of`` reaches every primitive a query reads through.

Network and hand-worked answers: tests/support/lifetimes.py.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from chainatlas.graph.errors import NoPath
from chainatlas.graph.queries import (
    centrality,
    chain_panorama,
    enterprise_profile,
    gaps,
    impact,
    match_suppliers,
    single_source,
    supply_paths,
    tiers,
)
from chainatlas.graph.store import GraphStore
from tests.support import lifetimes
from tests.support.lifetimes import BEFORE, LATER


@pytest.fixture
def dated_store(store: GraphStore) -> GraphStore:
    store.write_tables(lifetimes.DATED)
    return store


def lost(answer: Mapping[str, Any]) -> list[tuple[int, str, list[str]]]:
    return [(a["tier"], a["id"], [x["product_id"] for x in a["lost"]]) for a in answer["affected"]]


def test_tiers_on_a_day(dated_store: GraphStore) -> None:
    answer = tiers(dated_store, "Enterprise", "E5", as_of=LATER)
    assert [(n["tier"], n["id"], n["products"]) for n in answer["nodes"]] == [
        (1, "E4", ["fabric"]),
        (2, "E3", ["yarn"]),
        (3, "E2", ["meg"]),
    ]
    every = tiers(dated_store, "Enterprise", "E5")
    assert [n["id"] for n in every["nodes"]] == ["E4", "E6", "E3", "E1", "E2"]


def test_gaps_and_single_source_on_a_day(dated_store: GraphStore) -> None:
    assert [(g["product_id"], g["firms"]) for g in gaps(dated_store, as_of=LATER)["gaps"]] == [
        ("meg", 1)
    ]
    assert gaps(dated_store, as_of=BEFORE)["gaps"] == []
    once = single_source(dated_store, as_of=LATER)["products"]
    assert sorted(p["product_id"] for p in once) == ["dye", "fabric", "pta", "yarn"]
    once = single_source(dated_store, as_of=BEFORE)["products"]
    assert sorted(p["product_id"] for p in once) == ["dye", "fabric", "meg", "pta", "yarn"]


def test_impact_on_a_day(dated_store: GraphStore) -> None:
    assert lost(impact(dated_store, enterprise_id="E1", as_of=LATER)) == []
    assert lost(impact(dated_store, enterprise_id="E1", as_of=BEFORE)) == [
        (1, "E3", ["pta"]),
        (2, "E4", ["yarn"]),
        (3, "E5", ["fabric"]),
    ]
    assert lost(impact(dated_store, enterprise_id="E2", as_of=LATER)) == [
        (1, "E3", ["meg"]),
        (2, "E4", ["yarn"]),
        (3, "E5", ["fabric"]),
    ]


def test_paths_on_a_day(dated_store: GraphStore) -> None:
    with pytest.raises(NoPath):
        supply_paths(dated_store, "E1", "E5", as_of=LATER)
    assert len(supply_paths(dated_store, "E1", "E5", as_of=BEFORE)["paths"]) == 1


def test_matchmaking_on_a_day(dated_store: GraphStore) -> None:
    answer = match_suppliers(dated_store, "E3", as_of=LATER)
    assert [(c["product_id"], c["id"]) for c in answer["candidates"]] == [("pta", "E1")]
    answer = match_suppliers(dated_store, "E3", as_of=BEFORE)
    assert [(c["product_id"], c["id"]) for c in answer["candidates"]] == [
        ("meg", "E2"),
        ("pta", "E1"),
    ]


def test_centrality_on_a_day(dated_store: GraphStore) -> None:
    answer = centrality(dated_store, as_of=LATER)
    assert (answer["nodes"], answer["edges"]) == (7, 3)
    assert [(i["id"], i["value"]) for i in answer["items"][:2]] == [
        ("E3", 0.066667),
        ("E4", 0.066667),
    ]


def test_profile_on_a_day(dated_store: GraphStore) -> None:
    profile = enterprise_profile(dated_store, "E3", as_of=LATER)
    assert [s["id"] for s in profile["suppliers"]] == ["E2"]
    assert [s["id"] for s in enterprise_profile(dated_store, "E3")["suppliers"]] == ["E2", "E1"]


def test_panorama_on_a_day(dated_store: GraphStore) -> None:
    later = chain_panorama(dated_store, "poly", as_of=LATER)
    before = chain_panorama(dated_store, "poly", as_of=BEFORE)
    # E3 needs pta and meg: both supplied before; on LATER only meg (from E2), and nobody
    # makes meg any more
    assert before["coverage"]["supplied_share"] == 1.0
    assert later["coverage"]["supplied_share"] == 0.5
    assert (before["coverage"]["producible_share"], later["coverage"]["producible_share"]) == (
        1.0,
        0.5,
    )
