"""How a subgraph looks: shapes by node kind, colours by district, edge styles by kind.

One palette for the canvas, the legend and the standalone export. Colours are the Okabe–Ito
set (distinguishable with the common colour-vision deficiencies); shapes carry the node kind
so that colour only has to carry the district.
"""

from __future__ import annotations

import math
from collections.abc import Collection, Mapping
from dataclasses import dataclass
from typing import Any

from chainatlas.graph.model import COOP_KIND_EN, STAGE_EN, CoopKind, Stage
from chainatlas.graph.vocab import COMPANY_FORMS, ELSEWHERE, PLACE_PREFIXES
from chainatlas.graph.vocab import DISTRICTS as VOCAB_DISTRICTS

#: district id -> colour; the districts themselves (ids and names) are graph.vocab's
DISTRICT_COLOUR = {
    "shangyu": "#D55E00",
    "ningbo": "#0072B2",
    "keqiao": "#009E73",
    ELSEWHERE.id: "#8C8C8C",
}
#: (id, 中文, English, colour); the last entry is every other place.
DISTRICTS: tuple[tuple[str, str, str, str], ...] = tuple(
    (*d, DISTRICT_COLOUR[d.id]) for d in (*VOCAB_DISTRICTS, ELSEWHERE)
)

#: (中文, English) of each stage, upstream first (graph.model.Stage)
STAGES: tuple[tuple[str, str], ...] = tuple((s.value, STAGE_EN[s]) for s in Stage)
STAGE_INDEX = {zh: i for i, (zh, _) in enumerate(STAGES)}

#: label → (vis shape, 中文, English, fill colour when the kind has no district)
KINDS: dict[str, tuple[str, str, str, str]] = {
    "Enterprise": ("dot", "企业", "Enterprise", DISTRICT_COLOUR["other"]),
    "Product": ("diamond", "产品", "Product", "#E69F00"),
    "Chain": ("hexagon", "产业链", "Chain", "#CC79A7"),
    "Region": ("triangle", "区域", "Region", DISTRICT_COLOUR["other"]),
    "Group": ("square", "聚合（点击展开）", "Group (click to expand)", "#56B4E9"),
    "Outside": ("triangleDown", "外部来源", "Outside source", "#8C8C8C"),
    "Post": ("box", "供需帖", "Board post", "#F0E442"),
}

_COOP_COLOUR = {
    CoopKind.INFORMATION: "#0072B2",
    CoopKind.TECHNOLOGY: "#D55E00",
    CoopKind.TALENT: "#009E73",
    CoopKind.CAPITAL: "#CC79A7",
    CoopKind.PRODUCT: "#E69F00",
    CoopKind.CAPACITY: "#56B4E9",
    CoopKind.EQUIPMENT: "#7F6A00",
}
#: 中文 kind -> (English, colour), in graph.model.CoopKind order
COOP_KINDS: dict[str, tuple[str, str]] = {
    k.value: (COOP_KIND_EN[k], _COOP_COLOUR[k]) for k in CoopKind
}


@dataclass(frozen=True)
class EdgeKind:
    zh: str
    en: str
    colour: str
    dashes: tuple[int, ...] | None
    arrow: bool
    width: float


EDGE_KINDS: dict[str, EdgeKind] = {
    "SUPPLIES": EdgeKind("供应", "supplies", "#37474F", None, True, 2.0),
    "NEEDS": EdgeKind("需求", "needs", "#E69F00", (8, 5), True, 1.2),
    "PRODUCES": EdgeKind("生产", "produces", "#7BA7BC", None, True, 1.0),
    "COOPERATES": EdgeKind("合作", "cooperates", "#7E57C2", (2, 4), False, 1.6),
    "INPUT_TO": EdgeKind("投入", "input to", "#B8860B", None, True, 2.0),
    "IN_CHAIN": EdgeKind("属于产业链", "in chain", "#C8C8C8", (3, 3), False, 0.6),
    "LOCATED_IN": EdgeKind("位于", "located in", "#D0D0D0", (3, 3), False, 0.6),
    "AGGREGATE": EdgeKind("聚合关系", "aggregated links", "#90A4AE", None, True, 1.0),
    # drawn apart from SUPPLIES: a supply between two chains, an input bought from outside
    "CROSS_CHAIN": EdgeKind("跨链供应", "cross-chain supply", "#CC79A7", (10, 4), True, 2.0),
    "OUTSIDE": EdgeKind("外部购入", "bought from outside", "#8C8C8C", (4, 4), True, 1.2),
    # the board (docs/board.md): a firm and the post it put up
    "POSTED": EdgeKind("发布", "posted", "#B59F00", (6, 3), True, 1.2),
}


def edge_kind(edge: Mapping[str, Any]) -> str:
    """The kind an edge is drawn, filtered and listed in the legend as: its relationship,
    or ``CROSS_CHAIN`` for a supply between two chains.

    >>> edge_kind({"rel": "SUPPLIES", "cross_chain": True}), edge_kind({"rel": "NEEDS"})
    ('CROSS_CHAIN', 'NEEDS')
    """
    rel = str(edge.get("rel", ""))
    return "CROSS_CHAIN" if rel == "SUPPLIES" and edge.get("cross_chain") else rel


