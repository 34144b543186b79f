"""A fact's digest: 64 bits over what a bundle row says, so a re-load can tell the rows it
already holds without reading them back (docs/performance.md, "Re-loads").

The digest covers a row's source columns (key included; provenance and the columns
:func:`graph.rows.prepare_rows` derives left out), with the two spellings prepare normalises
made equal (a unit's canonical form, a missing list), so a raw bundle row and the prepared row
stored for it have the same digest. The Neo4j store keeps it on every fact as
:data:`DIGEST` (dropped from every answer by :func:`graph.rows.compact`); a row whose digest
is stored is a fact already held exactly so, and the load skips it. A digest that differs
proves nothing by itself: that row is written (an upsert of an equal fact changes nothing).

>>> row = {"id": "c1", "name": "高分子", "source_row": 2}
>>> fact_digest(Table.CHAINS, row) == fact_digest(Table.CHAINS, {**row, "source_row": 9})
True
>>> fact_digest(Table.CHAINS, row) == fact_digest(Table.CHAINS, {**row, "name": "氟化工"})
False
"""

from __future__ import annotations

from hashlib import blake2b
from operator import itemgetter
from typing import Any

from chainatlas.graph.model import PROVENANCE, TABLE_COLUMNS, Row, Table
from chainatlas.graph.units import canonical_unit

#: the property that holds a fact's digest in Neo4j
DIGEST = "fact_digest"
#: columns prepare_rows derives from the others: equal sources give equal derived values
DERIVED = frozenset(
    {
        "pinyin",
        "initials",
        "search_text",
        "member_since",
        "member_until",
        "base_unit",
        "capacity_base",
        "demand_base",
        "volume_base",
    }
)
_LISTS = frozenset({"aliases", "tags"})
_SOURCE = {
    t: tuple(c for c in cols if c not in DERIVED and c not in PROVENANCE)
    for t, cols in TABLE_COLUMNS.items()
}
#: per table, the positions of its source columns that prepare_rows normalises
_UNITS = {t: [i for i, c in enumerate(cols) if c == "unit"] for t, cols in _SOURCE.items()}
_LIST_AT = {t: [i for i, c in enumerate(cols) if c in _LISTS] for t, cols in _SOURCE.items()}


#: per table, one call that takes its source columns out of a row (every table has several)
_TAKE = {t: itemgetter(*cols) for t, cols in _SOURCE.items()}


def fact_digest(table: Table, row: Row) -> int:
    """The digest of ``row`` of ``table``: a signed 64-bit integer (a Neo4j integer)."""
    try:  # a load digests every row: a bundle's rows hold every column
        values: list[Any] = list(_TAKE[table](row))
    except KeyError:  # a stored fact, its None columns dropped
        values = [row.get(c) for c in _SOURCE[table]]
    for i in _UNITS[table]:
        if values[i]:
            values[i] = canonical_unit(values[i]) or values[i]
    for i in _LIST_AT[table]:
        values[i] = list(values[i] or [])
    raw = blake2b(repr(values).encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)
