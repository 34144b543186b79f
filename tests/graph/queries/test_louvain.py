"""Louvain communities on the tie network's arrays (graph/queries/louvain.py): the groups,
their order and labels, the seed and resolution passed to igraph, one seeded call at a time,
and igraph's own generator left as it was."""

from __future__ import annotations

import random
import sys
from concurrent.futures import ThreadPoolExecutor

import igraph as ig
import networkx as nx
import numpy as np
import pytest

from chainatlas.graph.queries.louvain import louvain, undirected
from chainatlas.graph.store_counts import PairCounter, PairCounts
from tests.support.communities import igraph_groups


def _net(ids: list[str], pairs: list[tuple[str, str, int]]) -> PairCounts:
    counter = PairCounter(ids)
    counter.add([a for a, _, _ in pairs], [b for _, b, _ in pairs], [w for _, _, w in pairs])
    return counter.counts()


def _cliques() -> PairCounts:
    """Two triangles (a, b, c) and (x, y, z) joined by c → x; d tied to nothing; ties both
    ways between a and b add up."""
    return _net(
        ["a", "b", "c", "d", "x", "y", "z"],
        [
            ("a", "b", 2),
            ("b", "a", 1),
            ("b", "c", 1),
            ("c", "a", 1),
            ("c", "x", 1),
            ("x", "y", 1),
            ("y", "z", 1),
            ("z", "x", 1),
        ],
    )


def test_the_ties_undirected() -> None:
    tied, ends, weight = undirected(_cliques())
    assert tied.tolist() == [0, 1, 2, 4, 5, 6]  # d (3) has no tie
    assert ends.tolist() == [[0, 1], [0, 2], [1, 2], [2, 3], [3, 4], [3, 5], [4, 5]]
    assert weight.tolist() == [3, 1, 1, 1, 1, 1, 1]


def test_two_triangles_are_two_communities() -> None:
    net = _cliques()
    found = louvain(net)
    assert found.groups == [["a", "b", "c"], ["x", "y", "z"]]
    assert found.label.tolist() == [0, 0, 0, -1, 1, 1, 1]
    assert (found.nodes, found.edges) == (6, 7)
    assert found.internal_ties(net, 2) == [5, 3] and found.internal_ties(net, 1) == [5]
    g = nx.Graph()
    g.add_weighted_edges_from([("a", "b", 3), ("b", "c", 1), ("a", "c", 1), ("c", "x", 1)])
    g.add_weighted_edges_from([("x", "y", 1), ("y", "z", 1), ("x", "z", 1)])
    assert found.modularity == pytest.approx(nx.community.modularity(g, found.groups))


def test_a_network_without_ties_has_no_community() -> None:
    found = louvain(_net(["a", "b"], []))
    assert (found.groups, found.label.tolist(), found.modularity) == ([], [-1, -1], 0.0)
    assert (found.nodes, found.edges) == (0, 0)


def _random_net(seed: int, firms: int = 300) -> PairCounts:
    rng = random.Random(seed)
    ids = [f"F{i:04d}" for i in range(firms)]
    pairs = [(rng.choice(ids), rng.choice(ids), rng.randint(1, 3)) for _ in range(3 * firms)]
    return _net(ids, pairs)


def _reference(net: PairCounts, seed: int, resolution: float) -> list[list[str]]:
    """igraph's Louvain called by hand on the same undirected ties."""
    tied, ends, weight = undirected(net)
    names = [net.ids[p] for p in tied.tolist()]
    pairs = [(a, b) for a, b in ends.tolist()]
    return igraph_groups(names, pairs, weight.tolist(), seed=seed, resolution=resolution)


@pytest.mark.parametrize(("seed", "resolution"), [(0, 1.0), (3, 0.5), (7, 2.5)])
def test_the_seed_and_resolution_are_igraphs(seed: int, resolution: float) -> None:
    net = _random_net(1)
    found = louvain(net, seed=seed, resolution=resolution)
    assert found.groups == _reference(net, seed, resolution)
    assert louvain(net, seed=seed, resolution=resolution).groups == found.groups


def test_seeds_and_resolutions_give_other_groups() -> None:
    net = _random_net(2)
    by_seed = {tuple(map(tuple, louvain(net, seed=s).groups)) for s in range(4)}
    assert len(by_seed) > 1
    assert len(louvain(net, resolution=3.0).groups) > len(louvain(net, resolution=0.3).groups)


def test_seeded_calls_at_once_give_their_own_groups() -> None:
    """igraph draws from Python's generator while it runs, so threads may switch inside a
    call (switching often here): each call must still draw from its own seed's."""
    interval = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        net = _random_net(3, firms=3000)
        alone = {s: louvain(net, seed=s).groups for s in range(3)}
        with ThreadPoolExecutor(3) as pool:
            together = list(pool.map(lambda s: (s, louvain(net, seed=s).groups), [0, 1, 2] * 3))
    finally:
        sys.setswitchinterval(interval)
    assert all(groups == alone[s] for s, groups in together)


def test_igraphs_generator_is_put_back() -> None:
    g = ig.Graph.Erdos_Renyi(n=200, m=600)

    def drawn() -> list[int]:
        random.seed(11)
        return list(g.community_multilevel().membership)

    before = drawn()
    louvain(_random_net(4), seed=5)
    assert drawn() == before
    assert np.array_equal(
        louvain(_random_net(4), seed=5).label, louvain(_random_net(4), seed=5).label
    )