def short_name(name: str) -> str:
    """A firm's name without its place prefixes and company form, for canvas labels (the full
    name shows on hover): "浙江澜晟氟化工股份有限公司" → "澜晟氟化工".

    >>> short_name("浙江澜晟氟化工股份有限公司"), short_name("绍兴柯桥丁纺织有限公司")
    ('澜晟氟化工', '丁纺织')
    >>> short_name("浙江化工厂")  # too little left without the place
    '浙江化工'
    """
    core = name
    for suffix in COMPANY_FORMS:
        if core.endswith(suffix) and len(core) - len(suffix) >= 2:
            core = core[: -len(suffix)]
            break
    stripped = True
    while stripped:
        stripped = False
        for prefix in PLACE_PREFIXES:
            if core.startswith(prefix) and len(core) - len(prefix) >= 3:
                core, stripped = core[len(prefix) :], True
                break
    return core


#: names on the canvas are cut to this many characters (the whole name is on hover)
ZH_LABEL_MAX, EN_LABEL_MAX = 12, 24


def label_parts(node: Mapping[str, Any]) -> tuple[str, str]:
    """(Chinese, English) canvas labels: the short Chinese name, the English name cut to
    :data:`EN_LABEL_MAX` characters ("" when there is none)."""
    label = node_label(node)
    zh, _, en = label.partition("\n")
    return zh, en


def node_label(node: Mapping[str, Any]) -> str:
    """Canvas label: the Chinese (short) name first, the English name beside it when known.

    >>> node_label({"label": "Product", "name": "精对苯二甲酸", "name_en": "PTA"})
    '精对苯二甲酸\\nPTA'
    >>> node_label({"label": "Enterprise", "name": "宁波甲石化有限公司"})
    '甲石化'
    >>> node_label({"label": "Enterprise", "name": "宁波甲石化有限公司", "short_name": "甲石"})
    '甲石'
    """
    name = str(node.get("name") or node.get("id") or "")
    if node.get("short_name"):
        zh = str(node["short_name"])
    elif node.get("label") == "Enterprise":
        zh = short_name(name)
    else:
        zh = name
    if len(zh) > ZH_LABEL_MAX:
        zh = zh[: ZH_LABEL_MAX - 1] + "…"
    en = str(node.get("name_en") or "")
    if len(en) > EN_LABEL_MAX:  # the whole name is on hover
        en = en[: EN_LABEL_MAX - 1].rstrip() + "…"
    return f"{zh}\n{en}" if en and en != zh else zh


def node_size(label: str, degree: int, members: int = 0) -> float:
    """Marker size: grows with the square root of the degree (of members for a group)."""
    if label == "Group":
        return round(min(60.0, 18 + 4 * math.sqrt(members)), 1)
    base = {"Enterprise": 12.0, "Product": 10.0, "Chain": 26.0, "Region": 22.0}.get(label, 10.0)
    return round(min(base + 30, base + 3.5 * math.sqrt(degree)), 1)


def node_colour(label: str, district: str) -> str:
    if label in ("Enterprise", "Region"):
        return DISTRICT_COLOUR.get(district, DISTRICT_COLOUR["other"])
    return KINDS.get(label, KINDS["Group"])[3]


def edge_width(kind: EdgeKind, props: Mapping[str, Any]) -> float:
    """Width by kind, thicker for larger volumes (logarithmic, in the base unit when known)."""
    volume = props.get("volume_base", props.get("volume"))
    if isinstance(volume, int | float) and not isinstance(volume, bool) and volume > 0:
        return round(kind.width + min(4.0, math.log10(1 + volume) / 1.5), 2)
    return kind.width


def edge_style(edge: Mapping[str, Any], product_names: Mapping[str, str]) -> dict[str, Any]:
    """vis-network properties of one subgraph edge (colour, dashes, arrow, width, label)."""
    rel = str(edge.get("rel", ""))
    kind = EDGE_KINDS.get(edge_kind(edge), EDGE_KINDS["AGGREGATE"])
    props = edge.get("props") or {}
    colour = kind.colour
    label = None
    if rel in ("SUPPLIES", "OUTSIDE"):
        pid = str(props.get("product_id") or edge.get("key") or "")
        label = props.get("product_name") or product_names.get(pid) or pid or None
    elif rel == "COOPERATES":
        coop = str(edge.get("key") or props.get("kind") or "")
        colour = COOP_KINDS.get(coop, ("", kind.colour))[1]
        label = coop or None
    style: dict[str, Any] = {
        "color": {"color": colour, "highlight": "#000000", "hover": colour},
        "width": edge_width(kind, props),
        "dashes": list(kind.dashes) if kind.dashes else False,
        "arrows": {"to": {"enabled": kind.arrow, "scaleFactor": 0.6}},
    }
    if label:
        style["label"] = str(label)
    return style


def legend(
    kinds: set[str], rels: set[str], districts: set[str], hidden: Collection[str] = ()
) -> dict[str, list[dict[str, Any]]]:
    """What the legend shows: only the kinds, districts and edge kinds present in the view
    (edge kinds in ``hidden`` start switched off)."""
    nodes = [
        {"kind": k, "shape": v[0], "zh": v[1], "en": v[2], "colour": v[3]}
        for k, v in KINDS.items()
        if k in kinds
    ]
    dists = [
        {"id": d, "zh": zh, "en": en, "colour": c} for d, zh, en, c in DISTRICTS if d in districts
    ]
    edges = [
        {
            "rel": r,
            "zh": k.zh,
            "en": k.en,
            "colour": k.colour,
            "dashes": " ".join(map(str, k.dashes)) if k.dashes else "",
            "arrow": k.arrow,
            "hidden": r in hidden,
        }
        for r, k in EDGE_KINDS.items()
        if r in rels
    ]
    coops = (
        [{"zh": zh, "en": en, "colour": c} for zh, (en, c) in COOP_KINDS.items()]
        if "COOPERATES" in rels
        else []
    )
    return {"nodes": nodes, "districts": dists, "edges": edges, "coops": coops}
