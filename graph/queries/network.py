"""Ranking and grouping firms by their ties: PageRank and Louvain communities.

The **tie network** is one node per firm of the map (sorted by id) and, per ordered pair of
firms, a weight: the number of products one supplies to the other plus the number of kinds of
cooperation between them (信息, 技术, 人才, 资金, 产品). ``ties`` picks which count
(``all``, ``supply``, ``cooperation``). Supply is directed: for PageRank a buyer's tie points
at its **supplier**, so a firm ranks high when firms that matter depend on it; a cooperation is
mutual and points both ways. Communities read the ties undirected (the weights of both
directions added). The graph is built from sorted nodes and edges, so both stores give the
same graph, and PageRank (``alpha`` 0.85) and Louvain (``seed``, default 0) the same answer.

At a province the network is millions of weighted pairs, so it is read as the store counts
it (:meth:`GraphStore.pair_counts`: positions and counts, no properties, no Python tuple per
pair): PageRank iterates on those arrays with numpy, and Louvain is igraph's compiled method
on them (:mod:`graph.queries.louvain`). Both are global answers: :func:`kept_pagerank` and
:func:`kept_communities` keep each per version of the graph and day, the first
:data:`MAX_LIMIT` firms or communities, and the routes page them. A community names its first
:data:`~graph.queries.window.FIRMS_SHOWN` members by id and counts them all (``size``, its
regions and chains), as a gap names the first firms needing it.

>>> sorted(TIES)
['all', 'cooperation', 'supply']
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Sequence
from datetime import date
from typing import Any, Literal, cast

import networkx as nx
import numpy as np
import numpy.typing as npt

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries import window
from chainatlas.graph.queries.answers_network import (
    Communities,
    Community,
    CommunityList,
    Member,
    PageRank,
    PageRankItem,
    PageRankList,
)
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.louvain import louvain
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph, fact_edges
from chainatlas.graph.shapes import Subgraph as SubgraphShape
from chainatlas.graph.store import Direction, GraphStore
from chainatlas.graph.store_counts import PairCounter, PairCounts, Positions

Ties = Literal["all", "supply", "cooperation"]
TIES = ("all", "supply", "cooperation")
ALPHA = 0.85
TOL = 1e-10
MAX_ITER = 1_000
MAX_LIMIT = 1_000
DIGITS = 6
#: what a community's members are read with (its listed members' names, everyone's places)
MEMBER_FIELDS = ("name", "region_id", "chain_id")


def tie_counts(store: GraphStore, *, ties: Ties = "all") -> PairCounts:
    """The tie network as arrays: ``ids`` every firm of the map, and per pair ``source →
    target`` (``source`` relies on ``target``: buys from it, or cooperates with it) its
    weight in ``edges``, ordered by source, then target; no loops."""
    if ties not in TIES:
        raise InvalidOption("ties", f"ties must be one of {TIES}")
    parts: list[tuple[Positions, Positions, Positions]] = []
    ids: list[str] = []
    if ties in ("all", "supply"):
        supplies = store.pair_counts(Rel.SUPPLIES)
        ids = supplies.ids
        parts.append((supplies.target, supplies.source, supplies.edges))  # buyer → supplier
    if ties in ("all", "cooperation"):
        coops = store.pair_counts(Rel.COOPERATES)
        ids = coops.ids
        parts.append((coops.source, coops.target, coops.edges))
        parts.append((coops.target, coops.source, coops.edges))
    counter = PairCounter(ids)
    for part in parts:
        counter.add_positions(*part)
    return counter.counts()


def tie_network(store: GraphStore, *, ties: Ties = "all") -> nx.DiGraph:
    """:func:`tie_counts` as a networkx graph: edge ``u → v`` with ``weight`` (ties) where
    ``u`` relies on ``v``."""
    net = tie_counts(store, ties=ties)
    g = nx.DiGraph()
    g.add_nodes_from(net.ids)
    g.add_weighted_edges_from(net.pairs())
    return g


def rank_vector(
    n: int,
    source: Positions,
    target: Positions,
    weight: npt.NDArray[Any],
    *,
    alpha: float = ALPHA,
    tol: float = TOL,
) -> npt.NDArray[np.floating[Any]]:
    """PageRank of ``n`` nodes with weighted edges ``source[i] → target[i]``, by power
    iteration: out-weights normalised per node, dangling nodes spread evenly, stop when the
    scores move less than ``tol`` in total (networkx's reference algorithm, which its own
    ``pagerank`` runs with SciPy, here with numpy on arrays)."""
    if not n:
        return np.zeros(0)
    w = np.asarray(weight, np.float64)
    out = np.bincount(source, weights=w, minlength=n)
    share = w / out[source] if len(source) else w
    dangling = out == 0
    x = np.full(n, 1.0 / n)
    for _ in range(MAX_ITER):
        last = x
        x = alpha * np.bincount(target, weights=last[source] * share, minlength=n)
        x += alpha * last[dangling].sum() / n + (1.0 - alpha) / n
        if np.abs(x - last).sum() < tol:
            return x
    raise nx.PowerIterationFailedConvergence(MAX_ITER)  # pragma: no cover - α < 1 converges


def rank_scores(g: nx.DiGraph, *, alpha: float = ALPHA, tol: float = TOL) -> dict[str, float]:
    """:func:`rank_vector` of a networkx graph, by node (edges without a weight weigh 1).

    >>> {k: round(v, 3) for k, v in rank_scores(nx.DiGraph([("b", "a"), ("c", "a")])).items()}
    {'b': 0.213, 'a': 0.574, 'c': 0.213}
    """
    nodes = list(g)
    at = {u: i for i, u in enumerate(nodes)}
    edges = list(g.edges(data="weight", default=1))
    source = np.fromiter((at[u] for u, _, _ in edges), np.int64, len(edges))
    target = np.fromiter((at[v] for _, v, _ in edges), np.int64, len(edges))
    weight = np.fromiter((w for _, _, w in edges), np.float64, len(edges))
    x = rank_vector(len(nodes), source, target, weight, alpha=alpha, tol=tol)
    return dict(zip(nodes, x.tolist(), strict=True))


def _check(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")


def _subgraph(store: GraphStore, ids: Sequence[str], ties: Ties) -> SubgraphShape:
    """The firms ``ids`` and the SUPPLIES and COOPERATES edges among them that ``ties`` counts."""
    sub = Subgraph()
    keep = set(ids)
    for f in store.nodes(Label.ENTERPRISE, keep, fields=NODE_FIELDS):
        sub.node(Label.ENTERPRISE, f)
    rels = {"all": (Rel.SUPPLIES, Rel.COOPERATES), "supply": (Rel.SUPPLIES,)}.get(
        ties, (Rel.COOPERATES,)
    )
    for rel in rels:
        for e in _edges_among(store, rel, keep):
            sub.firm_edge(rel, e)
    return sub.build()


def _edges_among(store: GraphStore, rel: Rel, ids: set[str]) -> list[dict[str, Any]]:
    """The ``rel`` edges between two firms of ``ids`` (no loops): their keys read from the
    side with fewer SUPPLIES (the firms a province relies on most supply hundreds of
    thousands each, and buy from a few), then those edges alone."""
    wanted = sorted(ids)
    way: Direction = "out"
    if rel is Rel.SUPPLIES and store.degree(rel, wanted, direction="in") < store.degree(
        rel, wanted, direction="out"
    ):
        way = "in"
    keys = store.adjacent_keys(rel, wanted, direction=way)
    return fact_edges(store, rel, [(a, b, k) for a, b, k in keys if a != b and {a, b} <= ids])


def ranking(store: GraphStore, *, ties: Ties = "all", limit: int = MAX_LIMIT) -> PageRankList:
    """The first ``limit`` firms by PageRank (:func:`pagerank` without its graph)."""
    _check(limit)
    net = tie_counts(store, ties=ties)
    ids, n = net.ids, len(net.ids)
    x = rank_vector(n, net.source, net.target, net.edges)
    score = [round(v, DIGITS) for v in x.tolist()]
    ranked = heapq.nsmallest(limit, range(n), key=lambda i: (-score[i], i))  # ids are sorted
    relied_on_by = np.bincount(net.target, minlength=n).tolist()
    relies_on = np.bincount(net.source, minlength=n).tolist()
    wanted = [ids[i] for i in ranked]
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, wanted, fields=NODE_FIELDS)}
    items = []
    for i in ranked:
        firm = firms[ids[i]]
        item = {
            "id": ids[i],
            "name": firm.get("name"),
            "region_id": firm.get("region_id"),
            "value": score[i],
            "relied_on_by": relied_on_by[i],
            "relies_on": relies_on[i],
        }
        items.append(cast(PageRankItem, {k: v for k, v in item.items() if v is not None}))
    return {"ties": ties, "alpha": ALPHA, "nodes": n, "edges": len(net.source), "items": items}


def pagerank(
    store: GraphStore,
    *,
    ties: Ties = "all",
    limit: int = 20,
    as_of: date | None = None,
) -> PageRank:
    """Firms by PageRank on the tie network (highest first, ties by id).

    ``{ties, alpha, nodes, edges, items, graph}``; each item ``{id, name, region_id, value,
    relied_on_by, relies_on}`` (``value`` rounded to 6 decimals and summing to 1 over every
    firm; ``relied_on_by`` / ``relies_on``: firms tied to it in each direction).
    """
    store = on_day(store, as_of)
    found = ranking(store, ties=ties, limit=limit)
    return {**found, "graph": _subgraph(store, [i["id"] for i in found["items"]], ties)}


def kept_pagerank(cache: AnalyticsCache, store: GraphStore, ties: Ties) -> PageRankList:
    """:func:`ranking` of the first :data:`MAX_LIMIT` firms, kept per version of the graph
    and day in ``cache``: the route and the Python API page it."""
    return cache.get(store, "pagerank", (ties,), lambda: ranking(store, ties=ties))


def community_list(
    store: GraphStore,
    *,
    ties: Ties = "all",
    resolution: float = 1.0,
    seed: int = 0,
    limit: int = MAX_LIMIT,
) -> CommunityList:
    """The first ``limit`` communities (:func:`communities` without its graph)."""
    _check(limit)
    if not 0 < resolution <= 10:
        raise InvalidOption("resolution", "resolution must be above 0 and at most 10")
    net = tie_counts(store, ties=ties)
    found = louvain(net, resolution=resolution, seed=seed)
    shown = found.groups[:limit]
    inside = found.internal_ties(net, len(shown))
    everyone = [m for c in shown for m in c]
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, everyone, fields=MEMBER_FIELDS)}
    listed: list[Community] = []
    for i, members in enumerate(shown, 1):
        listed.append(
            {
                "id": i,
                "size": len(members),
                "members": [_member(m, firms[m]) for m in members[: window.FIRMS_SHOWN]],
                "regions": dict(sorted(Counter(_of(firms, members, "region_id")).items())),
                "chains": dict(sorted(Counter(_of(firms, members, "chain_id")).items())),
                "internal_ties": inside[i - 1],
            }
        )
    return {
        "ties": ties,
        "resolution": resolution,
        "seed": seed,
        "modularity": round(found.modularity, DIGITS),
        "nodes": found.nodes,
        "edges": found.edges,
        "total": len(found.groups),
        "communities": listed,
    }


def _member(id: str, firm: dict[str, Any]) -> Member:
    named = (("id", id), ("name", firm.get("name")), ("region_id", firm.get("region_id")))
    return cast(Member, {k: v for k, v in named if v is not None})


def communities(
    store: GraphStore,
    *,
    ties: Ties = "all",
    resolution: float = 1.0,
    seed: int = 0,
    limit: int = 20,
    as_of: date | None = None,
) -> Communities:
    """Groups of firms more tied to each other than to the rest: the Louvain method
    (:func:`~graph.queries.louvain.louvain`) on the undirected tie network, with ``seed``
    (the same map and seed, the same groups).

    Firms without a tie belong to no community. ``{ties, resolution, seed, modularity, nodes,
    edges, total, communities, graph}``; each community ``{id, size, members, regions,
    chains, internal_ties}`` (``members`` ``{id, name, region_id}``: the first
    :data:`~graph.queries.window.FIRMS_SHOWN` by id, ``size`` counting them all; ``regions``
    and ``chains`` count every member by region and chain id), largest first, then by the
    first member's id, numbered from 1 in that order; ``total`` counts every community,
    ``graph`` shows the members listed.
    """
    store = on_day(store, as_of)
    found = community_list(store, ties=ties, resolution=resolution, seed=seed, limit=limit)
    listed = [m["id"] for c in found["communities"] for m in c["members"]]
    return {**found, "graph": _subgraph(store, listed, ties)}


def kept_communities(
    cache: AnalyticsCache, store: GraphStore, ties: Ties, resolution: float, seed: int
) -> CommunityList:
    """:func:`community_list` of the first :data:`MAX_LIMIT` communities, kept per version
    of the graph and day in ``cache`` for each ``ties``, ``resolution`` and ``seed``."""
    return cache.get(
        store,
        "communities",
        (ties, resolution, seed),
        lambda: community_list(store, ties=ties, resolution=resolution, seed=seed),
    )


def _of(firms: dict[str, dict[str, object]], members: list[str], field: str) -> list[str]:
    return [str(firms[m][field]) for m in members if firms[m].get(field) is not None]
