"""Export the whole graph, or any answer's ``graph``, for Gephi, notebooks and meetings.

Formats: ``graphml`` and ``gexf`` (Gephi, yEd, networkx), ``json`` (networkx node-link:
``{"directed", "multigraph", "graph", "nodes", "edges"}``) and ``csv`` (a zip of
``nodes.csv`` — a firm's row with its credit code, scale and tags — and ``edges.csv``,
written by :mod:`graph.sheets`: UTF-8 with a byte-order mark
so Excel shows Chinese, and text that a spreadsheet would take for a formula written with a
leading apostrophe). Characters XML 1.0 cannot carry (a NUL an old graph file may hold) are
replaced by U+FFFD in GraphML and GEXF, so both stay well-formed.

In GraphML and GEXF a node's ``label`` attribute is its display name (what Gephi shows) and
``kind`` its node label (Enterprise, Product, Chain, Region) and ``entity_id`` its id (GEXF
reserves ``id`` for the node key, ``Enterprise:E1``); an edge's id is
``"<rel>:<key>"`` (``SUPPLIES:pta``) and it carries ``rel`` and the relationship's
properties. A property that is an integer on some edges and a float on
others is written as a float everywhere, since both formats type each attribute once.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from collections.abc import Callable, Mapping
from enum import StrEnum
from typing import Any

import networkx as nx

from chainatlas.graph import shapes, sheets
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Label, Rel
from chainatlas.graph.queries.chains import chain_panorama
from chainatlas.graph.queries.profiles import enterprise_profile, product_profile
from chainatlas.graph.queries.risk import gaps, impact, single_source
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph, node_key
from chainatlas.graph.store import EDGE_RELS, GraphStore

#: format -> (media type, file extension)
FORMATS: dict[str, tuple[str, str]] = {
    "graphml": ("application/graphml+xml", "graphml"),
    "gexf": ("application/gexf+xml", "gexf"),
    "json": ("application/json", "json"),
    "csv": ("application/zip", "zip"),
}
#: what a firm's row of ``nodes.csv`` adds to the subgraph's fields (never contact details)
FIRM_DETAILS = ("credit_code", "scale", "tags")
NODE_COLUMNS = ("key", "label", "id", *NODE_FIELDS, *FIRM_DETAILS)
EDGE_COLUMNS = ("source", "target", "rel", "key")


class ExportQuery(StrEnum):
    """Which query's subgraph to export (with ``id``); none: the whole graph."""

    chain = "chain"
    enterprise = "enterprise"
    product = "product"
    impact = "impact"
    gaps = "gaps"
    single_source = "single-source"


#: queries about one node, which need an ``id``
NEEDS_ID = frozenset(
    {ExportQuery.chain, ExportQuery.enterprise, ExportQuery.product, ExportQuery.impact}
)
#: how much of a ranking (gaps, single-source) an export carries
RANKING_CAP = 1_000


def query_graph(
    store: GraphStore, query: ExportQuery | str, id: str | None = None, *, contacts: bool = False
) -> shapes.Subgraph:
    """The ``graph`` member of ``query``'s answer about ``id``: the subgraph an export of that
    query writes, from the API, the CLI and the Python API alike. A chain's panorama is
    exported whole (a file is not a picture: no budget folds it into groups), a ranking's first
    :data:`RANKING_CAP`. ``InvalidOption`` for a query not in :class:`ExportQuery` or one of
    :data:`NEEDS_ID` without an id."""
    try:
        asked = ExportQuery(query)
    except ValueError:
        raise InvalidOption(
            "query", f"query must be one of {sorted(q.value for q in ExportQuery)}"
        ) from None
    if asked in NEEDS_ID and id is None:
        raise InvalidOption("id", f"an export of the {asked.value} subgraph needs an id")
    node = id or ""
    answers: dict[ExportQuery, Callable[[], Mapping[str, Any]]] = {
        ExportQuery.chain: lambda: chain_panorama(store, node, budget=None),
        ExportQuery.enterprise: lambda: enterprise_profile(store, node, contacts=contacts),
        ExportQuery.product: lambda: product_profile(store, node),
        ExportQuery.impact: lambda: impact(store, enterprise_id=node),
        ExportQuery.gaps: lambda: gaps(store, limit=RANKING_CAP),
        ExportQuery.single_source: lambda: single_source(store, limit=RANKING_CAP),
    }
    graph: shapes.Subgraph = answers[asked]()["graph"]
    return graph


