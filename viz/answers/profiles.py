"""Profiles as fact sheets: an enterprise or a product, its facts, and its lists of partners,
suppliers, customers, needs and products beside a force layout centred on it."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from chainatlas.viz.answers.presentation import (
    Item,
    Line,
    Names,
    Presentation,
    amount_text,
    district_names,
    name_of,
    section,
)
from chainatlas.viz.style import COOP_KINDS, STAGES

_STAGE_EN = dict(STAGES)


def _trade_items(rows: Iterable[Mapping[str, Any]]) -> list[Item]:
    items: list[Item] = []
    for r in rows:
        product = r.get("product_name") or r.get("product_id")
        lines: list[Line] = [
            f"{product} · {amount_text(r.get('volume'), r.get('unit'))}".rstrip(" ·")
        ]
        if r.get("since"):
            lines.append((f"始于 {r['since']}", f"since {r['since']}"))
        items.append({"title": name_of(r), "key": f"Enterprise:{r['id']}", "lines": lines})
    return items


def _firm_facts(answer: Mapping[str, Any]) -> list[Line]:
    firm = answer.get("enterprise") or {}
    region, chain = answer.get("region") or {}, answer.get("chain") or {}
    facts: list[Line] = []
    if region:
        facts.append(
            (
                f"区域：{region.get('name', '')}",
                f"District: {region.get('name_en', region.get('id', ''))}",
            )
        )
    if chain:
        stage = chain.get("stage") or ""
        facts.append(
            (
                f"产业链：{chain.get('name', '')} · {stage}",
                f"Chain: {chain.get('name_en') or chain.get('id')} · {_STAGE_EN.get(stage, stage)}",
            )
        )
    for key, zh, en in (
        ("park", "园区", "Park"),
        ("scale", "规模", "Scale"),
        ("credit_code", "统一社会信用代码", "Credit code"),
    ):
        if firm.get(key):
            facts.append((f"{zh}：{firm[key]}", f"{en}: {firm[key]}"))
    return facts


def firm_sheet(answer: Mapping[str, Any], names: Names) -> Presentation:
    """An enterprise profile: facts, suppliers, customers, partners, needs, products."""
    firm = answer.get("enterprise") or {}
    me = f"Enterprise:{firm.get('id')}"
    needs = {n.get("product_id"): n for n in answer.get("needs", [])}
    partners: list[Item] = [
        {
            "title": name_of(p),
            "key": f"Enterprise:{p['id']}",
            "badge": kind,
            "lines": [(f"{kind}合作", f"{COOP_KINDS.get(kind, (kind, ''))[0]} cooperation")],
        }
        for kind, firms in (answer.get("partners") or {}).items()
        for p in firms
    ]
    unmet: list[Item] = [
        {
            "title": name_of(needs.get(pid)) or pid,
            "key": f"Product:{pid}",
            "lines": [
                amount_text(needs.get(pid, {}).get("annual_demand"), needs.get(pid, {}).get("unit"))
            ],
        }
        for pid in answer.get("needs_without_local_supply", [])
    ]
    need_items: list[Item] = [
        {
            "title": name_of(n) or n.get("product_id"),
            "key": f"Product:{n.get('product_id')}",
            "lines": [
                amount_text(n.get("annual_demand"), n.get("unit")),
                (  # every maker, not the page of them the answer lists
                    f"本地生产企业 {_makers(n)} 家",
                    f"{_makers(n)} local producers",
                ),
            ],
        }
        for n in answer.get("needs", [])
    ]
    made: list[Item] = [
        {
            "title": name_of(p) or p.get("product_id"),
            "key": f"Product:{p.get('product_id')}",
            "lines": [amount_text(p.get("capacity"), p.get("unit"))],
        }
        for p in answer.get("produces", [])
    ]
    return Presentation(
        title=("企业画像", "Enterprise profile"),
        subtitle=(name_of(firm), str(firm.get("id", ""))),
        panel=[
            {
                "heading": (name_of(firm), firm.get("short_name") or ""),
                "items": [],
                "facts": _firm_facts(answer),
            },
            section(("供应商", "Suppliers"), _trade_items(answer.get("suppliers", []))),
            section(("客户", "Customers"), _trade_items(answer.get("customers", []))),
            section(("合作伙伴", "Partners"), partners),
            section(("本地无供应的需求（补链）", "Needs without local supply"), unmet),
            section(("原辅料需求", "Needs"), need_items),
            section(("产品", "Products"), made),
        ],
        build={"layout": "force", "focus": [me]},
    )


def _firm_items(rows: Iterable[Mapping[str, Any]], amount: str) -> list[Item]:
    return [
        {
            "title": name_of(r),
            "key": f"Enterprise:{r['id']}",
            "lines": [
                amount_text(r.get("amount", r.get(amount)), r.get("unit")),
                district_names(r.get("region_id")),
            ],
        }
        for r in rows
    ]


def _step_items(rows: Iterable[Mapping[str, Any]]) -> list[Item]:
    return [
        {
            "title": name_of(r),
            "key": f"Product:{r['id']}",
            "lines": [r["note"]] if r.get("note") else [],
        }
        for r in rows
    ]


def product_sheet(answer: Mapping[str, Any], names: Names) -> Presentation:
    """A product profile: facts, producers, consumers, what it is made from and goes into."""
    product = answer.get("product") or {}
    me = f"Product:{product.get('id')}"
    facts: list[Line] = [
        (f"{zh}：{product[k]}", f"{en}: {product[k]}")
        for k, zh, en in (
            ("cas", "CAS 号", "CAS"),
            ("hs_code", "HS 编码", "HS code"),
            ("stage", "环节", "Stage"),
        )
        if product.get(k)
    ]
    return Presentation(
        title=("产品画像", "Product profile"),
        subtitle=(name_of(product), str(product.get("name_en") or product.get("id", ""))),
        panel=[
            {
                "heading": (name_of(product), product.get("name_en") or ""),
                "items": [],
                "facts": facts,
            },
            section(
                ("生产企业", "Producers"),
                _firm_items(answer.get("producers", []), "capacity"),
                empty=("本地无生产企业（补链目标）", "No producer in the map (a gap)"),
            ),
            section(
                ("需求企业", "Consumers"), _firm_items(answer.get("consumers", []), "annual_demand")
            ),
            section(("原料", "Made from"), _step_items(answer.get("inputs", []))),
            section(("下游产品", "Goes into"), _step_items(answer.get("outputs", []))),
        ],
        build={"layout": "force", "focus": [me]},
    )


def _makers(need: Mapping[str, Any]) -> int:
    """How many local firms make a need (an answer without the total: those it lists)."""
    return int(need.get("local_producers_total", len(need.get("local_producers", []))))
