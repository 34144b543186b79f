"""Bounded simple-path enumeration over a networkx multigraph, as the memory store walks.

The Neo4j store answers the same question with a quantified path pattern
(``cypher/supply_paths.cypher``); the contract suite holds the two to the same answer.

>>> g = nx.MultiDiGraph()
>>> g.add_edge("a", "b", key="x", rel="R")
'x'
>>> g.add_edge("a", "b", key="y", rel="R")
'y'
>>> g.add_edge("b", "c", key="z", rel="R")
'z'
>>> g.add_edge("a", "c", key="w", rel="R")
'w'
>>> simple_paths(g, "a", "c", rel="R", max_hops=3, limit=10)
[(['a', 'c'], ['w']), (['a', 'b', 'c'], ['x', 'z']), (['a', 'b', 'c'], ['y', 'z'])]
"""

from __future__ import annotations

from collections.abc import Hashable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx


@dataclass
class Budget:
    """How many partial paths a walk may still extend; ``cut`` once it ran out (the answer
    may then miss paths)."""

    steps: int
    cut: bool = False


def _distances_to(g: nx.MultiDiGraph, target: Hashable, rel: Any, depth: int) -> dict[Any, int]:
    """Hops from each node to ``target`` along ``rel`` edges, for nodes within ``depth``."""
    dist = {target: 0}
    frontier = [target]
    for d in range(1, depth + 1):
        nxt = []
        for v in frontier:
            for u, _, data in g.in_edges(v, data=True):
                if data["rel"] == rel and u not in dist:
                    dist[u] = d
                    nxt.append(u)
        frontier = nxt
    return dist


def simple_paths(
    g: nx.MultiDiGraph,
    source: Hashable,
    target: Hashable,
    *,
    rel: Any,
    max_hops: int,
    limit: int,
    budget: Budget | None = None,
) -> list[tuple[list[Any], list[Any]]]:
    """The first ``limit`` simple paths of at most ``max_hops`` ``rel`` edges from ``source``
    to ``target``, as ``(nodes, edge keys)``, ordered by ``(length, nodes, keys)``.

    Parallel edges (different keys) make different paths. Paths are enumerated one length at
    a time and the walk stops after the first length that completes ``limit`` paths, so ties
    at that length are all seen before the cut. Distances to ``target`` are known for the
    last ``max_hops // 2`` hops (a backward search half as deep as the paths): every partial
    path in that half that cannot reach ``target`` in time is pruned, which keeps the cost near
    ``degree ** (max_hops / 2)`` on both sides instead of ``degree ** max_hops``. With a
    ``budget``, the walk stops after that many extended partial paths and sets ``budget.cut``.
    """
    if source == target or source not in g or target not in g:
        return []
    near = max_hops // 2
    dist = _distances_to(g, target, rel, near)
    found: list[tuple[list[Any], list[Any]]] = []
    for length in range(1, max_hops + 1):
        batch = list(_walk(g, [source], [], target, rel, length, near, dist, budget))
        found.extend(sorted(batch))
        if len(found) >= limit or (budget is not None and budget.cut):
            break
    return found[:limit]


def _walk(
    g: nx.MultiDiGraph,
    nodes: list[Any],
    keys: list[Any],
    target: Hashable,
    rel: Any,
    remaining: int,
    near: int,
    dist: dict[Any, int],
    budget: Budget | None = None,
) -> Iterator[tuple[list[Any], list[Any]]]:
    here = nodes[-1]
    if remaining == 0:
        if here == target:
            yield list(nodes), list(keys)
        return
    if here == target:
        return  # a simple path cannot leave the target and come back
    for _, nxt, key, data in g.out_edges(here, keys=True, data=True):
        if data["rel"] != rel or nxt in nodes:
            continue
        left = remaining - 1
        if left <= near and dist.get(nxt, near + 1) > left:
            continue
        if budget is not None:
            if budget.steps <= 0:
                budget.cut = True
                return
            budget.steps -= 1
        nodes.append(nxt)
        keys.append(key)
        yield from _walk(g, nodes, keys, target, rel, left, near, dist, budget)
        nodes.pop()
        keys.pop()
