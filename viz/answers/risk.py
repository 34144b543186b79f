"""Weak links: gap and sole-producer rankings as highlighted lists, and what a disruption
reaches as columns of affected firms, tier by tier."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chainatlas.viz.answers.presentation import (
    Item,
    Names,
    Presentation,
    Section,
    amount_text,
    district_names,
    name_of,
    section,
)


def _demand(gap: Mapping[str, Any]) -> str:
    return amount_text(gap.get("demand_base"), gap.get("base_unit"))


def gap_ranking(answer: Mapping[str, Any], names: Names) -> Presentation:
    """Products firms need that no firm in the map makes, most-needed first."""
    items: list[Item] = [
        {
            "title": name_of(g) or g.get("product_id"),
            "title_en": g.get("name_en"),
            "key": f"Product:{g.get('product_id')}",
            "badge": g.get("firms"),
            "lines": [
                (
                    f"{g.get('firms')} 家企业需要 · 年需求 {_demand(g)}",
                    f"needed by {g.get('firms')} firms · {_demand(g)} a year",
                ),
                _firms(g.get("needed_by", [])),
            ],
        }
        for g in answer.get("gaps", [])
    ]
    total = answer.get("total", len(items))
    return Presentation(
        title=("补链目标", "Gaps: needs without local supply"),
        subtitle=(f"共 {total} 种产品本地无人生产", f"{total} products no firm in the map makes"),
        panel=[
            section(
                ("缺口产品", "Gap products"),
                items,
                empty=("没有缺口", "No gaps"),
                note=("需求企业越多越靠前。", "Most firms first."),
            )
        ],
        build={"layout": "force", "highlight": [i["key"] for i in items]},
    )


#: firms listed by name on a gap's line; the rest are counted
FIRMS_SHOWN = 8


def _firms(firms: list[Any]) -> tuple[str, str]:
    """Up to :data:`FIRMS_SHOWN` firm names, then "等 N 家 / and N more"."""
    names = "、".join(name_of(f) for f in firms[:FIRMS_SHOWN])
    more = len(firms) - FIRMS_SHOWN
    if more <= 0:
        return names, names
    return f"{names} 等 {more} 家", f"{names} and {more} more"


def sole_producer_ranking(answer: Mapping[str, Any], names: Names) -> Presentation:
    """Products with one producer that other firms need, with that producer."""
    items: list[Item] = [
        {
            "title": name_of(p) or p.get("product_id"),
            "key": f"Product:{p.get('product_id')}",
            "badge": p.get("consumers"),
            "lines": [
                (
                    f"唯一生产企业：{name_of(p.get('producer'))}",
                    f"only producer: {(p.get('producer') or {}).get('id')}",
                ),
                (f"{p.get('consumers')} 家企业需要", f"needed by {p.get('consumers')} firms"),
            ],
        }
        for p in answer.get("products", [])
    ]
    return Presentation(
        title=("单一来源产品", "Single-source products"),
        subtitle=(
            f"共 {answer.get('total', len(items))} 种",
            f"{answer.get('total', len(items))} products",
        ),
        panel=[section(("产品", "Products"), items, empty=("没有单一来源产品", "None"))],
        build={"layout": "force", "highlight": [i["key"] for i in items]},
    )


def disruption_columns(answer: Mapping[str, Any], names: Names) -> Presentation:
    """The removed firm or product in column 0, the firms losing every supplier of something
    in one column per tier, each with what it loses."""
    removed = answer.get("removed") or {}
    gone = f"{removed.get('label', 'Enterprise')}:{removed.get('id')}"
    layers = {gone: 0}
    by_tier: dict[int, list[Item]] = {}
    for a in answer.get("affected", []):
        layers[f"Enterprise:{a['id']}"] = int(a["tier"])
        lost = "、".join(names.product(x.get("product_id")) for x in a.get("lost", []))
        by_tier.setdefault(int(a["tier"]), []).append(
            {
                "title": name_of(a),
                "key": f"Enterprise:{a['id']}",
                "lines": [
                    (f"失去全部供应：{lost}", f"loses every supplier of: {lost}"),
                    district_names(a.get("region_id")),
                ],
            }
        )
    titles = {t: (f"第 {t} 级受影响", f"tier {t} affected") for t in by_tier}
    titles[0] = ("停供", "removed")
    total = len(answer.get("affected", []))
    panel = [
        section((f"第 {t} 级", f"Tier {t}"), items) for t, items in sorted(by_tier.items())
    ] or [
        section(
            ("受影响企业", "Affected firms"),
            [],
            empty=("没有企业失去全部供应", "No firm loses every supplier"),
        )
    ]
    subtitle = (
        f"{name_of(removed)} 停供：{total} 家企业受影响",
        f"if {removed.get('id')} stops: {total} firms affected",
    )
    outside = answer.get("outside")
    if outside:
        column = max(layers.values()) + 1
        for f in outside.get("needed_by", []):
            layers[f"Enterprise:{f['id']}"] = column
        titles[column] = ("外部供应", "supplied from outside")
        panel.insert(0, _outside_section(outside))
        if not outside.get("producers"):
            subtitle = (
                f"{name_of(removed)}：本地无生产企业，全部供应来自图谱以外",
                f"{removed.get('id')}: no local producer, the whole supply comes from outside",
            )
    return Presentation(
        title=("断供影响", "Disruption impact"),
        subtitle=subtitle,
        panel=panel,
        build={
            "layout": "layers",
            "layers": layers,
            "layer_titles": titles,
            "focus": [gone],
            "highlight": [f"Enterprise:{a['id']}" for a in answer.get("affected", [])],
        },
    )


def _outside_section(outside: Mapping[str, Any]) -> Section:
    """The firms whose supply comes from outside the map, under the answer's sentence."""
    demand = amount_text(outside.get("demand_base"), outside.get("base_unit"))
    items: list[Item] = [
        {"title": name_of(f), "key": f"Enterprise:{f['id']}"} for f in outside.get("needed_by", [])
    ]
    note = outside.get("note") or {}
    return section(
        (
            f"外部供应：{outside.get('firms')} 家企业 · 年需求 {demand}",
            f"Supplied from outside: {outside.get('firms')} firms · {demand} a year",
        ),
        items,
        note=(note.get("zh", ""), note.get("en", "")),
    )
