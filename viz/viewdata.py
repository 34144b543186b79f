"""What a page draws, and its compact form on the wire.

:class:`ViewData` is what :func:`viz.build_view` returns and the renderers take. Pages receive
it through :meth:`ViewData.to_json`, where what every node of a kind or every edge of a type
shares travels once (:data:`STYLES`) and ``atlas.js`` puts it back.

>>> data = {"source": "Enterprise:E1", "target": "Enterprise:E3", "rel": "SUPPLIES", "key": "pta"}
>>> edge_id(data)
'Enterprise:E1>Enterprise:E3:SUPPLIES:pta'
>>> edge = {"id": edge_id(data), "from": data["source"], "to": data["target"],
...         "rel": "SUPPLIES", "width": 2.0, "data": data}
>>> compact_edge(edge)  # the id is the one edge_id gives: it stays at home
{'from': 'Enterprise:E1', 'to': 'Enterprise:E3', 'rel': 'SUPPLIES', 'key': 'pta', 'props': {},
 'width': 2.0}
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, TypedDict

from chainatlas.viz.layout import Lane
from chainatlas.viz.style import COOP_KINDS, EDGE_KINDS


class NodeColour(TypedDict):
    background: str
    border: str
    highlight: dict[str, str]
    hover: dict[str, str]


class VisNode(TypedDict):
    """A vis-network node; ``data`` is the answer's own record of it."""

    id: str
    label: str
    label_zh: str
    label_en: str
    shape: str
    size: float
    color: NodeColour
    borderWidth: int
    x: float
    y: float
    kind: str
    district: str
    stage: str | None
    data: dict[str, Any]


class ViewMeta(TypedDict, total=False):
    """What a view says about itself (all of it, from :func:`viz.build_view`)."""

    #: force, stages, layers, or given (positions from the reader)
    layout: str
    physics: bool
    nodes: int
    edges: int
    source_nodes: int
    source_edges: int
    #: edges of the kinds shown at first (what the counters start from)
    drawn_edges: int
    limit: int
    #: group key -> how many nodes it stands for, for the groups folded
    folded: dict[str, int]
    expanded: list[str]
    #: groups asked open that stay folded: more members than the view's limit
    unopened: list[str]
    focus: list[str]
    max_font: int
    dense: bool


@dataclass
class ViewData:
    """What a page draws. ``nodes``/``edges`` are vis-network items (each keeps the answer's
    own record under ``data``); ``lanes`` are the bands and columns painted behind them."""

    nodes: list[VisNode]
    edges: list[dict[str, Any]]
    options: dict[str, Any]
    lanes: list[Lane] = field(default_factory=list)
    legend: dict[str, list[dict[str, Any]]] = field(default_factory=dict)
    meta: ViewMeta = field(default_factory=ViewMeta)

    def to_json(self) -> dict[str, Any]:
        """The view as pages receive it: what is the same for every node of a kind or every
        edge of a type travels once, in ``styles``, and ``atlas.js`` (``Atlas.expand``) puts
        it back (a 2,000-node map shrinks to about a third)."""
        return {
            "nodes": [compact_node(n) for n in self.nodes],
            "edges": [compact_edge(e) for e in self.edges],
            "options": self.options,
            "lanes": self.lanes,
            "legend": self.legend,
            "meta": self.meta,
            "styles": STYLES,
        }


#: per edge type and per cooperation kind: what every such edge looks like (see Atlas.expand)
STYLES = {
    "edges": {
        rel: {"colour": k.colour, "dashes": list(k.dashes) if k.dashes else False, "arrow": k.arrow}
        for rel, k in EDGE_KINDS.items()
    },
    "coops": {kind: colour for kind, (_, colour) in COOP_KINDS.items()},
}
_NODE_DROP = frozenset({"label", "color"})


def compact_node(n: VisNode) -> dict[str, Any]:
    out = {k: v for k, v in n.items() if k not in _NODE_DROP and v is not None}
    out["bg"], out["bd"] = n["color"]["background"], n["color"]["border"]
    return out


def compact_edge(e: Mapping[str, Any]) -> dict[str, Any]:
    data = e["data"]
    out: dict[str, Any] = {
        "from": e["from"],
        "to": e["to"],
        "rel": e["rel"],
        "key": data.get("key", ""),
        "props": data.get("props", {}),
        "width": e["width"],
    }
    for k in ("label", "hidden"):
        if e.get(k):
            out[k] = e[k]
    if data.get("aggregate"):
        out["agg"] = True
    if e.get("kind", e["rel"]) != e["rel"]:  # drawn apart: a cross-chain supply
        out["kind"] = e["kind"]
    if e["id"] != edge_id(data):
        out["id"] = e["id"]
    return out


def edge_id(data: Mapping[str, Any]) -> str:
    return f"{data['source']}>{data['target']}:{data['rel']}:{data.get('key', '')}"
