"""Rows as the stores keep them: every column present, derived keys filled in.

Both stores call :func:`prepare_rows` before they write, so what they keep is identical
whoever produced the rows (a loader, a test, the generator).
"""

from __future__ import annotations

from collections.abc import Iterable

from chainatlas.graph.model import Row, Table, clean_row, keep_stamps
from chainatlas.graph.text import pinyin_keys, search_text
from chainatlas.graph.units import UNITS, canonical_unit, to_base

_QUANTITY = {
    Table.PRODUCES: ("capacity", "capacity_base"),
    Table.NEEDS: ("annual_demand", "demand_base"),
    Table.SUPPLIES: ("volume", "volume_base"),
}


def prepare_rows(table: Table, rows: Iterable[Row]) -> list[Row]:
    """Clean ``rows`` of ``table`` and derive their search keys and base quantities."""
    out = []
    for raw in rows:
        row = keep_stamps(raw, clean_row(table, raw))
        if table in (Table.ENTERPRISES, Table.PRODUCTS):
            names = [row["name"]] + ([row["short_name"]] if row.get("short_name") else [])
            keys = [pinyin_keys(n) for n in names if n]
            row["pinyin"] = " ".join(k[0] for k in keys)
            row["initials"] = " ".join(k[1] for k in keys)
            row["aliases"] = list(row.get("aliases") or [])
            if table is Table.ENTERPRISES:
                row["tags"] = list(row.get("tags") or [])
            row["search_text"] = _search_text(table, row)
        if table in _QUANTITY:
            amount_col, base_col = _QUANTITY[table]
            canon = canonical_unit(row["unit"]) if row.get("unit") else None
            row["unit"] = canon or row.get("unit")
            row["base_unit"] = UNITS[canon][0] if canon else None
            amount = row.get(amount_col)
            row[base_col] = to_base(amount, canon)[0] if canon and amount is not None else None
        out.append(row)
    return out


def _search_text(table: Table, row: Row) -> str:
    """The folded keys search matches on (graph.text.SEARCH_LINES order, then aliases)."""
    code = row.get("credit_code") if table is Table.ENTERPRISES else row.get("cas")
    return search_text(
        [
            row["id"],
            row.get("name"),
            row.get("short_name"),
            row.get("name_en"),
            code,
            row["pinyin"],
            row["initials"],
        ],
        aliases=row["aliases"],
    )
