"""Bounded simple-path enumeration over a networkx multigraph, as the memory store walks.

The Neo4j store answers the same question with a quantified path pattern
(``cypher/supply_paths.cypher``); the contract suite holds the two to the same answer.

Which edges a walk follows is told by their keys (``follows``): the memory store's edges
carry their row alone, their type is their key's (graph.memory_graph).

>>> g = nx.MultiDiGraph()
>>> for u, v, key in [("a", "b", "R:x"), ("a", "b", "R:y"), ("b", "c", "R:z"), ("a", "c", "R:w")]:
...     _ = g.add_edge(u, v, key=key)
>>> _ = g.add_edge("a", "c", key="S:v")
>>> simple_paths(g, "a", "c", follows=lambda k: k[0] == "R", max_hops=3, limit=10)
[(['a', 'c'], ['R:w']), (['a', 'b', 'c'], ['R:x', 'R:z']), (['a', 'b', 'c'], ['R:y', 'R:z'])]
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass
from typing import Any

import networkx as nx


@dataclass
class Budget:
    """How many partial paths a walk may still extend; ``cut`` once it ran out (the answer
    may then miss paths)."""

    steps: int
    cut: bool = False


def _distances_to(
    g: nx.MultiDiGraph, target: Hashable, follows: Callable[[Any], bool], depth: int
) -> dict[Any, int]:
    """Hops from each node to ``target`` along the edges ``follows``, for nodes within
    ``depth``."""
    dist = {target: 0}
    frontier = [target]
    for d in range(1, depth + 1):
        nxt = []
        for v in frontier:
            for u, _, key in g.in_edges(v, keys=True):
                if follows(key) and u not in dist:
                    dist[u] = d
                    nxt.append(u)
        frontier = nxt
    return dist


def simple_paths(
    g: nx.MultiDiGraph,
    source: Hashable,
    target: Hashable,
    *,
    follows: Callable[[Any], bool],
    max_hops: int,
    limit: int,
    budget: Budget | None = None,
) -> list[tuple[list[Any], list[Any]]]:
    """The first ``limit`` simple paths of at most ``max_hops`` edges, those whose key
    ``follows`` is true of, from ``source`` to ``target``, as ``(nodes, edge keys)``, ordered
    by ``(length, nodes, keys)``.

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
    dist = _distances_to(g, target, follows, near)
    found: list[tuple[list[Any], list[Any]]] = []
    for length in range(1, max_hops + 1):
        batch = list(_walk(g, [source], [], target, follows, length, near, dist, budget))
        found.extend(sorted(batch))
        if len(found) >= limit or (budget is not None and budget.cut):
            break
    return found[:limit]


def _walk(
    g: nx.MultiDiGraph,
    nodes: list[Any],
    keys: list[Any],
    target: Hashable,
    follows: Callable[[Any], bool],
    remaining: int,
    near: int,
    dist: dict[Any, int],
    budget: Budget | None = None,
) -> Iterator[tuple[list[Any], list[Any]]]:
    """The paths on from ``nodes`` (walked over ``keys``) of ``remaining`` more edges that
    ``follows`` takes."""
    here = nodes[-1]
    if remaining == 0:
        if here == target:
            yield list(nodes), list(keys)
        return
    if here == target:
        return  # a simple path cannot leave the target and come back
    for _, nxt, key in g.out_edges(here, keys=True):
        if not follows(key) or nxt in nodes:
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
        yield from _walk(g, nodes, keys, target, follows, left, near, dist, budget)
        nodes.pop()
        keys.pop()