def whole_graph(store: GraphStore) -> shapes.Subgraph:
    """Every node and relationship of the store in the subgraph shape (IN_CHAIN and
    LOCATED_IN follow from the nodes' chain_id, stage and region_id)."""
    g = Subgraph()
    for label in NODE_TABLES.values():
        if label is Label.POST:  # the board is not the panorama (and posts carry contacts)
            continue
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
        return _csv_zip(sub, _firm_details(store, sub))
    g = to_networkx(_xml_safe(sub) if fmt in ("graphml", "gexf") else sub)
    if fmt == "graphml":
        return "\n".join(nx.generate_graphml(g)).encode("utf-8")
    if fmt == "gexf":
        return "\n".join(nx.generate_gexf(g)).encode("utf-8")
    data = nx.node_link_data(g, edges="edges")
    return json.dumps(data, ensure_ascii=False, sort_keys=True).encode("utf-8")


#: characters XML 1.0 cannot carry, whatever the escaping: C0 controls but tab, LF and CR,
#: lone surrogates and the two non-characters
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def _xml_safe(value: Any) -> Any:
    r"""``value`` with every string in it (keys too) stripped of what XML cannot carry.

    >>> _xml_safe({"nodes": [{"name": "甲\x00化工", "n": 2}]})
    {'nodes': [{'name': '甲\ufffd化工', 'n': 2}]}
    """
    if isinstance(value, str):
        return _NOT_XML.sub("\ufffd", value)
    if isinstance(value, Mapping):
        return {_xml_safe(k): _xml_safe(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_xml_safe(v) for v in value]
    return value


def _firm_details(store: GraphStore, sub: Mapping[str, Any]) -> dict[str, dict[str, Any]]:
    """Credit code, scale and tags of the firms in ``sub``, by node key."""
    ids = [n["id"] for n in sub["nodes"] if n["label"] == Label.ENTERPRISE.value]
    return {
        node_key(Label.ENTERPRISE, f["id"]): {c: f.get(c) for c in FIRM_DETAILS}
        for f in (store.nodes(Label.ENTERPRISE, ids) if ids else [])
    }


def _csv_zip(sub: Mapping[str, Any], details: Mapping[str, Mapping[str, Any]]) -> bytes:
    # through graph.sheets: a name such as "=HYPERLINK(…)" is written as text ('=HYPERLINK…)
    prop_cols = sorted({k for e in sub["edges"] for k in e["props"]})
    nodes = sheets.csv_bytes(
        NODE_COLUMNS,
        (
            {c: _cell(n.get(c)) for c in NODE_COLUMNS} | _details(details.get(n["key"]))
            for n in sub["nodes"]
        ),
    )
    edge_cols = (*EDGE_COLUMNS, *prop_cols)
    edges = sheets.csv_bytes(
        edge_cols,
        (
            {**{c: e[c] for c in EDGE_COLUMNS}, **{c: _cell(e["props"].get(c)) for c in prop_cols}}
            for e in sub["edges"]
        ),
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("nodes.csv", nodes), ("edges.csv", edges)):
            info = zipfile.ZipInfo(name, date_time=(1980, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)
    return out.getvalue()


def _details(found: Mapping[str, Any] | None) -> dict[str, Any]:
    return {c: _cell(v) for c, v in (found or {}).items() if v is not None}


def _cell(value: Any) -> Any:
    # lists in one cell, joined by "|"; numbers stay numbers (never neutralised)
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return value
