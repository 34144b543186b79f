"""A hub's trade and neighbours, both stores alike: a firm with more partners on one side than
``memory_graph.HUB``, whose edges the embedded store keeps sorted with its graph.

The reference network plus the hubs of tests/support/hubs.py: E3 a hub of customers, E7 a hub
of suppliers. Both stores must answer as a firm with a
handful of partners does (test_store_trade.py), window for window, on any day, after a write.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import date
from typing import Any

import pytest

from chainatlas.graph.dated import on_day
from chainatlas.graph.memory_graph import HUB
from chainatlas.graph.model import Label, Rel, Table
from chainatlas.graph.queries.paths import supply_paths
from chainatlas.graph.queries.profiles import UNTRADED, enterprise_profile
from chainatlas.graph.store import Direction, GraphStore
from tests.support import reference
from tests.support.hubs import BOUGHT, ENDED, FIRMS, PRODUCTS, SOLD, trade_of, write_hubs


@pytest.fixture(params=["cold", "warm"])
def hubs(store: GraphStore, request: pytest.FixtureRequest) -> GraphStore:
    """The hubs written; ``warm``: read three times first, so a store that keeps what it reads
    of a hub (the Neo4j store keeps it per version from the second read: neo4j_hubs.py) answers
    every test from what it kept."""
    write_hubs(store)
    if request.param == "warm":
        for _ in range(3):
            store.trade("E3", "out", limit=1)
            store.trade("E7", "in", limit=1)
            store.adjacent_keys(Rel.SUPPLIES, ["E3"], direction="out")
            store.adjacent_keys(Rel.SUPPLIES, ["E7"], direction="in")
    return store


def _ids(items: Sequence[Mapping[str, Any]]) -> list[tuple[str, str]]:
    return [(i["id"], i["product_id"]) for i in items]


@pytest.mark.parametrize(("limit", "offset"), [(50, 0), (50, 120), (None, 170), (7, 199)])
def test_a_hub_s_window_is_the_slice_of_its_ordered_trade(
    hubs: GraphStore, limit: int | None, offset: int
) -> None:
    found = hubs.trade("E3", "out", limit=limit, offset=offset)
    end = None if limit is None else offset + limit
    assert found["total"] == len(SOLD) > len(FIRMS) + len(FIRMS[::3])
    assert _ids(found["items"]) == SOLD[offset:end]
    assert [e["volume"] for e in found["edges"]] == [i["volume"] for i in found["items"]]


def test_a_hub_of_suppliers_and_a_hub_on_a_day(hubs: GraphStore) -> None:
    bought = hubs.trade("E7", "in", limit=3, offset=HUB)
    assert bought["total"] == len(BOUGHT) >= len(FIRMS)
    assert _ids(bought["items"]) == BOUGHT[HUB : HUB + 3]
    day = hubs.trade("E3", "out", as_of=date(2025, 6, 30))
    assert _ids(day["items"]) == [k for k in SOLD if k not in ENDED]
    assert day["total"] == len(SOLD) - len(ENDED)


def test_a_hub_s_neighbours_of_some_types_only(hubs: GraphStore) -> None:
    every = hubs.neighbours(Label.ENTERPRISE, "E3")
    some = hubs.neighbours(Label.ENTERPRISE, "E3", rels=UNTRADED)
    assert some == [n for n in every if n["rel"] != Rel.SUPPLIES.value]
    sold = [(n["id"], n["key"]) for n in every if (n["rel"], n["direction"]) == ("SUPPLIES", "out")]
    assert sorted(sold) == sorted(SOLD)
    bought = trade_of("E3", "buyer_id", "supplier_id")
    assert len(every) == len(some) + len(SOLD) + len(bought)


def test_a_write_at_a_hub_is_seen_by_its_next_read(hubs: GraphStore) -> None:
    """What a store keeps of a hub's edges never outlives a write."""
    before = hubs.trade("E3", "out", limit=5)
    hubs.neighbours(Label.ENTERPRISE, "E3", rels=UNTRADED)
    hubs.upsert(
        Table.SUPPLIES,
        [{"supplier_id": "E3", "buyer_id": "E4", "product_id": "fabric", "volume": 9, "unit": "t"}],
    )
    after = hubs.trade("E3", "out", limit=5)
    assert after["total"] == before["total"] + 1
    assert _ids(after["items"]) == [("E4", "fabric"), *_ids(before["items"])[:4]]
    around = hubs.neighbours(Label.ENTERPRISE, "E3", rels={Rel.SUPPLIES})
    assert ("E4", "fabric") in [(n["id"], n["key"]) for n in around]


