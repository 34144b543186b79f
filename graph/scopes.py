"""Which firms a fact touches, and which of them lie outside a region (scoped editors).

An editor's key may be limited to one region (``editor@shangyu``, docs/security.md): it may
change the firms of that region and the relations that touch them. This module answers the
two questions that rule needs, the same on both stores; :mod:`api.scopes` turns the answer
into a 403.

- :func:`firms_touched`: the enterprise ids a row of a bundle table speaks about. A firm row
  touches its firm; supplies and cooperations their two ends; produces, needs and posts their
  firm. Products, chains, regions, parks and process routes touch none: they are shared by
  every region, and a region editor may not change them.
- :func:`firms_outside`: the firms among some ids whose region is not the editor's, read from
  the store as it is now (a firm's stored ``region_id``, whether or not it is still in the
  map: a firm that left is still its region's to correct). A firm the store does not hold is
  outside, unless the caller names it among ``new`` (a firm being created in the region).

>>> sorted(firms_touched("supplies", {"supplier_id": "E1", "buyer_id": "E2", "product_id": "p"}))
['E1', 'E2']
>>> firms_touched("products", {"id": "p"})
set()
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from chainatlas.graph.changes import unchanged
from chainatlas.graph.model import Row, Table, row_key
from chainatlas.graph.rows import prepare_rows

if TYPE_CHECKING:
    from chainatlas.graph.store import GraphStore

#: per table, the columns of a row that hold enterprise ids (tables absent: shared, none)
FIRM_COLUMNS: dict[Table, tuple[str, ...]] = {
    Table.ENTERPRISES: ("id",),
    Table.PRODUCES: ("enterprise_id",),
    Table.NEEDS: ("enterprise_id",),
    Table.SUPPLIES: ("supplier_id", "buyer_id"),
    Table.COOPERATIONS: ("from_id", "to_id"),
    Table.POSTS: ("enterprise_id",),
}
#: the tables every region shares: a row of them touches no firm
SHARED_TABLES = tuple(t for t in Table if t not in FIRM_COLUMNS)


def firms_touched(table: Table | str, row: Mapping[str, Any]) -> set[str]:
    """The enterprise ids a row of ``table`` touches (empty for a shared table).

    >>> sorted(firms_touched(Table.COOPERATIONS, {"from_id": "E2", "to_id": "E1"}))
    ['E1', 'E2']
    >>> firms_touched("enterprises", {"id": "E7", "region_id": "keqiao"})
    {'E7'}
    """
    columns = FIRM_COLUMNS.get(Table(table), ())
    return {str(row[c]) for c in columns if row.get(c) is not None}


def firm_regions(store: GraphStore, firm_ids: Iterable[str]) -> dict[str, str | None]:
    """The stored region of each firm of ``firm_ids`` the store holds (ended or not)."""
    keys = [(f,) for f in sorted(set(firm_ids))]
    if not keys:
        return {}
    rows = store.fact_rows(Table.ENTERPRISES, keys)
    return {str(r["id"]): r.get("region_id") for r in rows}


def outside(
    regions: Mapping[str, str | None], region: str, firm_ids: Iterable[str], new: Iterable[str] = ()
) -> list[str]:
    """The firms of ``firm_ids`` not in ``region`` by ``regions`` (a firm → its region), sorted;
    a firm missing from ``regions`` is outside unless it is in ``new``.

    >>> outside({"E1": "shangyu", "E2": "keqiao"}, "shangyu", ["E2", "E1", "E9", "E8"], ["E9"])
    ['E2', 'E8']
    """
    fresh = set(new)
    return sorted(
        f for f in set(firm_ids) if (regions[f] != region if f in regions else f not in fresh)
    )


def firms_outside(
    store: GraphStore, region: str, firm_ids: Iterable[str], *, new: Iterable[str] = ()
) -> list[str]:
    """The firms of ``firm_ids`` whose region in ``store`` (now) is not ``region``, sorted; a
    firm the store does not hold is outside unless the caller gives it in ``new``."""
    ids = set(firm_ids)
    return outside(firm_regions(store, ids), region, ids, new)


def changed_rows(store: GraphStore, table: Table, rows: Sequence[Row]) -> list[Row]:
    """The rows of ``rows`` a load would write: new facts, and facts that differ from the
    stored ones by what they say (a change set leaves an equal row alone, graph.changes), so
    a region editor may send a whole bundle of which it changes only its region's rows."""
    if not rows:
        return []
    keys = [row_key(table, r) for r in rows]
    stored = {row_key(table, r): r for r in store.fact_rows(table, keys)}
    out = []
    for raw, prepared, key in zip(rows, prepare_rows(table, rows), keys, strict=True):
        old = stored.get(key)
        if not unchanged(table, old, prepared):
            out.append(raw)
    return out
