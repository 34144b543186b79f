"""The sentences matchmaking gives as reasons, in Chinese and English.

Each function returns ``{"zh": …, "en": …}``. "您/you" is the firm asking.

>>> qty(170000.0, "t")
('17万吨', '170,000 t')
>>> shared(1)["en"]
'1 partner in common with you'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chainatlas.graph.model import COOP_KIND_EN, STAGE_EN, Stage

Reason = dict[str, str]
_KIND_EN = {k.value: en for k, en in COOP_KIND_EN.items()}

UNIT_ZH = {"t": "吨", "m": "米", "m2": "平方米"}
ROLE = {"core": ("核心区", "core"), "partner": ("协作区", "partner")}


def qty(amount: float, unit: str) -> tuple[str, str]:
    """An amount in Chinese (万 for ten thousands) and in English (thousands separators)."""
    zh_unit = UNIT_ZH.get(unit, unit)
    zh = f"{amount / 10_000:.4g}万{zh_unit}" if amount >= 10_000 else f"{amount:.4g}{zh_unit}"
    en = f"{amount:,.0f} {unit}" if amount >= 100 else f"{amount:.3g} {unit}"
    return zh, en


def _name_en(props: Mapping[str, Any]) -> str:
    return str(props.get("name_en") or props.get("name") or props["id"])


def same_region(region: Mapping[str, Any]) -> Reason:
    return {
        "zh": f"与您同在{region.get('name') or region['id']}，就近对接",
        "en": f"In {_name_en(region)}, like you: close at hand",
    }


def cluster_region(region: Mapping[str, Any]) -> Reason:
    zh_role, en_role = ROLE[str(region.get("role"))]
    return {
        "zh": f"位于集群{zh_role}{region.get('name') or region['id']}",
        "en": f"In {_name_en(region)}, a {en_role} district of the cluster",
    }


def elsewhere() -> Reason:
    return {"zh": "不在集群区域内", "en": "Outside the cluster's districts"}


def capacity(side: str, cap: float, dem: float, unit: str, share: float) -> Reason:
    cz, ce = qty(cap, unit)
    dz, de = qty(dem, unit)
    pct = f"{share * 100:.0f}%"
    if side == "suppliers":
        return {
            "zh": f"产能{cz}，可满足您年需求{dz}的{pct}",
            "en": f"Capacity of {ce} covers {pct} of your annual demand of {de}",
        }
    return {
        "zh": f"年需求{dz}，您的产能{cz}可满足其{pct}",
        "en": f"Needs {de} a year; your capacity of {ce} covers {pct} of it",
    }


def capacity_unknown() -> Reason:
    return {
        "zh": "产能或需求未知，按中性计分",
        "en": "Capacity or demand unknown: scored as neutral",
    }


def trade(side: str, products: Sequence[Mapping[str, Any]]) -> Reason:
    zh = "、".join(str(p.get("name") or p["id"]) for p in products)
    en = ", ".join(_name_en(p) for p in products)
    if side == "suppliers":
        return {"zh": f"已在向您供应{zh}", "en": f"Already supplies you: {en}"}
    return {"zh": f"已在向您采购{zh}", "en": f"Already buys from you: {en}"}


def cooperation(kinds: Sequence[str]) -> Reason:
    en = ", ".join(_KIND_EN.get(k, k) for k in kinds)
    return {"zh": f"与您有{'、'.join(kinds)}合作", "en": f"Cooperates with you on {en}"}


def shared(n: int) -> Reason:
    return {
        "zh": f"与您有{n}家共同合作伙伴",
        "en": f"{n} partner{'s' if n != 1 else ''} in common with you",
    }


def same_chain(chain: Mapping[str, Any]) -> Reason:
    return {
        "zh": f"同属{chain.get('name') or chain['id']}产业链",
        "en": f"In the same chain: {_name_en(chain)}",
    }


def stage_fit(side: str, theirs: str, mine: str) -> Reason:
    t_en, m_en = STAGE_EN[Stage(theirs)], STAGE_EN[Stage(mine)]
    if side == "suppliers":
        return {
            "zh": f"处于{theirs}环节，可向您所在的{mine}环节供货",
            "en": f"At the {t_en} stage, feeding your {m_en} stage",
        }
    return {
        "zh": f"处于{theirs}环节，承接您所在的{mine}环节",
        "en": f"At the {t_en} stage, taking from your {m_en} stage",
    }
