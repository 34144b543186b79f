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

from collections.abc import Mapping
from typing import Any

import networkx as nx

from chainatlas.graph.acyclic import acyclic
from chainatlas.graph.model import DERIVED_LINKS, EDGE_TABLES, NODE_TABLES, Label, Rel, Row, Table

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


def incident(g: nx.MultiDiGraph, node: tuple[Label, Any], rel: Rel, out: bool) -> list[Row]:
    """:func:`incident_rows` of ``node`` in ``g`` (its out-edges when ``out``), kept with
    ``g`` for a product: a common material's makers are found among the ten thousand firms
    that need it, on every match. Firms are walked as they come (a province's million would
    be a million lists kept). The list is shared: read it, never change it.

    The graph is never written (:func:`build_graph`), so what is kept is never stale: a
    write builds a new graph, and what it keeps starts empty."""
    if node[0] is not Label.PRODUCT:
        return incident_rows((g._succ if out else g._pred).get(node), rel)
    kept: dict[tuple[Any, ...], list[Row]] = g.graph.setdefault("incident", {})
    key = (node[1], rel, out)
    rows = kept.get(key)
    if rows is None:  # two threads at once make the same list twice: either is kept
        rows = kept[key] = incident_rows((g._succ if out else g._pred).get(node), rel)
    return rows


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
