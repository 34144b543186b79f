"""Ranking and grouping firms by their ties: PageRank and Louvain communities.

The **tie network** is one node per firm of the map (sorted by id) and, per ordered pair of
firms, a weight: the number of products one supplies to the other plus the number of kinds of
cooperation between them (信息, 技术, 人才, 资金, 产品). ``ties`` picks which count
(``all``, ``supply``, ``cooperation``). Supply is directed: for PageRank a buyer's tie points
at its **supplier**, so a firm ranks high when firms that matter depend on it; a cooperation is
mutual and points both ways. Communities read the ties undirected (the weights of both
directions added). The graph is built from sorted nodes and edges, so both stores give the
same graph, and PageRank (``alpha`` 0.85) and Louvain (``seed``, default 0) the same answer.

>>> sorted(TIES)
['all', 'cooperation', 'supply']
"""

from __future__ import annotations

from collections import Counter
from datetime import date
from typing import Literal, cast

import networkx as nx

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.answers_network import (
    Communities,
    Community,
    Member,
    PageRank,
    PageRankItem,
)
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph
from chainatlas.graph.store import GraphStore

Ties = Literal["all", "supply", "cooperation"]
TIES = ("all", "supply", "cooperation")
ALPHA = 0.85
TOL = 1e-10
MAX_ITER = 1_000
MAX_LIMIT = 1_000
DIGITS = 6


def tie_network(store: GraphStore, *, ties: Ties = "all") -> nx.DiGraph:
    """The tie network as the module docstring says: edge ``u → v`` with ``weight`` (ties)
    where ``u`` relies on ``v`` (buys from it, or cooperates with it)."""
    if ties not in TIES:
        raise InvalidOption("ties", f"ties must be one of {TIES}")
    weight: Counter[tuple[str, str]] = Counter()
    if ties in ("all", "supply"):
        for e in store.edges(Rel.SUPPLIES):
            if e["source"] != e["target"]:
                weight[(e["target"], e["source"])] += 1
    if ties in ("all", "cooperation"):
        for e in store.edges(Rel.COOPERATES):
            if e["source"] != e["target"]:
                weight[(e["source"], e["target"])] += 1
                weight[(e["target"], e["source"])] += 1
    g = nx.DiGraph()
    g.add_nodes_from(f["id"] for f in store.nodes(Label.ENTERPRISE))
    g.add_weighted_edges_from(
        (a, b, w) for (a, b), w in sorted(weight.items()) if a in g and b in g
    )
    return g


def rank_scores(g: nx.DiGraph, *, alpha: float = ALPHA, tol: float = TOL) -> dict[str, float]:
    """PageRank by power iteration, in pure Python (networkx's own ``pagerank`` needs SciPy;
    this is its reference algorithm): out-weights normalised per node, dangling nodes spread
    evenly, stop when the scores move less than ``tol`` in total.

    >>> {k: round(v, 3) for k, v in rank_scores(nx.DiGraph([("b", "a"), ("c", "a")])).items()}
    {'b': 0.213, 'a': 0.574, 'c': 0.213}
    """
    n = len(g)
    if not n:
        return {}
    out = {u: sum(w for _, _, w in g.edges(u, data="weight", default=1)) for u in g}
    x = dict.fromkeys(g, 1.0 / n)
    for _ in range(MAX_ITER):
        last = x
        x = dict.fromkeys(g, 0.0)
        dangling = alpha * sum(last[u] for u in g if not out[u]) / n
        for u in g:
            for _, v, w in g.edges(u, data="weight", default=1):
                x[v] += alpha * last[u] * w / out[u]
            x[u] += dangling + (1.0 - alpha) / n
        if sum(abs(x[u] - last[u]) for u in g) < tol:
            return x
    raise nx.PowerIterationFailedConvergence(MAX_ITER)  # pragma: no cover - α < 1 converges


