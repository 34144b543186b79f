"""What a load would do, table by table: the rows it adds, the rows it changes (field: old →
new) and, for an authoritative load, the firms and facts of its scope that it ends.

Pure: a bundle's rows against the store's current rows (:func:`loaders.load.store_rows`
reads them alike from either store), so both stores give the same diff. A scope
(:class:`Scope`) says which firms and facts the bundle speaks for:

- ``all``: every firm and every fact (produces, needs, supplies, cooperations);
- ``region=ID``: the firms whose region (in the store) is ``ID``, and every fact touching
  at least one of them;
- ``source=NAME``: the firms and facts last written by the bundle named ``NAME`` (their
  ``source_bundle``).

Of those, the ones in force on the load day (a firm in the map, a fact that holds) and
absent from the bundle are ended: a firm gets ``left`` = the load day, a fact ``until``.
Products, chains, regions and process routes have no lifetime and are never ended.

>>> firm = {"id": "E1", "name": "甲", "region_id": "shangyu"}
>>> d = diff_tables({Table.ENTERPRISES: []}, {Table.ENTERPRISES: [firm]}, bundle="b",
...                 scope=parse_scope("region=shangyu"), day=date(2026, 6, 30))
>>> [(i.key, i.names) for i in d.tables[Table.ENTERPRISES].end]
[({'id': 'E1'}, {'id': '甲'})]
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from chainatlas.graph.asof import as_of_key, holds, member
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import EDGE_TABLES, TABLE_KEYS, Label, Row, Table, row_key
from chainatlas.loaders.schema import DATED_TABLES, SPECS

#: the tables whose rows a load can end: firms, and the facts with valid time
ENDABLE = (Table.ENTERPRISES, *DATED_TABLES)
#: the share of a scope's rows in force that a load may end unless forced (a truncated file
#: looks exactly like a load that ends most of a table)
MAX_END_SHARE = 0.2
#: how a firm, and how a fact, is ended: the column set to the load day
END_COLUMN = {t: "left" if t is Table.ENTERPRISES else "until" for t in ENDABLE}
SCOPE_KINDS = ("all", "region", "source")


@dataclass(frozen=True)
class Scope:
    """What an authoritative load speaks for (module docstring)."""

    kind: str
    value: str | None = None

    def __str__(self) -> str:
        return self.kind if self.value is None else f"{self.kind}={self.value}"


def parse_scope(text: str) -> Scope:
    """``all``, ``region=ID`` or ``source=NAME``; :class:`InvalidOption` for anything else.

    >>> parse_scope("all"), str(parse_scope(" region = shangyu "))
    (Scope(kind='all', value=None), 'region=shangyu')
    """
    kind, eq, value = (part.strip() for part in text.partition("="))
    if kind == "all" and not eq:
        return Scope("all")
    if kind in ("region", "source") and value:
        return Scope(kind, value)
    raise InvalidOption("scope", f"scope must be all, region=ID or source=NAME, not {text!r}")


@dataclass
class Item:
    """One row of a diff: its key and the names behind it, and the fields that change."""

    key: dict[str, Any]
    names: dict[str, str]
    fields: dict[str, tuple[Any, Any]] = field(default_factory=dict)
    row: Row = field(default_factory=dict, repr=False)  #: the store's row (ends only)

    def to_dict(self) -> dict[str, Any]:
        changed = {k: {"old": old, "new": new} for k, (old, new) in self.fields.items()}
        return {"key": self.key, "names": self.names, "fields": changed}


@dataclass
class TableDiff:
    add: list[Item] = field(default_factory=list)
    change: list[Item] = field(default_factory=list)
    end: list[Item] = field(default_factory=list)
    same: int = 0
    #: rows of the scope in force on the load day (the whole an end share is taken of)
    in_force: int = 0

    @property
    def end_share(self) -> float:
        return len(self.end) / self.in_force if self.in_force else 0.0

    def counts(self) -> dict[str, int]:
        return {
            "add": len(self.add),
            "change": len(self.change),
            "end": len(self.end),
            "same": self.same,
            "in_force": self.in_force,
        }


@dataclass
class Diff:
    bundle: str
    scope: Scope | None
    day: date
    tables: dict[Table, TableDiff]

    def too_many_ends(self, max_share: float = MAX_END_SHARE) -> dict[str, dict[str, Any]]:
        """The tables where the load would end more than ``max_share`` of the scope."""
        return {
            t.value: {"end": len(d.end), "in_force": d.in_force, "share": round(d.end_share, 4)}
            for t, d in self.tables.items()
            if d.end and d.end_share > max_share
        }

    def to_dict(self) -> dict[str, Any]:
        return {
            "bundle": self.bundle,
            "scope": None if self.scope is None else str(self.scope),
            "day": self.day.isoformat(),
            "counts": {t.value: d.counts() for t, d in self.tables.items()},
            "tables": {
                t.value: {kind: [i.to_dict() for i in getattr(d, kind)] for kind in CHANGES}
                for t, d in self.tables.items()
            },
        }


CHANGES = ("add", "change", "end")


def _norm(value: Any) -> Any:
    """Empty is empty, however a store or a bundle spells it."""
    return None if value in (None, "", []) else value


def _in_scope(scope: Scope, table: Table, row: Row, firms: set[str]) -> bool:
    if scope.kind == "all":
        return True
    if scope.kind == "source":
        return row.get("source_bundle") == scope.value
    if table is Table.ENTERPRISES:
        return row["id"] in firms
    _, (_, a), (_, b) = EDGE_TABLES[table]
    return row[a] in firms or row[b] in firms


def _in_force(table: Table, row: Row, day: str) -> bool:
    return member(row, day) if table is Table.ENTERPRISES else holds(row, day)


def _namer(*sources: Mapping[Table, Sequence[Row]]) -> dict[Label, dict[str, str]]:
    names: dict[Label, dict[str, str]] = {Label.ENTERPRISE: {}, Label.PRODUCT: {}}
    for tables in sources:
        for table, label in (
            (Table.ENTERPRISES, Label.ENTERPRISE),
            (Table.PRODUCTS, Label.PRODUCT),
        ):
            names[label].update({r["id"]: r["name"] for r in tables.get(table, ())})
    return names


def _names(table: Table, row: Row, names: dict[Label, dict[str, str]]) -> dict[str, str]:
    if table not in EDGE_TABLES:
        return {"id": row["name"]} if row.get("name") else {}
    _, src, dst = EDGE_TABLES[table]
    found = {col: names.get(label, {}).get(row[col]) for label, col in (src, dst)}
    if table is Table.SUPPLIES:
        found["product_id"] = names[Label.PRODUCT].get(row["product_id"])
    return {k: v for k, v in found.items() if v}


def diff_tables(
    bundle_rows: Mapping[Table, Sequence[Row]],
    current: Mapping[Table, Sequence[Row]],
    *,
    bundle: str,
    scope: Scope | None,
    day: date,
) -> Diff:
    """What loading ``bundle_rows`` into a store holding ``current`` would do on ``day``
    (without a scope, a load ends nothing)."""
    names = _namer(current, bundle_rows)
    today = as_of_key(day) or ""
    firms = set()
    if scope is not None and scope.kind == "region":
        firms = {
            r["id"] for r in current.get(Table.ENTERPRISES, ()) if r.get("region_id") == scope.value
        }
    out: dict[Table, TableDiff] = {}
    for table in Table:
        d = out[table] = TableDiff()
        cols = [c.name for c in SPECS[table]]
        now = {row_key(table, r): r for r in current.get(table, ())}
        new = {row_key(table, r): r for r in bundle_rows.get(table, ())}
        for key in sorted(new):
            row, old = new[key], now.get(key)
            item = Item(dict(zip(TABLE_KEYS[table], key, strict=True)), _names(table, row, names))
            if old is None:
                d.add.append(item)
                continue
            item.fields = {
                c: (_norm(old.get(c)), _norm(row.get(c)))
                for c in cols
                if _norm(old.get(c)) != _norm(row.get(c))
            }
            if item.fields:
                d.change.append(item)
            else:
                d.same += 1
        if scope is None or table not in ENDABLE:
            continue
        for key in sorted(now):
            row = now[key]
            if not (_in_scope(scope, table, row, firms) and _in_force(table, row, today)):
                continue
            d.in_force += 1
            if key not in new:
                item = Item(
                    dict(zip(TABLE_KEYS[table], key, strict=True)), _names(table, row, names)
                )
                item.fields = {END_COLUMN[table]: (_norm(row.get(END_COLUMN[table])), today)}
                item.row = row
                d.end.append(item)
    return Diff(bundle, scope, day, out)
