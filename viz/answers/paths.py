"""Paths, process routes and tiers in columns, read left to right: one column per hop, step
or tier, the ends of the walk (or the root) named at the column heads.

>>> path_columns([["E1", "E5"], ["E1", "E3", "E5"]], "Enterprise")
{'Enterprise:E1': 0, 'Enterprise:E5': 2, 'Enterprise:E3': 1}
>>> hop_titles({"a": 0, "b": 2}, ("起点", "from"), ("终点", "to"), ("第", "hop"))
{1: ('第 1', 'hop 1'), 0: ('起点', 'from'), 2: ('终点', 'to')}
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from chainatlas.viz.answers.presentation import (
    Bi,
    Item,
    Line,
    Names,
    Presentation,
    name_of,
    section,
)
from chainatlas.viz.style import short_name


def path_columns(sequences: Iterable[list[str]], label: str) -> dict[str, int]:
    """Column of each node: its furthest position on any path, so every path reads left to
    right and the target sits at the far end."""
    layers: dict[str, int] = {}
    for seq in sequences:
        for i, node in enumerate(seq):
            key = f"{label}:{node}"
            layers[key] = max(layers.get(key, 0), i)
    return layers


def hop_titles(layers: Mapping[str, int], first: Bi, last: Bi, step: Bi) -> dict[int, Bi]:
    """Column heads: ``first`` and ``last`` at the ends, numbered ``step`` s between."""
    top = max(layers.values(), default=0)
    titles = {i: (f"{step[0]} {i}", f"{step[1]} {i}") for i in range(1, top)}
    titles[0], titles[top] = first, last
    return titles


def hop_columns(answer: Mapping[str, Any], names: Names) -> Presentation:
    """Supply paths between two firms, one column per hop, each hop's product named."""
    src, dst = answer.get("source") or {}, answer.get("target") or {}
    paths = answer.get("paths", [])
    items: list[Item] = []
    for i, p in enumerate(paths, 1):
        hops = p.get("hops", [])
        lines: list[Line] = [
            (f"{p.get('length', len(hops))} 跳", f"{p.get('length', len(hops))} hops")
        ]
        lines += [
            f"{short_name(names.firm(h.get('from')))} → {short_name(names.firm(h.get('to')))} · "
            f"{h.get('product_name') or names.product(h.get('product_id'))}"
            # a path weighted by volume: each hop's share of what its buyer receives
            + (f" · {h['share']:.0%}" if "share" in h else "")
            for h in hops
        ]
        items.append(
            {
                "title": " → ".join(short_name(names.firm(n)) for n in p.get("nodes", [])),
                "badge": i,
                "lines": lines,
                "keys": [f"Enterprise:{n}" for n in p.get("nodes", [])],
            }
        )
    layers = path_columns((p.get("nodes", []) for p in paths), "Enterprise")
    return Presentation(
        title=("供应路径", "Supply paths"),
        subtitle=(
            f"{name_of(src)} → {name_of(dst)}",
            f"{src.get('id', '')} → {dst.get('id', '')}",
        ),
        panel=[section(("路径", "Paths"), items, empty=("没有路径", "No path"))],
        build={
            "layout": "layers",
            "layers": layers,
            "layer_titles": hop_titles(layers, ("起点", "from"), ("终点", "to"), ("第", "hop")),
            "focus": [f"Enterprise:{src.get('id')}", f"Enterprise:{dst.get('id')}"],
            "highlight": sorted(layers),
        },
    )


def step_columns(answer: Mapping[str, Any], names: Names) -> Presentation:
    """Process routes from a material to a product, one column per step, with how many
    local firms make each step's product."""
    src, dst = answer.get("source") or {}, answer.get("target") or {}
    found = answer.get("routes", [])
    makers = answer.get("producers") or {}
    items: list[Item] = []
    for i, r in enumerate(found, 1):
        steps = [names.product(n) for n in r.get("nodes", [])]
        lines: list[Line] = [(f"{r.get('length')} 步", f"{r.get('length')} steps")]
        lines += [
            (
                f"{names.product(n)}：本地生产企业 {len(makers.get(n, []))} 家",
                f"{n}: {len(makers.get(n, []))} local producers",
            )
            for n in r.get("nodes", [])
        ]
        items.append(
            {
                "title": " → ".join(steps),
                "badge": i,
                "lines": lines,
                "keys": [f"Product:{n}" for n in r.get("nodes", [])],
            }
        )
    layers = path_columns((r.get("nodes", []) for r in found), "Product")
    return Presentation(
        title=("工艺路线", "Process routes"),
        subtitle=(
            f"{name_of(src)} → {name_of(dst)}",
            f"{src.get('id', '')} → {dst.get('id', '')}",
        ),
        panel=[section(("路线", "Routes"), items, empty=("没有路线", "No route"))],
        build={
            "layout": "layers",
            "layers": layers,
            "layer_titles": hop_titles(
                layers, ("原料", "material"), ("产品", "product"), ("工序", "step")
            ),
            "focus": [f"Product:{src.get('id')}", f"Product:{dst.get('id')}"],
        },
    )


def tier_columns(answer: Mapping[str, Any], names: Names) -> Presentation:
    """Upstream tiers to the left of the root, downstream tiers to its right, one column and
    one panel section per tier."""
    root = answer.get("root") or {}
    label = root.get("label", "Enterprise")
    up = answer.get("direction", "upstream") == "upstream"
    sign = -1 if up else 1
    layers = {f"{label}:{root.get('id')}": 0}
    sections: dict[int, list[Item]] = {}
    for n in answer.get("nodes", []):
        layers[f"{n['label']}:{n['id']}"] = sign * int(n["tier"])
        of = names.firm if n["label"] == "Enterprise" else names.product
        via = "、".join(short_name(of(v)) for v in n.get("via", []))
        lines: list[Line] = [(f"经由 {via}", f"via {via}")] if via else []
        if n.get("products"):
            lines.append("、".join(names.product(p) for p in n["products"]))
        sections.setdefault(int(n["tier"]), []).append(
            {"title": name_of(n), "key": f"{n['label']}:{n['id']}", "lines": lines}
        )
    firm = label == "Enterprise"
    word = (
        (("供应商", "suppliers") if up else ("客户", "customers"))
        if firm
        else (("原料", "inputs") if up else ("下游产品", "outputs"))
    )
    titles = {sign * t: (f"{t} 级{word[0]}", f"tier {t} {word[1]}") for t in sections}
    titles[0] = (name_of(root), str(root.get("id", "")))
    return Presentation(
        title=(
            f"{'上游' if up else '下游'}{word[0]}层级",
            f"{'Upstream' if up else 'Downstream'} tiers",
        ),
        subtitle=(name_of(root), str(root.get("id", ""))),
        panel=[section((f"第 {t} 级", f"Tier {t}"), items) for t, items in sorted(sections.items())]
        or [section(("层级", "Tiers"), [], empty=("没有上下游", "Nothing linked"))],
        build={
            "layout": "layers",
            "layers": layers,
            "layer_titles": titles,
            "focus": [f"{label}:{root.get('id')}"],
        },
    )
