"""Units of quantity and their base units, so capacities and demands can be compared.

>>> to_base(2.5, "万t")
(25000.0, 't')
>>> to_base(300, "片")
(300.0, '片')
>>> canonical_unit("吨")
't'
"""

from __future__ import annotations

#: canonical unit -> (base unit, factor to the base unit)
UNITS: dict[str, tuple[str, float]] = {
    "t": ("t", 1.0),
    "kt": ("t", 1_000.0),
    "万t": ("t", 10_000.0),
    "kg": ("t", 0.001),
    "m": ("m", 1.0),
    "万m": ("m", 10_000.0),
    "m2": ("m2", 1.0),
    "片": ("片", 1.0),
    "台": ("台", 1.0),
    "套": ("套", 1.0),
}

#: spellings people write -> canonical unit
ALIASES: dict[str, str] = {
    "吨": "t",
    "t/a": "t",
    "吨/年": "t",
    "tons": "t",
    "ton": "t",
    "千吨": "kt",
    "kt/a": "kt",
    "万吨": "万t",
    "万吨/年": "万t",
    "万t/a": "万t",
    "千克": "kg",
    "公斤": "kg",
    "米": "m",
    "万米": "万m",
    "平方米": "m2",
    "m²": "m2",
    "㎡": "m2",
    "pcs": "片",
    "wafer": "片",
    "wafers": "片",
    "units": "台",
    "sets": "套",
}


def canonical_unit(unit: str) -> str | None:
    """The canonical spelling of ``unit``, or None when it is not a unit we know."""
    u = unit.strip()
    if u in UNITS:
        return u
    return ALIASES.get(u, ALIASES.get(u.lower()))


def to_base(amount: float, unit: str) -> tuple[float, str]:
    """``amount`` of ``unit`` expressed in the base unit of its family."""
    canon = canonical_unit(unit)
    if canon is None:
        raise ValueError(f"unknown unit {unit!r}")
    base, factor = UNITS[canon]
    return float(amount) * factor, base
