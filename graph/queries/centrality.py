"""Key enterprises: degree and betweenness centrality on the supply network.

The supply network is a simple directed graph (``nx.DiGraph``): one node per firm in the map
(firms without trade included, so ``n`` is the number of firms) and one edge per
(supplier, buyer) pair with at least one SUPPLIES edge, whatever the products. Both measures
are networkx's, normalised: degree centrality is (in + out degree) / (n − 1); betweenness is
divided by (n − 1)(n − 2). The graph is built from sorted nodes and edges, so the answer is
the same on every run and both stores. Betweenness is exact (Brandes, all pairs) up to
``EXACT_UP_TO`` firms; exact costs O(n·m) — about a second for a cluster map of a few
thousand firms, hours for 100k firms with 1M edges — so above that it is estimated from
``SAMPLES`` source firms drawn with a fixed seed (still deterministic, and the answer says
``sampled_sources``); above 1,000,000 supply pairs with fewer (:func:`sources_for`: a bounded
number of edge visits, at least ``MIN_SAMPLES``).

Betweenness runs on the firms that trade only (:func:`trading_betweenness`): a firm without a
supply edge lies on no path and ends none, so it scores 0, and Brandes' work over it is
wasted; the scores of the traders are then rescaled by the whole map's size, which gives the
very floats networkx gives on the whole network (tests/graph/queries/test_centrality.py
checks equality on the demo and on a generated bundle).

>>> g = nx.DiGraph([("a", "b"), ("b", "c")])
>>> nx.betweenness_centrality(g)["b"]
0.5
"""

from __future__ import annotations

import random
from collections import Counter, deque
from dataclasses import dataclass
from datetime import date
from typing import cast

import networkx as nx

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.answers import Centrality, CentralityItem
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph, node_key
from chainatlas.graph.shapes import Measure
from chainatlas.graph.store import GraphStore

MEASURES = ("degree", "betweenness")
MAX_LIMIT = 1_000
DIGITS = 6
EXACT_UP_TO = 5_000
SAMPLES = 500
#: the edge visits an estimate may spend (each source walks the network once): ``SAMPLES``
#: sources up to 1,000,000 supply pairs (the generated 100,000-firm map), fewer above, so a
#: province's first call stays minutes, not hours (10,000,000 pairs at 1,000,000 firms: 50)
WORK = 500_000_000
MIN_SAMPLES = 32