def _check(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")


def _subgraph(store: GraphStore, g: nx.DiGraph, ids: list[str], ties: Ties) -> Subgraph:
    """The firms ``ids`` and the SUPPLIES and COOPERATES edges among them that ``ties`` counts."""
    sub = Subgraph()
    keep = set(ids)
    for f in store.nodes(Label.ENTERPRISE, keep, fields=NODE_FIELDS):
        sub.node(Label.ENTERPRISE, f)
    rels = {"all": (Rel.SUPPLIES, Rel.COOPERATES), "supply": (Rel.SUPPLIES,)}.get(
        ties, (Rel.COOPERATES,)
    )
    for rel in rels:
        for e in store.adjacent(rel, sorted(keep), direction="out"):
            if e["target"] in keep and e["source"] != e["target"]:
                sub.firm_edge(rel, e)
    return sub


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
    _check(limit)
    g = tie_network(store, ties=ties)
    score = rank_scores(g)
    ranked = sorted(g, key=lambda n: (-round(score[n], DIGITS), n))[:limit]
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, ranked, fields=NODE_FIELDS)}
    items = [
        cast(
            PageRankItem,
            {
                k: v
                for k, v in {
                    "id": n,
                    "name": firms[n].get("name"),
                    "region_id": firms[n].get("region_id"),
                    "value": round(score[n], DIGITS),
                    "relied_on_by": g.in_degree(n),
                    "relies_on": g.out_degree(n),
                }.items()
                if v is not None
            },
        )
        for n in ranked
    ]
    return {
        "ties": ties,
        "alpha": ALPHA,
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "items": items,
        "graph": _subgraph(store, g, ranked, ties).build(),
    }


def communities(
    store: GraphStore,
    *,
    ties: Ties = "all",
    resolution: float = 1.0,
    seed: int = 0,
    limit: int = 20,
    as_of: date | None = None,
) -> Communities:
    """Groups of firms more tied to each other than to the rest: networkx's Louvain method
    on the undirected tie network, with ``seed`` (the same seed, the same groups).

    Firms without a tie belong to no community. ``{ties, resolution, seed, modularity, nodes,
    edges, total, communities, graph}``; each community ``{id, size, members, regions,
    chains, internal_ties}`` (``members`` ``{id, name, region_id}`` by id; ``regions`` and
    ``chains`` count members by region and chain id), largest first, then by the first
    member's id, numbered from 1 in that order; ``total`` counts every community, ``graph``
    shows the listed ones.
    """
    store = on_day(store, as_of)
    _check(limit)
    if not 0 < resolution <= 10:
        raise InvalidOption("resolution", "resolution must be above 0 and at most 10")
    directed = tie_network(store, ties=ties)
    g = nx.Graph()
    g.add_nodes_from(n for n in directed if directed.degree(n))
    for a, b, w in directed.edges(data="weight"):
        if g.has_edge(a, b):
            g[a][b]["weight"] += w
        else:
            g.add_edge(a, b, weight=w)
    found = (
        nx.community.louvain_communities(g, weight="weight", resolution=resolution, seed=seed)
        if g.number_of_edges()
        else []
    )
    groups = sorted((sorted(c) for c in found), key=lambda c: (-len(c), c[0]))
    modularity = (
        nx.community.modularity(g, groups, weight="weight", resolution=resolution)
        if groups
        else 0.0
    )
    shown = groups[:limit]
    shown_ids = [n for c in shown for n in c]
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, shown_ids, fields=NODE_FIELDS)}
    listed: list[Community] = []
    for i, members in enumerate(shown, 1):
        listed.append(
            {
                "id": i,
                "size": len(members),
                "members": [
                    cast(
                        Member,
                        {
                            k: v
                            for k, v in (
                                ("id", m),
                                ("name", firms[m].get("name")),
                                ("region_id", firms[m].get("region_id")),
                            )
                            if v is not None
                        },
                    )
                    for m in members
                ],
                "regions": dict(sorted(Counter(_of(firms, members, "region_id")).items())),
                "chains": dict(sorted(Counter(_of(firms, members, "chain_id")).items())),
                "internal_ties": int(g.subgraph(members).size(weight="weight")),
            }
        )
    return {
        "ties": ties,
        "resolution": resolution,
        "seed": seed,
        "modularity": round(modularity, DIGITS),
        "nodes": g.number_of_nodes(),
        "edges": g.number_of_edges(),
        "total": len(groups),
        "communities": listed,
        "graph": _subgraph(store, directed, [n for c in shown for n in c], ties).build(),
    }


def _of(firms: dict[str, dict[str, object]], members: list[str], field: str) -> list[str]:
    return [str(firms[m][field]) for m in members if firms[m].get(field) is not None]
