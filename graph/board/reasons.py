"""The board's reasons, in Chinese and English, beside matchmaking's (graph.queries.reasons:
same region, existing partner, capacity covers quantity are reused from there).

>>> cooperated("技术", 2023)["en"]
'Cooperated with you on technology since 2023'
>>> posted("offer", {"title": "共享中试釜"})["zh"]
'发布了对应的供给：共享中试釜'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chainatlas.graph.asof import day
from chainatlas.graph.model import COOP_KIND_EN, STAGE_EN, Stage
from chainatlas.graph.queries.reasons import Reason

_KIND_EN = {k.value: en for k, en in COOP_KIND_EN.items()}
_SIDE = {"offer": ("供给", "offer"), "need": ("需求", "need")}


def _names(products: Sequence[Mapping[str, Any]]) -> tuple[str, str]:
    zh = "、".join(str(p.get("name") or p["id"]) for p in products)
    en = ", ".join(str(p.get("name_en") or p.get("name") or p["id"]) for p in products)
    return zh, en


def posted(side: str, post: Mapping[str, Any]) -> Reason:
    zh, en = _SIDE[side]
    return {
        "zh": f"发布了对应的{zh}：{post['title']}",
        "en": f"Posted a matching {en}: {post['title']}",
    }


def words(shared: Sequence[str]) -> Reason:
    return {"zh": f"描述相近：{'、'.join(shared)}", "en": f"Similar wording: {', '.join(shared)}"}


def produces(products: Sequence[Mapping[str, Any]]) -> Reason:
    zh, en = _names(products)
    return {"zh": f"生产{zh}", "en": f"Produces {en}"}


def needs(products: Sequence[Mapping[str, Any]]) -> Reason:
    zh, en = _names(products)
    return {"zh": f"需要{zh}", "en": f"Needs {en}"}


def neighbour(products: Sequence[Mapping[str, Any]]) -> Reason:
    zh, en = _names(products)
    return {
        "zh": f"生产工艺上下游相邻的{zh}",
        "en": f"Makes {en}, next to it on a process route",
    }


def cooperated(kind: str, since: int | str | None) -> Reason:
    en = _KIND_EN.get(kind, kind)
    if since is None:
        return {"zh": f"与您有{kind}合作", "en": f"Cooperates with you on {en}"}
    year = day(since)[:4]
    return {"zh": f"{year}年起与您有{kind}合作", "en": f"Cooperated with you on {en} since {year}"}


def same_park(park: str) -> Reason:
    return {"zh": f"与您同在{park}", "en": f"In the same park as you: {park}"}


def same_stage(stage: str) -> Reason:
    return {"zh": f"与您同处{stage}环节", "en": f"At the same {STAGE_EN[Stage(stage)]} stage"}


def key_firm(chain: Mapping[str, Any]) -> Reason:
    return {
        "zh": f"{chain.get('name') or chain['id']}产业链链主企业",
        "en": f"A lead firm of the {chain.get('name_en') or chain['id']} chain",
    }
