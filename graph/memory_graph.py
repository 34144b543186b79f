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
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Label, Rel, Row, Table

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


def edge_key(rel: Rel, props: Row) -> str:
    """The networkx key of a ``rel`` edge: its type, and its discriminator when it has one.

    >>> edge_key(Rel.SUPPLIES, {"product_id": "pta"}), edge_key(Rel.INPUT_TO, {})
    ('SUPPLIES:pta', 'INPUT_TO')
    """
    name, disc = _KEY_PARTS[rel]
    return f"{name}:{props[disc]}" if disc else name


def build_graph(tables: Mapping[Table, Mapping[tuple[Any, ...], Row]]) -> nx.MultiDiGraph:
    """The networkx view of ``tables``: every row a node or an edge, plus the derived
    ``IN_CHAIN`` and ``LOCATED_IN`` edges (of firms, products and parks) to chains and regions
    that exist."""
    with acyclic():  # 1.7M edges at 100,000 firms: a third of the build was the collector
        return _build(tables)


def _build(tables: Mapping[Table, Mapping[tuple[Any, ...], Row]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    for table, label in NODE_TABLES.items():
        g.add_nodes_from(
            ((label, row["id"]), {"label": label, **row}) for row in tables[table].values()
        )
    for table, (rel, (src_label, src_col), (dst_label, dst_col)) in EDGE_TABLES.items():
        g.add_edges_from(
            (
                (src_label, row[src_col]),
                (dst_label, row[dst_col]),
                edge_key(rel, row),
                {"rel": rel, "props": row},
            )
            for row in tables[table].values()
        )
    in_chain, located_in = Rel.IN_CHAIN.value, Rel.LOCATED_IN.value
    for table in (Table.ENTERPRISES, Table.PRODUCTS):
        label = NODE_TABLES[table]
        g.add_edges_from(
            (
                (label, row["id"]),
                (Label.CHAIN, row["chain_id"]),
                in_chain,
                {"rel": Rel.IN_CHAIN, "props": {"stage": row.get("stage")}},
            )
            for row in tables[table].values()
            if row.get("chain_id") and (Label.CHAIN, row["chain_id"]) in g
        )
    for table in (Table.PARKS, Table.ENTERPRISES):
        g.add_edges_from(
            (
                (NODE_TABLES[table], row["id"]),
                (Label.REGION, row["region_id"]),
                located_in,
                {"rel": Rel.LOCATED_IN, "props": {}},
            )
            for row in tables[table].values()
            if row.get("region_id") and (Label.REGION, row["region_id"]) in g
        )
    return g


def node_table(label: Label) -> Table:
    """The table holding the nodes of ``label``."""
    return next(t for t, lab in NODE_TABLES.items() if lab is label)


def edge_table(rel: Rel) -> Table:
    """The table holding the stored relationships of type ``rel``."""
    return next(t for t, (r, _, _) in EDGE_TABLES.items() if r is rel)
