"""A subgraph answer → a view: styled vis-network nodes and edges with positions and options.

Styles come from :mod:`viz.style`, positions from :mod:`viz.layout`, folding from
:mod:`viz.aggregate`; the node and edge dicts are built here in one pass and handed to the
pyvis network of :mod:`viz.network`; :class:`viz.viewdata.ViewData` is the result.

>>> e1 = {"key": "Enterprise:E1", "label": "Enterprise", "id": "E1", "region_id": "ningbo"}
>>> e3 = {"key": "Enterprise:E3", "label": "Enterprise", "id": "E3", "region_id": "shangyu"}
>>> view = build_view({"nodes": [e1, e3],
...   "edges": [{"source": "Enterprise:E1", "target": "Enterprise:E3", "rel": "SUPPLIES",
...              "key": "pta", "props": {"product_id": "pta", "volume": 12000}}]})
>>> [(n["id"], n["color"]["background"]) for n in view.nodes]
[('Enterprise:E1', '#0072B2'), ('Enterprise:E3', '#D55E00')]
>>> view.edges[0]["label"], view.meta["physics"]
('pta', True)
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from typing import Any, Literal

from chainatlas.graph.queries.fold import NODE_LIMIT, district_of
from chainatlas.viz.aggregate import Aggregation, Drawable
from chainatlas.viz.layout import Lane, Layered, Point, force_layout, layered_layout
from chainatlas.viz.network import make_network, net_options
from chainatlas.viz.style import (
    DISTRICTS,
    KINDS,
    STAGE_INDEX,
    STAGES,
    edge_kind,
    edge_style,
    label_parts,
    legend,
    node_colour,
    node_label,
    node_size,
)
from chainatlas.viz.viewdata import ViewData, VisNode, edge_id

Layout = Literal["force", "stages", "layers"]
#: above this many nodes physics stays off: the server's layout is final
PHYSICS_LIMIT = 300
#: above this many nodes the canvas shows one language at a time
DENSE = 120
_STRUCTURAL = frozenset({"IN_CHAIN", "LOCATED_IN"})


def build_view(
    graph: Mapping[str, Any],
    *,
    layout: Layout = "force",
    layers: Mapping[str, int] | None = None,
    layer_titles: Mapping[int, tuple[str, str]] | None = None,
    focus: Collection[str] = (),
    highlight: Collection[str] = (),
    positions: Mapping[str, Point] | None = None,
    limit: int = NODE_LIMIT,
    expand: Collection[str] = (),
    physics_limit: int = PHYSICS_LIMIT,
    hide_rels: Collection[str] = (),
    product_names: Mapping[str, str] | None = None,
    dense: bool | None = None,
    fold: Mapping[str, Any] | None = None,
) -> ViewData:
    """Style, lay out and (above ``limit`` nodes) fold a subgraph of the shared shape.

    ``layout``: ``"stages"`` puts 上游 → 中游 → 下游 left to right in district bands;
    ``"layers"`` uses ``layers`` (node key → column, e.g. hop or tier) with ``layer_titles``;
    ``"force"`` a seeded force layout. ``positions`` (node key → x, y) wins over any layout
    (an export of what the reader arranged). ``focus``: the subject of the answer, drawn
    with a heavy border; ``highlight``: nodes the answer points at (path, candidates).
    ``hide_rels``: relationship types drawn hidden at first (the reader can show them).
    ``product_names``: names for SUPPLIES labels whose product is not a node of the graph.
    ``dense``: one language at a time on the canvas, edge labels only when zoomed in (default:
    for the stage panorama and above :data:`DENSE` nodes). ``fold``: ``graph`` was folded where
    it was read (:class:`~graph.queries.map_fold.FoldedMap`: its ``folded`` groups and the
    ``whole`` it stands for), and is drawn as it is.
    """
    drawable = Drawable(graph)
    nodes_in, edges_in = drawable.nodes, drawable.edges
    known = {n["key"] for n in nodes_in}
    region_names, chain_names = drawable.region_names, drawable.chain_names
    product_names = {
        **(product_names or {}),
        **{
            str(n.get("id")): str(n.get("name", n.get("id")))
            for n in nodes_in
            if n.get("label") == "Product"
        },
    }

    if fold is None:
        folded = drawable.fold(limit=limit, expand=expand)
        # how many members each folded group stands for, and how large the whole graph is
        groups = {g: len(m) for g, m in folded.folded.items()}
        whole = {"nodes": len(nodes_in), "edges": len(edges_in)}
    else:
        folded = Aggregation({"nodes": nodes_in, "edges": edges_in})
        groups, whole = dict(fold["folded"]), dict(fold["whole"])
    nodes, edges = folded.graph["nodes"], folded.graph["edges"]
    degree: Counter[str] = Counter()
    adjacency: dict[str, set[str]] = defaultdict(set)
    for e in edges:
        if e["rel"] not in _STRUCTURAL:
            degree[e["source"]] += 1
            degree[e["target"]] += 1
        adjacency[e["source"]].add(e["target"])
        adjacency[e["target"]].add(e["source"])
    districts = {n["key"]: district_of(n, region_names) for n in nodes}

    lanes: list[Lane] = []
    keys = [n["key"] for n in nodes]
    if layout == "stages":
        lay = _stage_layout(nodes, districts, adjacency, chain_names)
        pos, lanes = lay.positions, lay.lanes
    elif layout == "layers":
        lay = layered_layout(keys, layers or {}, neighbours=adjacency, layer_titles=layer_titles)
        pos, lanes = lay.positions, lay.lanes
    else:
        pos = force_layout(keys, ((e["source"], e["target"]) for e in edges))
    if positions:
        pos = {**pos, **{k: (float(x), float(y)) for k, (x, y) in positions.items() if k in pos}}

    physics = layout == "force" and not positions and len(nodes) <= physics_limit
    focus_set, highlight_set = set(focus), set(highlight)
    vis_nodes = [
        _vis_node(
            n,
            districts[n["key"]],
            degree[n["key"]],
            pos.get(n["key"], (0.0, 0.0)),
            n["key"] in focus_set,
            n["key"] in highlight_set,
        )
        for n in nodes
    ]
    vis_edges = _vis_edges(edges, product_names, set(hide_rels))
    net = make_network(
        vis_nodes,
        vis_edges,
        physics=physics,
        large=len(nodes) > physics_limit,
        layered=layout in ("stages", "layers") and not positions,
    )
    rels = {edge_kind(e) if not e.get("aggregate") else "AGGREGATE" for e in edges} | {
        e["rel"] for e in edges if e.get("aggregate")
    }
    return ViewData(
        nodes=net.nodes,
        edges=net.edges,
        options=net_options(net),
        lanes=lanes,
        legend=legend(
            {n["label"] for n in nodes},
            rels,
            {districts[n["key"]] for n in nodes if n["label"] in ("Enterprise", "Region")},
            hidden=set(hide_rels),
        ),
        meta={
            "layout": "given" if positions else layout,
            "physics": physics,
            "nodes": len(nodes),
            "edges": len(edges),
            "source_nodes": whole["nodes"],
            "source_edges": whole["edges"],
            # what the counters show at first: the edges of the kinds not hidden
            "drawn_edges": sum(1 for e in edges if e["rel"] not in hide_rels),
            "limit": limit,
            "folded": groups,
            "expanded": sorted(set(expand)),
            # asked open, but more members than a view draws: they stay folded
            "unopened": sorted(g for g in set(expand) if g in groups),
            "focus": sorted(focus_set & known),
            # the largest label font the layout has room for (canvas units; see atlas.js)
            "max_font": 26 if layout in ("stages", "layers") else 22,
            # many nodes: Chinese-only labels in the bilingual mode, edge labels on zoom only
            "dense": dense if dense is not None else layout == "stages" or len(nodes) > DENSE,
        },
    )


def _stage_layout(
    nodes: list[dict[str, Any]],
    districts: Mapping[str, str],
    adjacency: Mapping[str, set[str]],
    chain_names: Mapping[str, tuple[str, str]],
) -> Layered:
    """Regions on the left, stages 上游 → 中游 → 下游, firms without a stage, then chains; bands
    by district for firms and regions, one band for products, one for chains."""
    layer_of: dict[str, int] = {}
    band_of: dict[str, str] = {}
    for n in nodes:
        label, key = n["label"], n["key"]
        if label == "Region":
            layer_of[key] = -1
        elif label == "Outside":
            layer_of[key] = -2
        elif label == "Chain":
            layer_of[key] = 4
        else:
            layer_of[key] = STAGE_INDEX.get(str(n.get("stage", "")), 3)
        if label == "Product" or n.get("group_of") == "Product":
            band_of[key] = "product"
        elif label == "Chain":
            band_of[key] = "chain"
        elif label == "Outside":
            band_of[key] = "outside"
        else:
            band_of[key] = districts[key]
    titles = {i: (zh, en) for i, (zh, en) in enumerate(STAGES)}
    titles.update(
        {
            -2: ("外部", "outside"),
            -1: ("区域", "regions"),
            3: ("未分段", "no stage"),
            4: ("产业链", "chains"),
        }
    )
    band_titles = {d: (zh, en, colour) for d, zh, en, colour in DISTRICTS}
    band_titles["product"] = ("产品", "products", KINDS["Product"][3])
    band_titles["chain"] = ("产业链", "chains", KINDS["Chain"][3])
    band_titles["outside"] = ("外部来源", "outside sources", KINDS["Outside"][3])
    return layered_layout(
        [n["key"] for n in nodes],
        layer_of,
        band_of,
        neighbours=adjacency,
        band_order=["outside"] + [d[0] for d in DISTRICTS] + ["product", "chain"],
        layer_titles=titles,
        band_titles=band_titles,
        cell_aspect=2.0,
    )


def _vis_node(
    n: Mapping[str, Any], district: str, degree: int, xy: Point, focus: bool, highlight: bool
) -> VisNode:
    label = str(n["label"])
    colour = (
        node_colour(label, district)
        if label != "Group"
        else (
            node_colour("Enterprise", district)
            if n.get("group_of") == "Enterprise"
            else KINDS["Product"][3]
        )
    )
    border = "#111111" if focus else ("#FFC400" if highlight else "#37474F")
    zh, en = label_parts(n)
    item: VisNode = {
        "id": n["key"],
        "label": node_label(n),
        "label_zh": zh,
        "label_en": en,
        "shape": KINDS.get(label, KINDS["Group"])[0],
        "size": node_size(label, degree, int(n.get("members", 0))),
        "color": {
            "background": colour,
            "border": border,
            "highlight": {"background": colour, "border": "#000000"},
            "hover": {"background": colour, "border": "#000000"},
        },
        "borderWidth": 4 if focus else (3 if highlight else 1),
        "x": xy[0],
        "y": xy[1],
        "kind": label,
        "district": district,
        "stage": n.get("stage"),
        "data": dict(n),
    }
    return item


def _vis_edges(
    edges: list[dict[str, Any]], product_names: Mapping[str, str], hidden: set[str]
) -> list[dict[str, Any]]:
    out = []
    seen: Counter[str] = Counter()
    for e in edges:
        base = edge_id(e)
        seen[base] += 1
        item = {
            "id": base if seen[base] == 1 else f"{base}#{seen[base]}",
            "from": e["source"],
            "to": e["target"],
            "rel": e["rel"],
            "kind": edge_kind(e),
            "data": dict(e),
        }
        item.update(edge_style(e, product_names))
        if e["rel"] in hidden:
            item["hidden"] = True
        if e.get("aggregate"):
            count = int(e["props"].get("count", 1))
            item["label"] = f"×{count}"
            item["width"] = round(1 + min(6.0, count**0.5), 2)
        out.append(item)
    return out
