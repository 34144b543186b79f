"""The forms of the editing pages (``/edit/...``): which columns each form shows, labelled in
Chinese first with the bundle's English column name beside (docs/bundle.md), filled from the
stored fact, with each problem of a refused edit under its field."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from chainatlas.graph.model import TABLE_KEYS, CoopKind, Row, Table, row_key
from chainatlas.loaders.edit import stored_text
from chainatlas.loaders.schema import SPECS, column

Bilingual = tuple[str, str]
#: the buttons of a form: action → its words
BUTTONS: dict[str, Bilingual] = {
    "add": ("新增", "Add"),
    "change": ("保存修改", "Save changes"),
    "end": ("结束", "End"),
}
#: what a form adds or shows beside the key, per table (the firm and product forms show all)
ROW_COLUMNS = {
    Table.SUPPLIES: ("volume", "unit", "since", "until", "source"),
    Table.COOPERATIONS: ("since", "until", "note"),
}
NEW_COLUMNS = {
    Table.SUPPLIES: ("supplier_id", "buyer_id", "product_id", "volume", "unit", "since", "source"),
    Table.COOPERATIONS: ("from_id", "to_id", "kind", "since", "note"),
}
DATE_HINT = "2019 / 2019-03-01"


def field(
    table: Table, name: str, value: str, *, hidden: bool = False, fixed: bool = False
) -> dict[str, Any]:
    """One input: its column, its label (中文, English), its value, and how it is drawn."""
    col = column(table, name)
    choices = [k.value for k in CoopKind] if col.kind == "coop_kind" else None
    return {
        "name": name,
        "zh": col.zh,
        "en": name.replace("_", " "),
        "value": value,
        "hidden": hidden,
        "fixed": fixed,
        "required": col.required,
        "choices": choices,
        "hint": DATE_HINT if col.kind == "date" else "",
    }


def form(
    id: str,
    table: Table,
    actions: Sequence[str],
    fields: list[dict[str, Any]],
    *,
    heading: Bilingual | None = None,
    ended: str = "",
) -> dict[str, Any]:
    """A form posting ``fields`` of ``table`` to ``/edit`` with one button per action."""
    return {
        "id": id,
        "table": table.value,
        "heading": heading,
        "buttons": [(a, *BUTTONS[a]) for a in actions],
        "fields": fields,
        "columns": ",".join(f["name"] for f in fields),
        "ended": ended,
    }


def whole_form(
    id: str, table: Table, stored: Row | None, heading: Bilingual, actions: Sequence[str]
) -> dict[str, Any]:
    """Every column of a firm or a product: a new one (``stored`` None) or a stored one, its
    key fixed."""
    text = stored_text(table, stored or {})
    keys = TABLE_KEYS[table] if stored is not None else ()
    fields = [field(table, c.name, text[c.name], fixed=c.name in keys) for c in SPECS[table]]
    return form(id, table, actions, fields, heading=heading)


def fact_form(prefix: str, table: Table, stored: Row) -> dict[str, Any]:
    """A stored supply or cooperation: its key hidden, its dates and amounts editable; the
    form's id is ``prefix`` and the key (``supply-E0001-E0002-sulfuric_acid``)."""
    text = stored_text(table, stored)
    fields = [field(table, k, text[k], hidden=True) for k in TABLE_KEYS[table]]
    fields += [field(table, c, text[c]) for c in ROW_COLUMNS[table]]
    key = row_key(table, {k: text[k] for k in TABLE_KEYS[table]})
    id = "-".join((prefix, *key))
    ended = text["until"]
    actions = ("change",) if ended else ("change", "end")
    return {**form(id, table, actions, fields, ended=ended), "key": key}


def new_form(id: str, table: Table, heading: Bilingual, **preset: str) -> dict[str, Any]:
    """An empty supply or cooperation to add, some fields preset (the firm of the page)."""
    fields = [field(table, c, preset.get(c, "")) for c in NEW_COLUMNS[table]]
    return form(id, table, ("add",), fields, heading=heading)


def refill(form_: dict[str, Any], values: Mapping[str, str]) -> dict[str, Any]:
    """``form_`` showing what was sent (a refused edit keeps the editor's text)."""
    fields = [{**f, "value": values.get(f["name"], f["value"])} for f in form_["fields"]]
    return {**form_, "fields": fields}
