"""Rows as the stores keep them: every column present, derived keys filled in; and property
maps as the stores report them (:func:`compact`, :func:`project`, :func:`search_hit`).

Both stores call :func:`prepare_rows` before they write, so what they keep is identical
whoever produced the rows (a loader, a test, the generator).
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from chainatlas.graph.asof import membership
from chainatlas.graph.digest import DIGEST
from chainatlas.graph.model import STAMPS, Row, Table, clean_row, keep_stamps
from chainatlas.graph.shapes import MakersPage
from chainatlas.graph.text import pinyin_readings, search_text
from chainatlas.graph.units import UNITS, canonical_unit, to_base

_QUANTITY = {
    Table.PRODUCES: ("capacity", "capacity_base"),
    Table.NEEDS: ("annual_demand", "demand_base"),
    Table.SUPPLIES: ("volume", "volume_base"),
}


def prepare_rows(table: Table, rows: Iterable[Row]) -> list[Row]:
    """Clean ``rows`` of ``table`` and derive their search keys and base quantities."""
    return list(iter_prepared(table, rows))


def iter_prepared(table: Table, rows: Iterable[Row]) -> Iterator[Row]:
    """:func:`prepare_rows` one row at a time (the bulk path streams a province's rows)."""
    for raw in rows:
        row = keep_stamps(raw, clean_row(table, raw))
        if table in (Table.ENTERPRISES, Table.PRODUCTS):
            names = [row["name"]] + ([row["short_name"]] if row.get("short_name") else [])
            readings = [pinyin_readings(n) for n in names if n]
            # the properties keep the readings in context; search_text every reading
            row["pinyin"] = " ".join(r[0][0] for r in readings)
            row["initials"] = " ".join(r[0][1] for r in readings)
            row["aliases"] = list(row.get("aliases") or [])
            if table is Table.ENTERPRISES:
                row["tags"] = list(row.get("tags") or [])
                row["member_since"], row["member_until"] = membership(row)
            row["search_text"] = _search_text(table, row, [k for r in readings for k in r])
        if table in _QUANTITY:
            amount_col, base_col = _QUANTITY[table]
            canon = canonical_unit(row["unit"]) if row.get("unit") else None
            row["unit"] = canon or row.get("unit")
            row["base_unit"] = UNITS[canon][0] if canon else None
            amount = row.get(amount_col)
            row[base_col] = to_base(amount, canon)[0] if canon and amount is not None else None
        yield row


def _search_text(table: Table, row: Row, readings: list[tuple[str, str]]) -> str:
    """The folded keys search matches on (graph.text.SEARCH_LINES order, then aliases); the
    pinyin and initials lines hold every reading of the names' heteronyms (晟: cheng and
    sheng), so ``lansheng`` finds 澜晟."""
    code = row.get("credit_code") if table is Table.ENTERPRISES else row.get("cas")
    return search_text(
        [
            row["id"],
            row.get("name"),
            row.get("short_name"),
            row.get("name_en"),
            code,
            " ".join(dict.fromkeys(k[0] for k in readings)),
            " ".join(dict.fromkeys(k[1] for k in readings)),
        ],
        aliases=row["aliases"],
    )


#: what a fact carries for the store, never shown: change-set stamps and its digest
_HIDDEN = frozenset(STAMPS) | {DIGEST}
#: what search_candidates gives of a node: what a hit shows (not its search_text: ~400 bytes)
SEARCH_FIELDS = ("id", "name", "name_en", "short_name")


def compact(props: Mapping[str, Any]) -> dict[str, Any]:
    """A property map as both stores report it: ``None`` values, change-set stamps (history
    answers those: :mod:`graph.changes`) and the fact's digest (:mod:`graph.digest`) dropped,
    keys sorted."""
    return {k: props[k] for k in sorted(props) if props[k] is not None and k not in _HIDDEN}


def projection(fields: Iterable[str]) -> tuple[str, ...]:
    """The properties a read of ``fields`` gives of each node: ``id`` and ``fields``, sorted,
    once each, never a stamp or digest (what :func:`compact` hides)."""
    return edge_projection({"id", *fields})


def edge_projection(fields: Iterable[str]) -> tuple[str, ...]:
    """The properties a read of ``fields`` gives of each edge: ``fields``, sorted, once each,
    never a stamp or digest."""
    return tuple(sorted(set(fields) - _HIDDEN))


def cut_props(edges: list[dict[str, Any]], fields: Iterable[str] | None) -> list[dict[str, Any]]:
    """``edges`` with each one's ``props`` cut to those of ``fields`` it has
    (:func:`edge_projection`; ``None``: as they are)."""
    if fields is not None:
        keep = edge_projection(fields)
        for e in edges:
            e["props"] = project(e["props"], keep)
    return edges


def project(props: Mapping[str, Any], keep: tuple[str, ...]) -> dict[str, Any]:
    """Those of the properties ``keep`` (a :func:`projection`) that ``props`` has, keys
    sorted as :func:`compact` sorts them."""
    return {k: props[k] for k in keep if props.get(k) is not None}


def search_hit(props: Mapping[str, Any], label: str, match: int) -> dict[str, Any]:
    """A candidate as :meth:`GraphStore.search_candidates` gives it: the node's
    :data:`SEARCH_FIELDS` (``None`` dropped), its label and how it matched."""
    return {**project(props, SEARCH_FIELDS), "label": label, "match": match}


def maker_pages(
    makers: Iterable[Mapping[str, Any]], exclude: str | None, limit: int | None
) -> dict[str, MakersPage]:
    """Makers (``producers`` items, in ``(product_id, id)`` order) as each product's page of a
    profile (:meth:`~graph.store.GraphStore.producer_pages`): how many other than ``exclude``,
    and the first ``limit`` (``None``: all) as ``{id, name, region_id}``."""
    pages: dict[str, MakersPage] = {}
    for m in makers:
        if m["id"] != exclude:
            page = pages.setdefault(m["product_id"], {"total": 0, "items": []})
            if limit is None or page["total"] < limit:
                page["items"].append({k: m.get(k) for k in ("id", "name", "region_id")})
            page["total"] += 1
    return pages
