"""What a presenter returns, and the pieces every presenter builds it from.

A :class:`Presentation` is a title, a side panel of :class:`Section` s and the keyword
arguments for :func:`viz.build_view` (:class:`BuildOptions`). Answers are JSON-shaped
mappings (docs/queries.md), so their values stay ``Any``; what a presenter makes of them is
typed here.

>>> names = Names.of({"graph": {"nodes": [{"key": "Product:pta", "name": "精对苯二甲酸"}]}})
>>> names.product("pta"), names.product("px"), names.firm("E1")
('精对苯二甲酸', 'px', 'E1')
>>> amount_text(12000.0, "吨"), amount_text(0.125, "t"), amount_text(None, "t")
('12,000 吨', '0.12 t', '')
>>> section(("产品", "Products"), [])["count"]
0
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Required, TypedDict

from chainatlas.viz.build import Layout
from chainatlas.viz.style import DISTRICTS

#: a text in Chinese and in English
Bi = tuple[str, str]
#: a line under an item's title: one text for both languages, or a bilingual pair
Line = str | Bi
_DISTRICT = {d[0]: (d[1], d[2]) for d in DISTRICTS}


class Item(TypedDict, total=False):
    """An entry of a panel section; ``key`` (or ``keys``) names the node(s) it focuses."""

    title: Required[str]
    title_en: str | None
    key: str
    keys: list[str]
    badge: int | str | None
    lines: list[Line]
    score: float | None


class Section(TypedDict, total=False):
    """A heading and its items; the first section of a profile carries ``facts`` instead."""

    heading: Required[Bi]
    items: Required[list[Item]]
    count: int
    empty: Bi
    note: Bi
    facts: list[Line]


class BuildOptions(TypedDict, total=False):
    """The keyword arguments a presentation passes to :func:`viz.build_view`."""

    layout: Layout
    layers: dict[str, int]
    layer_titles: dict[int, Bi]
    focus: list[str]
    highlight: list[str]
    hide_rels: list[str]


@dataclass
class Presentation:
    title: Bi
    subtitle: Bi = ("", "")
    panel: list[Section] = field(default_factory=list)
    build: BuildOptions = field(default_factory=BuildOptions)


@dataclass
class Names:
    """Names of what answers mention by id: products (from the store, when the web layer
    passes them, else from the answer's graph) and firms (from the answer's graph)."""

    products: Mapping[str, str] = field(default_factory=dict)
    nodes: Mapping[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, answer: Mapping[str, Any], products: Mapping[str, str] | None = None) -> Names:
        nodes = {
            str(n.get("key")): str(n.get("name") or n.get("id"))
            for n in (answer.get("graph") or {}).get("nodes", [])
        }
        known = {k.split(":", 1)[1]: v for k, v in nodes.items() if k.startswith("Product:")}
        return cls({**known, **(products or {})}, nodes)

    def product(self, id: object) -> str:
        return str(self.products.get(str(id)) or id)

    def firm(self, id: object) -> str:
        return self.nodes.get(f"Enterprise:{id}") or str(id)


def name_of(x: Mapping[str, Any] | None) -> str:
    """A record's name, else its id, else nothing."""
    if not x:
        return ""
    return str(x.get("name") or x.get("id") or "")


def amount_text(value: object, unit: object) -> str:
    """A quantity with thousands separators and its unit; nothing for no value."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, float):
        text = f"{value:,.2f}".rstrip("0").rstrip(".")
    elif isinstance(value, int) and not isinstance(value, bool):
        text = f"{value:,}"
    else:
        text = str(value)
    return f"{text} {unit}" if unit else text


def district_names(region_id: object) -> Bi:
    """A district's names in both languages; an unknown region is named by its id."""
    return _DISTRICT.get(str(region_id), (str(region_id or ""), str(region_id or "")))


def section(
    heading: Bi, items: list[Item], *, empty: Bi = ("无", "none"), note: Bi | None = None
) -> Section:
    """A panel section listing ``items`` (``empty`` is shown when there are none)."""
    out: Section = {"heading": heading, "items": items, "count": len(items), "empty": empty}
    if note:
        out["note"] = note
    return out
