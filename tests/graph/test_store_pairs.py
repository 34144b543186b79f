"""The pairs' counts a store gives the network analytics (``GraphStore.pair_counts``): every
firm of the map and each ordered pair's edges, as arrays, the same on both stores and by the
default from the edges. The counts on a day: tests/graph/test_store_asof.py and
tests/graph/test_store_firms.py."""

from __future__ import annotations

import pytest

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Rel
from chainatlas.graph.store import GraphStore
from chainatlas.graph.store_counts import PairCounter, StoreCounts


def test_pair_counts_count_the_edges_joining_each_pair_of_firms(ref_store: GraphStore) -> None:
    supplies = ref_store.pair_counts(Rel.SUPPLIES)
    assert supplies.ids == [f"E{i}" for i in range(1, 8)]  # every firm, tied or not
    assert supplies.triples() == [
        ("E1", "E3", 1),
        ("E2", "E3", 1),
        ("E3", "E4", 1),
        ("E4", "E5", 1),
        ("E6", "E5", 1),
    ]
    assert ref_store.pair_counts(Rel.COOPERATES).triples() == [
        ("E3", "E6", 1),
        ("E4", "E5", 1),
    ]
    # the default, from the edges, counts the same
    for rel in (Rel.SUPPLIES, Rel.COOPERATES):
        default = StoreCounts.pair_counts(ref_store, rel)
        assert default.triples() == ref_store.pair_counts(rel).triples()
    with pytest.raises(InvalidOption):
        ref_store.pair_counts(Rel.PRODUCES)


def test_a_counter_sums_a_pair_read_in_parts_and_leaves_out_loops_and_strangers() -> None:
    counter = PairCounter(["b", "a", "c"])
    counter.add(["a", "a", "b", "x"], ["b", "a", "c", "a"], [2, 5, 1, 1])
    counter.add(["a"], ["b"])  # a second part: the same pair again, one edge
    counts = counter.counts()
    assert counts.ids == ["a", "b", "c"]
    assert counts.triples() == [("a", "b", 3), ("b", "c", 1)]
    assert PairCounter([]).counts().triples() == []
