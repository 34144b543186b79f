"""Export the whole graph, or any answer's ``graph``, for Gephi, notebooks and meetings.

Formats: ``graphml`` and ``gexf`` (Gephi, yEd, networkx), ``json`` (networkx node-link:
``{"directed", "multigraph", "graph", "nodes", "edges"}``) and ``csv`` (a zip of
``nodes.csv`` and ``edges.csv``, UTF-8 with a byte-order mark so Excel shows Chinese).

In GraphML and GEXF a node's ``label`` attribute is its display name (what Gephi shows) and
``kind`` its node label (Enterprise, Product, Chain, Region) and ``entity_id`` its id (GEXF
reserves ``id`` for the node key, ``Enterprise:E1``); an edge's id is
``"<rel>:<key>"`` (``SUPPLIES:pta``) and it carries ``rel`` and the relationship's
properties. A property that is an integer on some edges and a float on
others is written as a float everywhere, since both formats type each attribute once.
"""

from __future__ import annotations

import csv
import io
import json
import zipfile
from collections.abc import Mapping
from typing import Any

import networkx as nx

from chainatlas.graph import shapes
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Label, Rel
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph, node_key
from chainatlas.graph.store import EDGE_RELS, GraphStore

#: format -> (media type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "json": ("application/json", "json"),
    "csv": ("application/zip", "zip"),
}
NODE_COLUMNS = ("key", "label", "id", *NODE_FIELDS)
EDGE_COLUMNS = ("source", "target", "rel", "key")


def whole_graph(store: GraphStore) -> shapes.Subgraph:
    """Every node and relationship of the store in the subgraph shape (IN_CHAIN and
    LOCATED_IN follow from the nodes' chain_id, stage and region_id)."""
    g = Subgraph()
    for label in NODE_TABLES.values():
        for props in store.nodes(label):
            key = g.node(label, props)
            if label in (Label.ENTERPRISE, Label.PRODUCT, Label.PARK):
                _links(g, key, props)
    ends = {rel: (src, dst) for rel, (src, _), (dst, _) in EDGE_TABLES.values()}
    for rel in EDGE_RELS:
        src, dst = ends[rel]
        for e in store.edges(rel):
            g.edge(
                rel,
                node_key(src, e["source"]),
                node_key(dst, e["target"]),
                key=e["key"],
                props=e["props"],
            )
    return g.build()


def _links(g: Subgraph, key: str, props: Mapping[str, Any]) -> None:
    chain = node_key(Label.CHAIN, props["chain_id"]) if props.get("chain_id") else None
    if chain and chain in g:
        g.edge(Rel.IN_CHAIN, key, chain, props=props)
    region = node_key(Label.REGION, props["region_id"]) if props.get("region_id") else None
    if region and region in g:
        g.edge(Rel.LOCATED_IN, key, region)


def to_networkx(graph: Mapping[str, Any]) -> nx.MultiDiGraph:
    """A subgraph as a networkx multigraph keyed as the subgraph keys nodes and edges."""
    g = nx.MultiDiGraph()
    for n in graph["nodes"]:
        attrs = {k: v for k, v in n.items() if k not in ("key", "label", "id") and v is not None}
        g.add_node(
            n["key"], kind=n["label"], entity_id=n["id"], label=n.get("name") or n["id"], **attrs
        )
    floats = _mixed_numbers(graph["edges"])
    for e in graph["edges"]:
        props = {
            k: (float(v) if k in floats else v)
            for k, v in e["props"].items()
            if v is not None and k not in ("rel", "key")
        }
        g.add_edge(e["source"], e["target"], key=f"{e['rel']}:{e['key']}", rel=e["rel"], **props)
    return g


def _mixed_numbers(edges: list[dict[str, Any]]) -> set[str]:
    kinds: dict[str, set[type]] = {}
    for e in edges:
        for k, v in e["props"].items():
            if isinstance(v, int | float) and not isinstance(v, bool):
                kinds.setdefault(k, set()).add(type(v))
    return {k for k, ts in kinds.items() if float in ts}


def export_graph(store: GraphStore, fmt: str, *, graph: Mapping[str, Any] | None = None) -> bytes:
    """``graph`` (or the whole store when None) in format ``fmt`` (:data:`FORMATS`)."""
    if fmt not in FORMATS:
        raise InvalidOption("format", f"format must be one of {sorted(FORMATS)}")
    sub = graph if graph is not None else whole_graph(store)
    if fmt == "csv":
        return _csv_zip(sub)
    g = to_networkx(sub)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(g)).encode("utf-8")
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(g)).encode("utf-8")
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


def _csv_zip(sub: Mapping[str, Any]) -> bytes:
    prop_cols = sorted({k for e in sub["edges"] for k in e["props"]})
    nodes = io.StringIO()
    w = csv.writer(nodes, lineterminator="\n")
    w.writerow(NODE_COLUMNS)
    for n in sub["nodes"]:
        w.writerow([n.get(c, "") for c in NODE_COLUMNS])
    edges = io.StringIO()
    w = csv.writer(edges, lineterminator="\n")
    w.writerow(EDGE_COLUMNS + tuple(prop_cols))
    for e in sub["edges"]:
        w.writerow([e[c] for c in EDGE_COLUMNS] + [_cell(e["props"].get(c)) for c in prop_cols])
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, text in (("nodes.csv", nodes), ("edges.csv", edges)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, text.getvalue().encode("utf-8-sig"))
    return out.getvalue()


def _cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return str(value)
