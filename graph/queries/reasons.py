"""The sentences matchmaking gives as reasons, in Chinese and English.

Each function returns ``{"zh": …, "en": …}``. "您/you" is the firm asking.

>>> qty(170000.0, "t")
('17万吨', '170,000 t')
>>> qty(197_000_000.0, "m")  # never 1.97e+04万米
('1.97亿米', '197,000,000 m')
>>> shared(1)["en"]
'1 partner in common with you'
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from chainatlas.graph.model import COOP_KIND_EN, STAGE_EN, Stage

Reason = dict[str, str]
_KIND_EN = {k.value: en for k, en in COOP_KIND_EN.items()}

UNIT_ZH = {"t": "吨", "m": "米", "m2": "平方米"}
ROLE = {"core": ("核心区", "core"), "partner": ("协作区", "partner")}


def _round(value: float, digits: int) -> Decimal:
    """``value`` rounded to ``digits`` significant digits, exactly (a Decimal)."""
    d = Decimal(repr(float(value)))
    return d if d == 0 else round(d, digits - 1 - d.adjusted())


def plain(value: float, digits: int = 4) -> str:
    """``value`` to ``digits`` significant digits, written out: no exponent, no trailing
    zeros.

    >>> plain(0.000123456), plain(9999.6), plain(12.50), plain(-3.0)
    ('0.0001235', '10000', '12.5', '-3')
    """
    text = format(_round(value, digits), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def zh_number(amount: float) -> str:
    """An amount as Chinese writes it: 4 significant digits, counted in 万 from ten thousand
    and in 亿 from a hundred million (the tier chosen after rounding, so 99,995 is 10万).

    >>> zh_number(9500), zh_number(19_700), zh_number(99_995), zh_number(8e8), zh_number(3e12)
    ('9500', '1.97万', '10万', '8亿', '30,000亿')
    """
    r = _round(amount, 4)
    for step, word in ((Decimal(10) ** 8, "亿"), (Decimal(10) ** 4, "万")):
        if abs(r) >= step:
            n = r / step
            return (f"{n:,.0f}" if abs(n) >= 10_000 else plain(float(n))) + word
    return plain(float(r))


def en_number(amount: float) -> str:
    """An amount as English writes it: whole with thousands separators from 100, else 3
    significant digits (never an exponent).

    >>> en_number(197_000_000), en_number(12.345), en_number(0.00002)
    ('197,000,000', '12.3', '0.00002')
    """
    return f"{amount:,.0f}" if abs(amount) >= 100 else plain(amount, 3)


def qty(amount: float, unit: str) -> tuple[str, str]:
    """An amount and its unit in Chinese (:func:`zh_number`, the unit's Chinese name) and in
    English (:func:`en_number`)."""
    return f"{zh_number(amount)}{UNIT_ZH.get(unit, unit)}", f"{en_number(amount)} {unit}"


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
