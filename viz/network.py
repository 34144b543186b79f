"""The pyvis network behind a view, and the vis-network options pages rely on.

pyvis holds the network and produces the options; the node and edge dicts are built by
:mod:`viz.build` and assigned to ``net.nodes`` / ``net.edges`` directly (pyvis's ``add_node``
and ``add_edge`` scan the whole node list on every call, quadratic on large views).

>>> net = make_network([], [], physics=False, large=False, layered=True)
>>> opts = net_options(net)
>>> opts["edges"]["smooth"]["type"], opts["physics"]["enabled"], opts["layout"]["randomSeed"]
('cubicBezier', False, 7)
"""

from __future__ import annotations

import json
from typing import Any

from pyvis.network import Network

from chainatlas.viz.viewdata import VisNode

FONT_FACE = (
    "'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', "
    "'WenQuanYi Micro Hei', sans-serif"
)


def make_network(
    nodes: list[VisNode],
    edges: list[dict[str, Any]],
    *,
    physics: bool,
    large: bool,
    layered: bool,
) -> Network:
    net = Network(height="100%", width="100%", directed=True, cdn_resources="local")
    net.nodes, net.edges = nodes, edges
    net.toggle_physics(physics)
    if physics:
        net.barnes_hut(
            gravity=-6000,
            central_gravity=0.2,
            spring_length=120,
            spring_strength=0.02,
            damping=0.3,
            overlap=0.2,
        )
    net.toggle_stabilization(physics)
    net.toggle_hide_edges_on_drag(large)
    # columns read left to right: links leave and enter nodes horizontally
    net.set_edge_smooth("cubicBezier" if layered else "continuous")
    if layered:
        net.options.edges.smooth.forceDirection = "horizontal"
        net.options.edges.smooth.roundness = 0.45
    if large:
        net.options.edges.smooth.enabled = False
    return net


def net_options(net: Network) -> dict[str, Any]:
    """pyvis's options, completed with what the pages rely on (fonts, hover, no vis tooltips)."""
    opts: dict[str, Any] = json.loads(net.options.to_json())
    opts.pop("configure", None)
    opts["edges"]["color"] = {"inherit": False}
    opts["edges"]["font"] = {
        "size": 12,
        "face": FONT_FACE,
        "align": "middle",
        "strokeWidth": 3,
        "color": "#263238",
    }
    opts["nodes"] = {
        "font": {
            "size": 14,
            "face": FONT_FACE,
            "color": "#1B1B1B",
            "strokeWidth": 3,
            "strokeColor": "#FFFFFF",
            "multi": False,
        }
    }
    opts["interaction"].update(
        {
            "hover": True,
            "tooltipDelay": 120,
            "navigationButtons": False,
            "keyboard": {"enabled": True, "bindToWindow": False},
            "multiselect": False,
        }
    )
    opts["layout"] = {"improvedLayout": False, "randomSeed": 7}
    # the server's layout is a good start: a short stabilisation only tidies it
    opts["physics"]["stabilization"].update(iterations=150, updateInterval=25)
    return opts