def sources_for(edges: int) -> int:
    """How many sources a sampled betweenness walks on a network of ``edges`` supply pairs."""
    return min(SAMPLES, max(MIN_SAMPLES, WORK // max(1, edges)))


def supply_network(store: GraphStore, *, as_of: date | None = None) -> nx.DiGraph:
    """The supply network as centrality sees it (sorted firms, distinct supplier→buyer)."""
    store = on_day(store, as_of)
    g = nx.DiGraph()
    g.add_nodes_from(f["id"] for f in store.nodes(Label.ENTERPRISE))
    g.add_edges_from((a, b) for a, b in store.supply_pairs() if a != b)
    return g


def trading_betweenness(g: nx.DiGraph, *, k: int | None = None, seed: int = 0) -> dict[str, float]:
    """``nx.betweenness_centrality(g, normalized=True, k=k, seed=seed)``, float for float,
    computed on the firms with at least one supply edge.

    The sources are those networkx would take (every node, or the ``k`` it samples from all
    of ``g`` with ``seed``), in its order; a source without edges adds nothing, so it is
    skipped. The normalisation is networkx's, with ``n`` the size of the whole ``g``.

    >>> g = nx.DiGraph([("a", "b"), ("b", "c")]); g.add_nodes_from("xyz")
    >>> trading_betweenness(g) == nx.betweenness_centrality(g)
    True
    """
    n = len(g)
    between = dict.fromkeys(g, 0.0)
    trading = [v for v in g if g.degree(v)]
    sub = nx.DiGraph()
    sub.add_nodes_from(trading)
    sub.add_edges_from(g.edges(trading))
    sources = list(g) if k is None or k == n else random.Random(seed).sample(list(g), k)
    adjacency = {v: list(sub[v]) for v in sub}
    for s in sources:
        if s in sub:
            _brandes_from(adjacency, s, between)
    big_n = n - 1  # endpoints excluded, as networkx counts them
    if big_n < 2:
        return between
    if k is None or k == n:
        scale = 1 / (big_n * (big_n - 1))
        return {v: b * scale for v, b in between.items()}
    scale_source = 1 / ((k - 1) * (big_n - 1)) if k > 1 else float("nan")
    scale_other = 1 / (k * (big_n - 1))
    sampled = set(sources)
    for v in between:
        between[v] *= scale_source if v in sampled else scale_other
    return between


@dataclass
class _Network:
    """What an answer reads of the supply network: its size, its number of distinct pairs,
    each firm's distinct buyers (``outs``) and suppliers (``ins``), its degree centralities,
    and the graph itself when betweenness needs it (empty for degree alone)."""

    n: int
    edges: int
    ins: Counter[str]
    outs: Counter[str]
    degree: dict[str, float]
    graph: nx.DiGraph

    @classmethod
    def of(cls, g: nx.DiGraph) -> _Network:
        degree = nx.degree_centrality(g) if len(g) > 1 else dict.fromkeys(g, 0.0)
        ins, outs = Counter(dict(g.in_degree())), Counter(dict(g.out_degree()))
        return cls(len(g), g.number_of_edges(), ins, outs, degree, g)

    def pairs_among(self, store: GraphStore, ids: list[str]) -> list[tuple[str, str]]:
        """The distinct supply pairs between firms of ``ids``, sorted: the graph's, or (degree
        alone) read from the supplies of those firms."""
        shown = set(ids)
        if len(self.graph):
            return sorted((a, b) for a, b in self.graph.edges(shown) if b in shown)
        out = store.adjacent_keys(Rel.SUPPLIES, ids, direction="out")
        return sorted({(a, b) for a, b, _ in out if b in shown and a != b})


def _degrees(store: GraphStore, limit: int) -> _Network | None:
    """Degree centrality from each trading firm's distinct buyers and suppliers and the
    number of firms, both counted by the store (:meth:`GraphStore.supply_degrees`,
    :meth:`GraphStore.firm_count`: on Neo4j in the server), not every firm's record and a
    networkx graph: the values networkx gives, ``d · (1 / (n − 1))``, for the firms that
    trade. ``None`` when the top ``limit`` would reach firms without trade (ranked by id among
    themselves, so their ids are needed): the whole network then."""
    counts = store.supply_degrees()
    n = store.firm_count()
    outs = Counter({f: b for f, (b, _) in counts.items() if b})
    ins = Counter({f: s for f, (_, s) in counts.items() if s})
    scale = 1.0 / (n - 1.0) if n > 1 else 0.0
    degree = {f: (b + s) * scale for f, (b, s) in counts.items()}
    if len(degree) < limit or not all(round(v, DIGITS) for v in degree.values()):
        return None
    return _Network(n, sum(outs.values()), ins, outs, degree, nx.DiGraph())


def _brandes_from(adjacency: dict[str, list[str]], s: str, between: dict[str, float]) -> None:
    """Add source ``s``'s dependencies to ``between``: networkx's
    ``_single_source_shortest_path_basic`` then ``_accumulate_basic``, the same float
    operations in the same order (so the same floats), but over plain lists and over the
    firms ``s`` reaches only, where networkx sets up every firm of the network for every
    source (100,000 of them, for a source that reaches a few hundred).

    >>> between = dict.fromkeys("abc", 0.0)
    >>> _brandes_from({"a": ["b"], "b": ["c"], "c": []}, "a", between)
    >>> between
    {'a': 0.0, 'b': 1.0, 'c': 0.0}
    """
    stack: list[str] = []
    preds: dict[str, list[str]] = {s: []}
    sigma, dist = {s: 1.0}, {s: 0}
    queue = deque([s])
    while queue:  # breadth first: shortest paths, counted
        v = queue.popleft()
        stack.append(v)
        dv, sv = dist[v], sigma[v]
        for w in adjacency[v]:
            if w not in dist:
                queue.append(w)
                dist[w], sigma[w], preds[w] = dv + 1, 0.0, []
            if dist[w] == dv + 1:
                sigma[w] += sv
                preds[w].append(v)
    delta = dict.fromkeys(stack, 0.0)
    while stack:  # dependencies, farthest first
        w = stack.pop()
        coeff = (1 + delta[w]) / sigma[w]
        for v in preds[w]:
            delta[v] += sigma[v] * coeff
        if w != s:
            between[w] += delta[w]


def centrality(
    store: GraphStore,
    *,
    measure: Measure = "betweenness",
    limit: int = 20,
    as_of: date | None = None,
) -> Centrality:
    """Firms ranked by one measure.

    ``{measure, nodes, edges, items, graph}``; each item ``{id, name, region_id, value,
    degree, betweenness, in_degree, out_degree}`` (``value`` the chosen measure; measures
    rounded to 6 decimals; ``betweenness`` only when it is the measure asked for, since it
    costs O(n·m) and degree is nearly free), ordered by ``(-value, id)``; ``graph`` holds the
    listed firms and the supply edges among them.
    """
    store = on_day(store, as_of)
    if measure not in MEASURES:
        raise InvalidOption("measure", f"measure must be one of {MEASURES}")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")
    net = _degrees(store, limit) if measure == "degree" else None
    if net is None:  # betweenness, or a map too small for the shortcut: the whole network
        net = _Network.of(supply_network(store))
    degree = net.degree
    sampled = measure == "betweenness" and net.n > EXACT_UP_TO
    k = min(net.n, sources_for(net.edges)) if sampled else None
    between = trading_betweenness(net.graph, k=k, seed=0) if measure == "betweenness" else {}
    chosen = degree if measure == "degree" else between
    ranked = sorted(chosen, key=lambda n: (-round(chosen[n], DIGITS), n))[:limit]
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, ranked, fields=NODE_FIELDS)}
    items: list[CentralityItem] = []
    for n in ranked:
        item = {
            "id": n,
            "name": firms[n].get("name"),
            "region_id": firms[n].get("region_id"),
            "value": round(chosen[n], DIGITS),
            "degree": round(degree[n], DIGITS),
            "betweenness": round(between[n], DIGITS) if between else None,
            "in_degree": net.ins[n],
            "out_degree": net.outs[n],
        }
        items.append(cast(CentralityItem, {k: v for k, v in item.items() if v is not None}))
    sub = Subgraph()
    for n in ranked:
        sub.node(Label.ENTERPRISE, firms[n])
    for a, b in net.pairs_among(store, ranked):
        sub.edge(Rel.SUPPLIES, node_key(Label.ENTERPRISE, a), node_key(Label.ENTERPRISE, b))
    answer: Centrality = {
        "measure": measure,
        "nodes": net.n,
        "edges": net.edges,
        "items": items,
        "graph": sub.build(),
    }
    if k is not None:
        answer["sampled_sources"] = k
    return answer


def kept_centrality(cache: AnalyticsCache, store: GraphStore, measure: Measure) -> Centrality:
    """:func:`centrality` of the first :data:`MAX_LIMIT` firms, kept per version of the graph
    and day in ``cache``: the route pages it, the committee's page cuts its first rows."""
    return cache.get(
        store, "centrality", (measure,), lambda: centrality(store, measure=measure, limit=MAX_LIMIT)
    )
