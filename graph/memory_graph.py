"""The embedded store's tables as a networkx graph.

Nodes are keyed ``(label, id)`` and carry their row; edges are keyed by relationship type and
discriminator (:data:`DISCRIMINATOR`), so that the same upsert twice leaves one edge. Besides
the stored relationships, ``IN_CHAIN`` and ``LOCATED_IN`` edges are derived from the firms'
and products' ``chain_id`` and ``region_id`` columns.

>>> tables = {t: {} for t in Table}
>>> tables[Table.REGIONS][("shangyu",)] = {"id": "shangyu", "name": "上虞区"}
>>> tables[Table.ENTERPRISES][("E1",)] = {"id": "E1", "name": "甲", "region_id": "shangyu"}
>>> g = build_graph(tables)
>>> sorted(g.nodes)
[(<Label.ENTERPRISE: 'Enterprise'>, 'E1'), (<Label.REGION: 'Region'>, 'shangyu')]
>>> [(u[1], v[1], key) for u, v, key in g.edges(keys=True)]
[('E1', 'shangyu', 'LOCATED_IN')]
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from operator import itemgetter
from typing import Any, TypeVar

import networkx as nx

from chainatlas.graph.acyclic import acyclic
from chainatlas.graph.model import DERIVED_LINKS, EDGE_TABLES, NODE_TABLES, Label, Rel, Row, Table

T = TypeVar("T")

#: every table's rows by key (``row_key``): the embedded store's source of truth
Tables = dict[Table, dict[tuple[Any, ...], Row]]

#: the relationship property that tells two edges of one type between one pair apart
DISCRIMINATOR = {Rel.SUPPLIES: "product_id", Rel.COOPERATES: "kind"}


#: per stored relationship type, the columns naming the firms a fact touches: a fact counts on
#: a day only when each of them is in the map then (graph.asof.member)
FIRM_COLUMNS: dict[Rel, tuple[str, ...]] = {
    rel: tuple(col for label, col in ends if label is Label.ENTERPRISE)
    for rel, *ends in EDGE_TABLES.values()
}


#: per relationship type, its name and its discriminator column: read once here, since an
#: enum's ``value`` is slow to read for each of a province's million edges
_KEY_PARTS = {rel: (rel.value, DISCRIMINATOR.get(rel)) for rel in Rel}
#: every edge key made so far and its type: one string per (type, discriminator), shared by
#: all the edges of a product (a million edge keys at 100,000 firms, a few thousand distinct)
_KEYS: dict[tuple[Rel, Any], str] = {}
_RELS: dict[str, Rel] = {rel.value: rel for rel in Rel}


def edge_key(rel: Rel, props: Row) -> str:
    """The networkx key of a ``rel`` edge: its type, and its discriminator when it has one.

    >>> edge_key(Rel.SUPPLIES, {"product_id": "pta"}), edge_key(Rel.INPUT_TO, {})
    ('SUPPLIES:pta', 'INPUT_TO')
    """
    name, disc = _KEY_PARTS[rel]
    if disc is None:
        return name
    part = props[disc]
    key = _KEYS.get((rel, part))
    if key is None:
        key = _KEYS[(rel, part)] = f"{name}:{part}"
        _RELS[key] = rel
    return key


def edge_rel(key: str) -> Rel:
    """The type of the edge keyed ``key`` (:func:`edge_key`): the graph's edges carry their
    row alone.

    >>> edge_rel(edge_key(Rel.SUPPLIES, {"product_id": "pta"})), edge_rel("IN_CHAIN")
    (<Rel.SUPPLIES: 'SUPPLIES'>, <Rel.IN_CHAIN: 'IN_CHAIN'>)
    """
    rel = _RELS.get(key)
    return rel if rel is not None else _RELS[key.partition(":")[0]]


def incident_rows(adjacency: Mapping[Any, Mapping[str, Row]] | None, rel: Rel) -> list[Row]:
    """The rows of the ``rel`` edges in one node's ``adjacency`` (networkx's own dict of
    neighbour to edges by key, ``_succ[node]`` or ``_pred[node]``), in its order.

    A type without a discriminator has one key per pair of ends, so its edge is looked up, not
    found by walking each neighbour's keys: a product's makers are a twelfth of the edges into
    it (the rest are the firms that need it)."""
    if not adjacency:
        return []
    name, disc = _KEY_PARTS[rel]
    if disc is None:
        return [row for keyed in adjacency.values() if (row := keyed.get(name)) is not None]
    rel_of = _RELS.get  # every key of the graph is registered by edge_key when it is built
    return [row for keyed in adjacency.values() for k, row in keyed.items() if rel_of(k) is rel]


#: a node with at least this many neighbours on one side is a hub there: what is read of its
#: edges on that side is kept with the graph (a firm's thousands of customers are walked by
#: every profile, trade page and path search through it). Smaller nodes are walked as they
#: come: a province's million firms would be millions of lists kept.
HUB = 128

#: a node's edges on one side by type, each as ``(other end, key, row)``
Typed = Mapping[Rel, list[tuple[tuple[Label, Any], str, Row]]]


def _kept(g: nx.MultiDiGraph, kind: str, key: tuple[Any, ...], make: Callable[[], T]) -> T:
    """What ``make`` gives, kept in ``g`` under ``(kind, key)``. The graph is never written
    (:func:`build_graph`), so what is kept is never stale: a write builds a new graph, and
    what it keeps starts empty. Two threads at once make it twice: either is kept."""
    kept: dict[tuple[Any, ...], T] = g.graph.setdefault(kind, {})
    found = kept.get(key)
    if found is None:
        found = kept[key] = make()
    return found


def _adjacency(g: nx.MultiDiGraph, node: tuple[Label, Any], out: bool) -> Mapping[Any, Any]:
    return (g._succ if out else g._pred).get(node) or {}


def typed_edges(g: nx.MultiDiGraph, node: tuple[Label, Any], out: bool) -> Typed:
    """``node``'s edges on one side (its out-edges when ``out``) by type, in the adjacency's
    order; kept for a hub (:data:`HUB`). Shared: read it, never change it."""
    adjacency = _adjacency(g, node, out)

    def make() -> Typed:
        found: dict[Rel, list[tuple[tuple[Label, Any], str, Row]]] = {}
        for other, keyed in adjacency.items():
            for key, row in keyed.items():
                found.setdefault(edge_rel(key), []).append((other, key, row))
        return found

    return make() if len(adjacency) < HUB else _kept(g, "typed", (node, out), make)


def incident(
    g: nx.MultiDiGraph,
    node: tuple[Label, Any],
    rel: Rel,
    out: bool,
    order: tuple[str, ...] = (),
) -> list[Row]:
    """:func:`incident_rows` of ``node`` in ``g`` (its out-edges when ``out``), sorted by the
    columns ``order`` when given. Kept with ``g`` for a product (a common material's makers
    are found among the ten thousand firms that need it, on every match) and for a hub
    (:data:`HUB`). The list is shared: read it, never change it."""
    adjacency = _adjacency(g, node, out)

    def make() -> list[Row]:
        # walked, not cut from typed_edges: every product's edges by type, kept, would be a
        # tuple more per edge of the map once a survey counted each product's makers
        rows = incident_rows(adjacency, rel)
        return sorted(rows, key=itemgetter(*order)) if order else rows

    if node[0] is not Label.PRODUCT and len(adjacency) < HUB:
        return make()
    return _kept(g, "incident", (node, rel, out, order), make)


def build_graph(tables: Mapping[Table, Mapping[tuple[Any, ...], Row]]) -> nx.MultiDiGraph:
    """The networkx view of ``tables``: every row a node or an edge, plus the derived
    ``IN_CHAIN`` and ``LOCATED_IN`` edges (of firms, products and parks) to chains and regions
    that exist.

    A node's data is its row and a stored edge's data is its row, the very objects of
    ``tables`` (the type of an edge is its key's: :func:`edge_rel`); a derived edge's data is
    shared by the edges alike (``{"stage": ...}``, ``{}``). So the graph is read, never
    written: a write changes ``tables`` and the store builds the graph again."""
    with acyclic():  # 1.7M edges at 100,000 firms: a third of the build was the collector
        return _build(tables)


def _build(tables: Mapping[Table, Mapping[tuple[Any, ...], Row]]) -> nx.MultiDiGraph:
    # networkx's add_*_from copy each data dict given: 184 bytes an edge, 300 MB at 100,000
    # firms. So the adjacency (dicts of dicts of key dicts, a key dict shared by the
    # successor and the predecessor side, as networkx's own add_edge makes them) is filled
    # here, holding the rows themselves.
    g = nx.MultiDiGraph()
    nodes, succ, pred = g._node, g._succ, g._pred

    def edge(u: tuple[Label, Any], v: tuple[Label, Any], key: str, data: Row) -> None:
        for n in (u, v):  # as networkx adds a missing end: a node without data
            if n not in nodes:
                nodes[n], succ[n], pred[n] = {}, {}, {}
        keys = succ[u].get(v)
        if keys is None:
            keys = succ[u][v] = pred[v][u] = {}
        keys[key] = data

    for table, label in NODE_TABLES.items():
        for row in tables[table].values():
            n = (label, row["id"])
            nodes[n], succ[n], pred[n] = row, {}, {}
    for table, (rel, (src_label, src_col), (dst_label, dst_col)) in EDGE_TABLES.items():
        for row in tables[table].values():
            edge((src_label, row[src_col]), (dst_label, row[dst_col]), edge_key(rel, row), row)
    shared: dict[tuple[Rel, Any], Row] = {}  # one data dict per link type and value
    for rel, table, target, column, prop in DERIVED_LINKS:
        label = NODE_TABLES[table]
        for row in tables[table].values():
            end = (target, row.get(column))
            if end[1] and end in nodes:
                value = row.get(prop) if prop else None
                data = shared.get((rel, value))
                if data is None:
                    data = shared[(rel, value)] = {prop: value} if prop else {}
                edge((label, row["id"]), end, rel.value, data)
    return g


def node_table(label: Label) -> Table:
    """The table holding the nodes of ``label``."""
    return next(t for t, lab in NODE_TABLES.items() if lab is label)


def edge_table(rel: Rel) -> Table:
    """The table holding the stored relationships of type ``rel``."""
    return next(t for t, (r, _, _) in EDGE_TABLES.items() if r is rel)