def test_a_hub_s_profile_pages_through_its_customers(hubs: GraphStore) -> None:
    pages = [enterprise_profile(hubs, "E3", limit=60, offset=o) for o in range(0, len(SOLD), 60)]
    assert [k for p in pages for k in _ids(p["customers"])] == SOLD
    assert [p["next"] for p in pages] == [60, 120, 180, None]
    drawn = {
        (e["target"], e["key"])
        for e in pages[1]["graph"]["edges"]
        if e["rel"] == "SUPPLIES" and e["source"] == "Enterprise:E3"
    }
    assert drawn == {(f"Enterprise:{b}", p) for b, p in SOLD[60:120]}


def test_a_hub_s_degree_counts_its_edges_of_every_day(hubs: GraphStore) -> None:
    """degree() is what adjacent_keys() reads without a day, counted without reading it."""
    assert hubs.degree(Rel.SUPPLIES, ["E3"], direction="out") == len(SOLD)
    bought = len(trade_of("E3", "buyer_id", "supplier_id"))
    assert hubs.degree(Rel.SUPPLIES, ["E7", "E3", "E7", "E99"], direction="in") == (
        len(BOUGHT) + bought
    )
    sides: tuple[Direction, ...] = ("out", "in")
    for rel, ids in [(Rel.SUPPLIES, ["E1", "E3", "E5", "E7", "B003"]), (Rel.INPUT_TO, PRODUCTS)]:
        for node, side in itertools.product(ids, sides):
            read = hubs.adjacent_keys(rel, [node], direction=side)
            assert hubs.degree(rel, [node], direction=side) == len(read)
    dated = on_day(hubs, date(2025, 6, 30))  # a day some sales had ended by
    assert len(dated.adjacent_keys(Rel.SUPPLIES, ["E3"], direction="out")) < len(SOLD)
    assert dated.degree(Rel.SUPPLIES, ["E3"], direction="out") == len(SOLD)
    assert hubs.degree(Rel.SUPPLIES, [], direction="out") == 0


def test_a_hub_s_partners_are_counted_as_its_edges_say(hubs: GraphStore) -> None:
    """Matchmaking's shared partners with both hubs among ``ids``: for each firm of ``among``,
    the firms of ``ids`` at the other end of its live SUPPLIES and COOPERATES edges, on every
    day (the Neo4j store counts a kept hub's from its keys, the rest in the server)."""
    firms = [n["id"] for n in hubs.nodes(Label.ENTERPRISE)]
    for day in (None, date(2016, 1, 1), date(2023, 12, 31), date(2025, 6, 30)):
        ties: set[tuple[str, str]] = set()
        for rel in (Rel.SUPPLIES, Rel.COOPERATES):
            for e in hubs.edges(rel, as_of=day):
                ties |= {(e["source"], e["target"]), (e["target"], e["source"])}
        for ids, among in (
            (["E3", "E7", "E1", "B003"], firms),
            (["E7", "B000"], ["E3", "B003", "B004", "E7", "nobody"]),
            (firms, firms[::5]),
        ):
            expected = Counter(b for a, b in ties if a in set(ids) and b in among and a != b)
            assert hubs.shared_partners(ids, among, as_of=day) == dict(expected), (day, ids)
    counts = hubs.shared_partners(["E3", "E7"], firms)
    assert counts["B003"] == 2 and counts["E4"] == 1 and "E3" not in counts


def test_a_path_search_reads_the_side_with_fewer_edges(
    hubs: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """From the hub E3 to E5 the search walks back from E5 (two suppliers, E4's one, E3's
    two) and never reads E3's 201 sales; into the hub of suppliers E7 it reads B005's one
    sale."""
    read: list[tuple[str, str, str]] = []
    adjacent_keys = hubs.adjacent_keys

    def recorded(rel: Rel, ids: Any, *, direction: Direction, as_of: Any = None) -> Any:
        found = adjacent_keys(rel, ids, direction=direction, as_of=as_of)
        read.extend(found)
        return found

    monkeypatch.setattr(hubs, "adjacent_keys", recorded)
    found = supply_paths(hubs, "E3", "E5", k=5)
    assert [p["nodes"] for p in found["paths"]] == [["E3", "E4", "E5"]]
    assert found["complete"] is True
    upstream = {(s["supplier_id"], s["buyer_id"], s["product_id"]) for s in reference.SUPPLIES}
    assert sorted(read) == sorted(upstream)  # E5's suppliers 4 steps back: the reference's
    read.clear()
    found = supply_paths(hubs, "B005", "E7", k=5)
    assert [p["nodes"] for p in found["paths"]] == [["B005", "E7"]]
    assert read == [("B005", "E7", "pta")]
