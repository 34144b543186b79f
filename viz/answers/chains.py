"""A chain panorama as an overview: firms and products per stage, the districts, the supply
between stages and the needs nobody local meets, beside the stage layout."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chainatlas.viz.answers.presentation import Item, Line, Names, Presentation, section


def _stage_facts(answer: Mapping[str, Any]) -> list[Line]:
    cov = answer.get("coverage") or {}
    facts: list[Line] = []
    for st in answer.get("stages", []):
        firms, products = len(st.get("firms", [])), len(st.get("products", []))
        facts.append(
            (
                f"{st.get('stage')}：企业 {firms}，产品 {products}",
                f"{st.get('stage_en')}: {firms} firms, {products} products",
            )
        )
    if cov.get("needs"):
        share = cov.get("producible_share") or 0
        facts.append(
            (
                f"本地可供需求占比 {share:.0%}（{cov.get('producible')}/{cov.get('needs')}）",
                f"needs the map can meet: {share:.0%} ({cov.get('producible')}/{cov.get('needs')})",
            )
        )
    return facts


def chain_overview(answer: Mapping[str, Any], names: Names) -> Presentation:
    """A chain's panorama: stage facts, districts, links between stages, unmet needs."""
    head = answer.get("chain") or {}
    cov = answer.get("coverage") or {}
    regions: list[Item] = [
        {
            "title": f"{r.get('name') or r.get('region_id')}",
            "lines": [
                (f"企业 {r.get('firms')} 家", f"{r.get('firms')} firms"),
                " · ".join(f"{k} {v}" for k, v in (r.get("by_stage") or {}).items()),
            ],
        }
        for r in answer.get("regions", [])
    ]
    links: list[Item] = [
        {
            "title": f"{ln.get('from')} → {ln.get('to')}",
            "badge": ln.get("edges"),
            "lines": ["、".join(names.product(p) for p in ln.get("products", [])[:12])],
        }
        for ln in answer.get("links", [])
    ]
    unmet: list[Item] = [
        {
            "title": names.product(u.get("product_id")),
            "key": f"Product:{u.get('product_id')}",
            "lines": [(f"{u.get('firms')} 家企业需要", f"needed by {u.get('firms')} firms")],
        }
        for u in cov.get("unmet", [])
    ]
    return Presentation(
        title=("产业链全景", "Chain panorama"),
        subtitle=(str(head.get("name", "")), str(head.get("name_en") or head.get("id", ""))),
        panel=[
            {
                "heading": (str(head.get("name", "")), str(head.get("name_en") or "")),
                "items": [],
                "facts": _stage_facts(answer),
            },
            section(("区域", "Districts"), regions),
            section(("环节间供应", "Supply between stages"), links),
            section(("本地无供应的需求（补链）", "Needs without local supply"), unmet),
        ],
        build={"layout": "stages", "hide_rels": ["IN_CHAIN", "PRODUCES"]},
    )
