"""Matchmaking as a ranked candidate list: best first, each with the reasons for its score,
the firm asking at the centre and the candidates highlighted."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chainatlas.viz.answers.presentation import (
    Item,
    Line,
    Names,
    Presentation,
    district_names,
    name_of,
    section,
)


def _candidate(rank: int, c: Mapping[str, Any]) -> Item:
    lines: list[Line] = [
        (
            f"产品：{c.get('product_name') or c.get('product_id')} · 得分 {c.get('score')}",
            f"product: {c.get('product_id')} · score {c.get('score')}",
        )
    ]
    lines.append(district_names(c.get("region_id")))
    lines += [(r.get("zh", ""), r.get("en", "")) for r in c.get("reasons", [])]
    return {
        "title": name_of(c),
        "key": f"Enterprise:{c['id']}",
        "badge": rank,
        "lines": lines,
        "score": c.get("score"),
    }


def candidate_list(answer: Mapping[str, Any], names: Names) -> Presentation:
    """Supplier or buyer candidates (the answer's ``side``) for one firm, ranked."""
    firm = answer.get("enterprise") or {}
    suppliers = answer.get("side", "suppliers") == "suppliers"
    candidates = answer.get("candidates", [])
    items = [_candidate(rank, c) for rank, c in enumerate(candidates, 1)]
    wanted = answer.get("needs" if suppliers else "products", [])
    title = (
        ("供应商匹配", "Supplier matchmaking") if suppliers else ("客户匹配", "Buyer matchmaking")
    )
    what = "、".join(name_of(w) or str(w.get("product_id")) for w in wanted[:6])
    return Presentation(
        title=title,
        subtitle=(f"{name_of(firm)}：{what}", str(firm.get("id", ""))),
        panel=[
            section(
                (
                    "候选供应商" if suppliers else "候选客户",
                    "Candidate suppliers" if suppliers else "Candidate buyers",
                ),
                items,
                empty=("没有候选企业", "No candidates"),
                note=(
                    "按得分排序；理由说明每一项加分。",
                    "Best first; the reasons explain the score.",
                ),
            )
        ],
        build={
            "layout": "force",
            "focus": [f"Enterprise:{firm.get('id')}"],
            "highlight": [f"Enterprise:{c['id']}" for c in candidates],
        },
    )
