"""Louvain communities of the tie network (:mod:`graph.queries.network`), by igraph's
compiled multilevel method (Blondel et al. 2008) on the network's arrays.

The ties are read undirected: both directions' weights of a pair added, firms without a tie
left out. igraph's graph is built from sorted pairs of positions, so both stores give it the
same graph; the method visits the firms in a random order drawn from ``seed`` (a
``random.Random`` of it, set as igraph's generator for the call), so the same map and seed
give the same groups. igraph's generator is one for the process: calls take turns
(:data:`_GENERATOR`) and the default generator is put back after each.

networkx's Louvain, used before, is the same method in pure Python: at 1,000,000 firms it ran
for more than 40 minutes and held 7.2 GB (docs/performance.md). The groups the two find
differ (each visits the firms in its own random order); their modularity is the same
measure.
"""

from __future__ import annotations

import random
import threading
from dataclasses import dataclass

import igraph as ig
import numpy as np
import numpy.typing as npt

from chainatlas.graph.store_counts import PairCounter, PairCounts, Positions

#: igraph's random generator is global: one seeded call at a time
_GENERATOR = threading.Lock()


@dataclass(frozen=True)
class Partition:
    """The communities found: ``groups`` their members' ids (sorted), largest first, then by
    the first member's id; ``label`` for each firm of the network (by position) the index
    of its group in ``groups``, -1 for a firm without a tie; ``nodes`` and ``edges`` the
    undirected network's firms with a tie and pairs tied."""

    groups: list[list[str]]
    label: Positions
    modularity: float
    nodes: int
    edges: int

    def internal_ties(self, net: PairCounts, first: int) -> list[int]:
        """The weight of the ties within each of the first ``first`` groups (both directions
        counted)."""
        a, b = self.label[net.source], self.label[net.target]
        inside = (a == b) & (a >= 0) & (a < first)
        counted = np.bincount(a[inside], weights=net.edges[inside], minlength=first)
        return [int(w) for w in counted[:first]]


def undirected(net: PairCounts) -> tuple[Positions, Positions, npt.NDArray[np.float64]]:
    """The network undirected: ``(tied, ends, weight)``, ``tied`` the positions of the firms
    with a tie (sorted), ``ends`` each tied pair as two indices into ``tied`` (lower first,
    pairs sorted), ``weight`` its weight both ways."""
    both = PairCounter(net.ids)  # each pair once, lower position first, both weights added
    both.add_positions(
        np.minimum(net.source, net.target), np.maximum(net.source, net.target), net.edges
    )
    pairs = both.counts()
    tied = np.unique(np.concatenate([pairs.source, pairs.target]))
    index = np.full(len(net.ids), -1, np.int64)
    index[tied] = np.arange(len(tied))
    ends = np.column_stack([index[pairs.source], index[pairs.target]])
    return tied, ends, pairs.edges.astype(np.float64)


def louvain(net: PairCounts, *, resolution: float = 1.0, seed: int = 0) -> Partition:
    """The Louvain communities of ``net`` undirected, at ``resolution`` (above 0; higher,
    smaller groups), visiting firms in the order ``seed`` draws."""
    tied, ends, weight = undirected(net)
    label = np.full(len(net.ids), -1, np.int64)
    if not len(ends):
        return Partition([], label, 0.0, len(tied), 0)
    g = ig.Graph(n=len(tied), edges=ends, directed=False)
    with _GENERATOR:
        ig.set_random_number_generator(random.Random(seed))
        try:
            found = g.community_multilevel(weights=weight, resolution=resolution)
        finally:
            ig.set_random_number_generator(random)
    membership = np.asarray(found.membership, np.int64)
    modularity = g.modularity(membership.tolist(), weights=weight, resolution=resolution)
    # each group's members by position (so by id), then the groups in the answer's order
    order = np.argsort(membership, kind="stable")
    sizes = np.bincount(membership)
    members = np.split(tied[order], np.cumsum(sizes)[:-1])
    ranked = sorted(range(len(members)), key=lambda k: (-len(members[k]), members[k][0]))
    rank = np.empty(len(members), np.int64)
    rank[ranked] = np.arange(len(members))
    label[tied] = rank[membership]
    ids = net.ids
    groups = [[ids[p] for p in members[k].tolist()] for k in ranked]
    return Partition(groups, label, float(modularity), len(tied), len(ends))
