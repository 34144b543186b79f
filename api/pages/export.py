"""Export of what a reader arranged: the subgraph on screen, where each node sits and the
lanes behind, back as one standalone HTML file."""

from __future__ import annotations

from typing import Any

from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from chainatlas.api.auth import Viewer, for_caller
from chainatlas.api.pages.responses import html_response
from chainatlas.api.pages.signin import page_router
from chainatlas.viz import build_view, render_standalone

#: an export may carry at most this many nodes and edges
MAX_EXPORT_NODES, MAX_EXPORT_EDGES = 20_000, 100_000

router = page_router()


class ExportGraph(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nodes: list[dict[str, Any]] = Field(max_length=MAX_EXPORT_NODES)
    edges: list[dict[str, Any]] = Field(max_length=MAX_EXPORT_EDGES)


class Lane(BaseModel):
    """A band or column painted behind the graph (viz.layout.Layered.lanes)."""

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(pattern="^(band|layer)$")
    key: str = Field(max_length=80)
    x: float
    y: float
    w: float
    h: float
    zh: str = Field(max_length=80)
    en: str = Field(max_length=80)
    colour: str = Field(pattern="^#[0-9A-Fa-f]{6}$")


class ExportRequest(BaseModel):
    """A subgraph in the shared shape, where each node sits, the lanes behind, a title."""

    model_config = ConfigDict(extra="forbid")
    title: tuple[str, str] | str = Field(default=("ChainAtlas", ""))
    graph: ExportGraph
    positions: dict[str, tuple[float, float]] = Field(
        default_factory=dict, max_length=MAX_EXPORT_NODES
    )
    lanes: list[Lane] = Field(default_factory=list, max_length=200)
    dense: bool | None = None


@router.post("/view/export")
def export_view(body: ExportRequest, caller: Viewer) -> Response:
    """The current view of a page as one standalone HTML file (everything inlined)."""
    nodes = [
        n
        for n in body.graph.nodes
        if isinstance(n.get("key"), str) and isinstance(n.get("label"), str)
    ]
    graph = for_caller(caller, {"nodes": nodes, "edges": body.graph.edges})
    title = (body.title, "") if isinstance(body.title, str) else body.title
    view = build_view(graph, positions=body.positions, limit=MAX_EXPORT_NODES, dense=body.dense)
    view.lanes = [
        {
            "kind": lane.kind,
            "key": lane.key,
            "x": lane.x,
            "y": lane.y,
            "w": lane.w,
            "h": lane.h,
            "zh": lane.zh,
            "en": lane.en,
            "colour": lane.colour,
        }
        for lane in body.lanes
    ]
    return html_response(
        render_standalone(view, title=(title[0][:200], title[1][:200])),
        download=f"{title[0][:80] or 'chainatlas'}.html",
    )
