"""The whole graph as one networkx multigraph with every stored property (``atlas.to_networkx``).

The exports keep the fields views and Gephi need (:mod:`chainatlas.graph.queries.export`); an
analyst in a notebook wants all of them: capacities, credit codes, tags, sources.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import networkx as nx

from chainatlas.graph.model import EDGE_TABLES, Label, Rel
from chainatlas.graph.queries.subgraph import node_key
from chainatlas.graph.store import GraphStore


def whole_networkx(store: GraphStore, labels: Iterable[Label]) -> nx.MultiDiGraph:
    """Every node of ``labels`` and every relationship among them, all properties kept."""
    g = nx.MultiDiGraph()
    for label in labels:
        for props in store.nodes(label):
            g.add_node(
                node_key(label, props["id"]),
                kind=label.value,
                entity_id=props["id"],
                label=props.get("name") or props["id"],
                **{k: v for k, v in props.items() if k not in ("id", "label")},
            )
    for rel, (src, _), (dst, _) in EDGE_TABLES.values():
        for e in store.edges(rel):
            a, b = node_key(src, e["source"]), node_key(dst, e["target"])
            if a in g and b in g:
                g.add_edge(a, b, key=f"{rel.value}:{e['key']}", rel=rel.value, **_props(e))
    for key, data in list(g.nodes(data=True)):
        if data["kind"] in (Label.ENTERPRISE.value, Label.PRODUCT.value):
            _link(g, key, Rel.IN_CHAIN, node_key(Label.CHAIN, data.get("chain_id", "")), data)
            _link(g, key, Rel.LOCATED_IN, node_key(Label.REGION, data.get("region_id", "")), {})
    return g


def _props(edge: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in edge["props"].items() if k not in ("rel", "key")}


def _link(g: nx.MultiDiGraph, key: str, rel: Rel, target: str, data: dict[str, Any]) -> None:
    if target in g:
        props = {"stage": data["stage"]} if data.get("stage") else {}
        g.add_edge(key, target, key=f"{rel.value}:", rel=rel.value, **props)
