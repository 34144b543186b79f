"""igraph's Louvain called by hand, as its documentation shows: the reference the
communities' tests compare graph/queries/louvain.py with."""

from __future__ import annotations

import random
from collections.abc import Sequence

import igraph as ig


def igraph_groups(
    names: Sequence[str],
    pairs: Sequence[tuple[int, int]],
    weights: Sequence[float],
    *,
    seed: int,
    resolution: float = 1.0,
) -> list[list[str]]:
    """The Louvain groups of the undirected graph of ``names`` (by position) and weighted
    ``pairs``, igraph's generator seeded with ``seed`` for the call; each group's names
    sorted, the largest group first, then by its first name."""
    g = ig.Graph(n=len(names), edges=list(pairs))
    ig.set_random_number_generator(random.Random(seed))
    try:
        found = g.community_multilevel(weights=list(weights), resolution=resolution)
    finally:
        ig.set_random_number_generator(random)
    groups = [sorted(names[i] for i in c) for c in found]
    return sorted(groups, key=lambda c: (-len(c), c[0]))
