"""Supply paths weighted by volume: which chains of supply a firm's intake depends on most.

A hop ``a → b`` carrying product ``p`` weighs its **share**: the volume ``a`` supplies ``b`` of
``p`` over everything ``b`` receives of ``p`` in the map (volumes in the product's base unit,
so a buyer's suppliers compare whatever unit each reported). A supplier whose volume is
unknown gets an equal part of what the known volumes leave (all of it when none is known).
Shares of different products never meet, so no unit is ever compared with another.

A path's ``share`` multiplies its hops' shares: roughly, the part of the target's intake that
hangs on the source along that path. The heaviest paths come first (the least ``-ln share``,
Yen's algorithm over networkx's ``shortest_simple_paths``), at most ``max_hops`` hops, ties by
length, then the nodes. Between two firms the hop takes the product with the largest share
(ties by product id).

>>> round(_shares([(("a", "b", "p"), 30.0), (("c", "b", "p"), 10.0), (("d", "b", "p"), None)])
...       [("a", "b", "p")], 2)
0.75
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from itertools import islice, pairwise
from typing import Any

import networkx as nx

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import NoPath
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.answers_network import WeightedHop, WeightedPath, WeightedPaths
from chainatlas.graph.queries.paths import _check
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph, node_key, ref
from chainatlas.graph.reading import in_one_read
from chainatlas.graph.store import Direction, GraphStore

DIGITS = 6
#: paths Yen's algorithm may yield before giving up on finding k within max_hops
SEARCH_CAP = 2_000

Edge = tuple[str, str, str]


def _shares(volumes: Iterable[tuple[Edge, float | None]]) -> dict[Edge, float]:
    """Each supply edge's share of what its buyer receives of its product."""
    groups: dict[tuple[str, str], list[tuple[Edge, float | None]]] = defaultdict(list)
    for edge, volume in volumes:
        groups[(edge[1], edge[2])].append((edge, volume))
    out: dict[Edge, float] = {}
    for members in groups.values():
        known = sum(v for _, v in members if v)
        unknown = [e for e, v in members if not v]
        total = known or 1.0
        rest = 0.0 if known else 1.0
        for edge, volume in members:
            out[edge] = volume / total if volume else rest / len(unknown)
    return out


@in_one_read
def weighted_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    k: int = 5,
    max_hops: int = 4,
    as_of: date | None = None,
) -> WeightedPaths:
    """Up to ``k`` supply paths from firm ``source`` to firm ``target`` by weight, as the
    module docstring says.

    ``{source, target, paths, graph}``; each path ``{length, share, nodes, hops}``, each hop
    ``{from, to, product_id, product_name, volume, unit, share}``. :class:`NoPath` when no
    path is within ``max_hops``.
    """
    store = on_day(store, as_of)
    _check(source, target, k, max_hops)
    ends = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, [source, target])}
    for end in (source, target):
        if end not in ends:
            store.node(Label.ENTERPRISE, end)  # the unknown-entity error, naming the id
    near = _reach(store, source, "out", max_hops) & _reach(store, target, "in", max_hops)
    # the supplies into the firms near: every supplier of each, near or not (a share is of
    # all its buyer receives of the product); a path runs on those between firms near
    into = store.adjacent(Rel.SUPPLIES, sorted(near), direction="in")
    edges = {(e["source"], e["target"], e["key"]): e for e in into}
    shares = _shares((key, e["props"].get("volume_base")) for key, e in edges.items())
    best: dict[tuple[str, str], Edge] = {}
    for key in sorted(k for k in edges if k[0] != k[1] and k[0] in near):
        pair = (key[0], key[1])
        if pair not in best or shares[key] > shares[best[pair]]:
            best[pair] = key
    g = nx.DiGraph()
    for (a, b), key in best.items():
        g.add_edge(a, b, cost=max(0.0, -math.log(shares[key])))
    found: list[list[str]] = []
    if source in g and target in g:
        paths = nx.shortest_simple_paths(g, source, target, weight="cost")
        for nodes in islice(paths, SEARCH_CAP):
            # paths come lightest first: past the k-th one's weight nothing can enter the top k
            if len(found) >= k and _cost(g, nodes) > _cost(g, found[k - 1]):
                break
            if len(nodes) - 1 <= max_hops:
                found.append(list(nodes))
    if not found:
        raise NoPath(source, target, f"along SUPPLIES within {max_hops} hops")
    ranked = sorted(found, key=lambda p: (_cost(g, p), len(p), p))[:k]
    return _answer(store, (ends[source], ends[target]), ranked, best, edges, shares)


def _reach(store: GraphStore, start: str, direction: Direction, hops: int) -> set[str]:
    """``start`` and the firms within ``hops`` supply hops of it, downstream (``out``) or
    upstream (``in``), read a level at a time by the supplies' keys: what a path of at most
    ``hops`` hops can pass through, without reading the map's supplies."""
    seen, frontier = {start}, [start]
    for _ in range(hops):
        found = set()
        for a, b, _ in store.adjacent_keys(Rel.SUPPLIES, frontier, direction=direction):
            found.add(b if direction == "out" else a)
        frontier = sorted(found - seen)
        if not frontier:
            break
        seen.update(frontier)
    return seen


def _cost(g: nx.DiGraph, nodes: list[str]) -> float:
    return round(sum(float(g[a][b]["cost"]) for a, b in pairwise(nodes)), 12)


def _answer(
    store: GraphStore,
    ends: tuple[dict[str, Any], dict[str, Any]],
    ranked: list[list[str]],
    best: dict[tuple[str, str], Edge],
    edges: dict[Edge, dict[str, Any]],
    shares: dict[Edge, float],
) -> WeightedPaths:
    used = [best[(a, b)] for p in ranked for a, b in pairwise(p)]
    carried = sorted({e[2] for e in used})
    products = {p["id"]: p for p in store.nodes(Label.PRODUCT, carried, fields=["name"])}
    firms = store.nodes(Label.ENTERPRISE, {n for p in ranked for n in p}, fields=NODE_FIELDS)
    g = Subgraph()
    for f in firms:
        g.node(Label.ENTERPRISE, f)
    for key in sorted(set(used)):
        g.edge(
            Rel.SUPPLIES,
            node_key(Label.ENTERPRISE, key[0]),
            node_key(Label.ENTERPRISE, key[1]),
            key=key[2],
            props=edges[key]["props"],
        )
    paths: list[WeightedPath] = []
    for nodes in ranked:
        hops: list[WeightedHop] = []
        share = 1.0
        for a, b in pairwise(nodes):
            key = best[(a, b)]
            props = edges[key]["props"]
            share *= shares[key]
            hop: WeightedHop = {
                "from": a,
                "to": b,
                "product_id": key[2],
                "product_name": products.get(key[2], {}).get("name"),
                "share": round(shares[key], DIGITS),
            }
            if props.get("volume") is not None:
                hop["volume"] = props["volume"]
            if props.get("unit") is not None:
                hop["unit"] = props["unit"]
            hops.append(hop)
        paths.append(
            {"length": len(hops), "share": round(share, DIGITS), "nodes": nodes, "hops": hops}
        )
    return {
        "source": ref(Label.ENTERPRISE, ends[0]),
        "target": ref(Label.ENTERPRISE, ends[1]),
        "paths": paths,
        "graph": g.build(),
    }
