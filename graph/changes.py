"""Change sets: every load (and every edit) is one atomic, numbered, attributed change.

A change set has an ``id`` (1, 2, 3 … in the order they were committed), a time ``at``
(UTC), an ``author`` (the API key's name or the OS user), a ``kind`` (``load``, ``edit``,
``revert``), a ``source`` (the bundle's file name, ``edit`` or ``revert``) with the bundle's
``sha256``, and ``counts`` per table of the facts it ``added``, ``changed``, ``ended`` and
``removed``. A fact it wrote carries stamps (:data:`graph.model.STAMPS`): ``created_in`` (the
change set that first made it), ``changed_in`` (the last one that wrote it) and ``ended_in``
(the one that set its ``until``), besides its provenance (``source_file``, ``source_row``).

What a change set did is kept so that it can be undone (:mod:`graph.revert`): the facts it
added carry its id as ``created_in``; for every other fact it touched an *entry* keeps the fact
as it was before (``before``, ``None`` when the fact did not exist). History is a query over
these, not a copy of the graph.

Writing goes through :func:`change_set`::

    with change_set(store, author="li", source="demo", sha256=digest) as cs:
        cs.upsert(Table.SUPPLIES, rows)            # adds and changes, stamped
        cs.end_facts(Table.SUPPLIES, keys, "2026-06-30")   # sets until, stamps ended_in
    cs.record                                       # None when nothing changed

The block runs in one store transaction (:meth:`GraphStore.atomic`): either every fact and
the change set's record are written, or none. A block that changes nothing records nothing, so
a repeated load leaves no trace. Comparing a row with the stored fact ignores stamps and
provenance: the same fact stated in another file or row is not a change.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any, TypeVar, cast

from chainatlas.graph.asof import day, holds, member
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import (
    EDGE_TABLES,
    NODE_TABLES,
    PROVENANCE,
    STAMPS,
    Label,
    Row,
    Table,
    clean_row,
    row_key,
)
from chainatlas.graph.rows import prepare_rows
from chainatlas.graph.store import DEFAULT_BATCH, batches

if TYPE_CHECKING:
    from chainatlas.graph.store import GraphStore

Key = tuple[Any, ...]
T = TypeVar("T")
#: what a change set can do to a fact, in the order counts list them
OPS = ("added", "changed", "ended", "removed")
#: the members of a change-set record, in the order both stores give them
RECORD_KEYS = ("id", "at", "author", "kind", "source", "sha256", "counts", "reverts", "reverted_by")
_IGNORED = frozenset(STAMPS) | frozenset(PROVENANCE)
#: the node table of each label
NODE_TABLE = {label: table for table, label in NODE_TABLES.items()}


def end_column(table: Table) -> str:
    """The column that ends a fact of ``table``: a firm leaves the map (``left``), a fact
    ends (``until``)."""
    return "left" if table is Table.ENTERPRISES else "until"


def _end_of(table: Table, row: Mapping[str, Any]) -> Any:
    """When a stored or prepared row stops holding (a firm: its ``member_until``)."""
    return row.get("member_until" if table is Table.ENTERPRISES else "until")


def _in_force(table: Table, row: Mapping[str, Any], on: str) -> bool:
    return member(row, on) if table is Table.ENTERPRISES else holds(row, on)


def data_of(table: Table, row: Mapping[str, Any]) -> Row:
    """What a fact says, without stamps and provenance: two rows are the same fact state
    exactly when these are equal (a store drops ``None``; every column is filled here).

    >>> data_of(Table.CHAINS, {"id": "p", "name": "高分子", "changed_in": 3, "source_row": 2})
    {'id': 'p', 'name': '高分子', 'name_en': None, 'description': None}
    """
    return {k: v for k, v in clean_row(table, dict(row)).items() if k not in _IGNORED}


def unchanged(table: Table, old: Mapping[str, Any] | None, row: Mapping[str, Any]) -> bool:
    """Whether ``row`` (prepared) says what the stored fact ``old`` says (``None``: not
    stored): a change set leaves such a row alone."""
    return old is not None and data_of(table, old) == data_of(table, row)


def added(table: Table, row: Row, id: int) -> Row:
    """``row`` (prepared) stamped as a fact change set ``id`` adds: it made and last wrote it,
    and ended it when the row is ended already (the bulk path stamps change set 1 so).

    >>> added(Table.SUPPLIES, {"until": 2024}, 1)
    {'until': 2024, 'created_in': 1, 'changed_in': 1, 'ended_in': 1}
    """
    ended_in = id if _end_of(table, row) is not None else None
    return {**row, "created_in": id, "changed_in": id, "ended_in": ended_in}


def unstamped(row: Mapping[str, Any]) -> Row:
    """``row`` without change-set stamps (an incoming row never sets them itself)."""
    return {k: v for k, v in row.items() if k not in STAMPS}


def now_utc() -> str:
    """The time a change set is recorded at: ISO 8601, UTC, whole seconds."""
    return datetime.now(UTC).replace(microsecond=0).isoformat().replace("+00:00", "Z")


class ChangeWriter:
    """The writes of one open change set (made by :func:`change_set`, never directly)."""

    def __init__(self, store: GraphStore, id: int, record: Row) -> None:
        self.store = store
        self.id = id
        self.draft = record
        self.entries: list[Row] = []
        #: node ids known to be stored, per label (written or read by this change set)
        self._ids: dict[Label, set[str]] = {}
        self.counts: dict[str, dict[str, int]] = {}
        #: the committed record, once the block ended with something changed
        self.record: Row | None = None

    def _count(self, table: Table, op: str, n: int = 1) -> None:
        per = self.counts.setdefault(table.value, dict.fromkeys(OPS, 0))
        per[op] += n

    def _entry(self, table: Table, key: Key, op: str, before: Row | None) -> None:
        self.entries.append(
            {
                "seq": len(self.entries),
                "table": table.value,
                "key": list(key),
                "op": op,
                "before": before,
            }
        )

    def _stored(self, table: Table, keys: Iterable[Key]) -> dict[Key, Row]:
        return {row_key(table, r): r for r in self.store.fact_rows(table, list(keys))}

    @property
    def changed(self) -> bool:
        """Whether anything was written so far."""
        return any(n for per in self.counts.values() for n in per.values())

    def upsert(self, table: Table, rows: Iterable[Row], *, batch_size: int = DEFAULT_BATCH) -> int:
        """Add the facts of ``rows`` that are new and rewrite those that differ from what is
        stored; rows equal to the stored fact are left alone. Returns the rows written.

        The stored facts are read first (to compare, stamp and keep their before-images);
        the rows found absent are then written as new (:meth:`GraphStore.insert`: Neo4j
        CREATEs them), the others upserted."""
        written = 0
        for chunk in self._chunks(table, rows, batch_size):
            keys = [row_key(table, r) for r in chunk]
            stored = self._stored(table, keys)
            new: list[Row] = []
            rewritten: list[Row] = []
            for key, row in zip(keys, chunk, strict=True):
                old = stored.get(key)
                if unchanged(table, old, row):
                    continue
                (new if old is None else rewritten).append(self._stamp(table, key, row, old))
            if len(set(keys)) < len(keys):  # a key twice in one batch: MERGE keeps one fact
                rewritten, new = new + rewritten, []
            written += self._send(table, new, rewritten, batch_size)
            self._note(table, chunk)
        return written

    def insert(self, table: Table, rows: Iterable[Row], *, batch_size: int = DEFAULT_BATCH) -> int:
        """Add the facts of ``rows``, whose keys the store is known not to hold (the load
        found the table empty: :meth:`GraphStore.fact_digests`) and which hold no key twice
        (validation refuses that): stamped and counted as added like :meth:`upsert`'s new
        facts, without reading anything back. Returns the rows written."""
        written = 0
        for chunk in self._chunks(table, rows, batch_size):
            new = [self._stamp(table, row_key(table, r), r, None) for r in chunk]
            written += self._send(table, new, [], batch_size)
            self._note(table, chunk)
        return written

    def _chunks(self, table: Table, rows: Iterable[Row], batch_size: int) -> Iterator[list[Row]]:
        """``rows`` unstamped and prepared, in batches; edge rows whose endpoints are not
        stored left out (:meth:`_anchored`, which reads what the batches before it wrote)."""
        for chunk in batches(prepare_rows(table, (unstamped(r) for r in rows)), batch_size):
            yield self._anchored(table, chunk) if table in EDGE_TABLES else chunk

    def _send(self, table: Table, new: list[Row], rewritten: list[Row], batch_size: int) -> int:
        n = 0
        if new:
            n += self.store.insert(table, new, batch_size=batch_size, prepared=True)
        if rewritten:
            n += self.store.upsert(table, rewritten, batch_size=batch_size, prepared=True)
        return n

    def _note(self, table: Table, rows: list[Row]) -> None:
        """Remember the ids of nodes written: edges after them need not read them back."""
        if table in NODE_TABLES:
            self._ids.setdefault(NODE_TABLES[table], set()).update(r["id"] for r in rows)

    def _anchored(self, table: Table, rows: list[Row]) -> list[Row]:
        """The edge rows whose two endpoints are stored: a store skips the others, so a
        change set neither counts nor records them. Nodes this change set wrote are known;
        only the other ids are read."""
        _, (src_label, src), (dst_label, dst) = EDGE_TABLES[table]
        for label, col in ((src_label, src), (dst_label, dst)):
            known = self._ids.setdefault(label, set())
            ids = sorted({r[col] for r in rows} - known)
            if ids:  # their ids alone: a firm's whole row is ~1 kB (search text, contacts)
                known.update(r["id"] for r in self.store.nodes(label, ids, fields=()))
        src_ids, dst_ids = self._ids[src_label], self._ids[dst_label]
        return [r for r in rows if r[src] in src_ids and r[dst] in dst_ids]

    def _stamp(self, table: Table, key: Key, row: Row, old: Row | None) -> Row:
        end = _end_of(table, row)
        ends = end is not None and (old is None or _end_of(table, old) is None)
        if old is None:
            self._count(table, "added")
            return added(table, row, self.id)
        op = "ended" if ends else "changed"
        self._count(table, op)
        self._entry(table, key, op, old)
        ended_in = self.id if ends else (old.get("ended_in") if end is not None else None)
        return {
            **row,
            "created_in": old.get("created_in"),
            "changed_in": self.id,
            "ended_in": ended_in,
        }

    def end_facts(self, table: Table, keys: Iterable[Key], until: int | str) -> int:
        """End the facts of ``table`` with ``keys`` on ``until`` (a year or an ISO date): their
        ``until`` (a firm's ``left``: it leaves the map) is set and ``ended_in`` names this
        change set. Facts not in force that day (ended already) are left alone; an unknown key
        raises :class:`~graph.errors.UnknownEntity` (nothing of the change set is then
        written). Returns how many facts this ended."""
        keys = [tuple(k) for k in keys]
        stored = self._stored(table, keys)
        col, on = end_column(table), day(until)
        out = []
        for key in keys:
            old = stored.get(key)
            if old is None:
                raise UnknownEntity(table.value, "|".join(map(str, key)))
            if not _in_force(table, old, on):
                continue
            self._count(table, "ended")
            self._entry(table, key, "ended", old)
            out.append({**old, col: until, "changed_in": self.id, "ended_in": self.id})
        if out:
            self.store.upsert(table, out)
        return len(out)

    def restore(self, table: Table, facts: Iterable[tuple[Key, Row | None, Row | None]]) -> None:
        """Put facts of ``table`` back: each ``(key, before, current)`` becomes ``before``
        (``None``: removed) from ``current`` (what it is now). A revert does this for every
        fact its target touched."""
        gone, back = [], []
        for key, before, current in facts:
            if before is None:
                if current is not None:
                    self._count(table, "removed")
                    self._entry(table, key, "removed", current)
                    gone.append(key)
                continue
            op = "added" if current is None else "changed"
            self._count(table, op)
            self._entry(table, key, op, current)
            back.append({**before, "changed_in": self.id})
        if back:
            self.store.upsert(table, back)
        if gone:
            self.store.remove_facts(table, gone)
            if table in NODE_TABLES:
                self._ids.get(NODE_TABLES[table], set()).difference_update(k[0] for k in gone)

    def finish(self) -> Row | None:
        if not self.changed:
            return None
        record = {k: ({**self.draft, "id": self.id, "counts": self.counts})[k] for k in RECORD_KEYS}
        self.store.save_change_set(record, self.entries)
        self.record = record
        return record


@contextmanager
def change_set(
    store: GraphStore,
    *,
    author: str,
    source: str,
    kind: str = "load",
    sha256: str | None = None,
    reverts: int | None = None,
) -> Iterator[ChangeWriter]:
    """One change set on ``store``: everything written through the writer, and the record,
    commit together or not at all (see the module docstring)."""
    store.ensure_schema()
    with store.atomic():
        draft = {
            "at": now_utc(),
            "author": author,
            "kind": kind,
            "source": source,
            "sha256": sha256,
            "reverts": reverts,
            "reverted_by": None,
        }
        writer = ChangeWriter(store, store.next_change_set_id(), draft)
        yield writer
        writer.finish()


class _Through:
    """A store whose ``upsert`` goes through an open change set; everything else is the
    store's (reads inside the block see the block's writes: one transaction)."""

    def __init__(self, store: GraphStore, cs: ChangeWriter) -> None:
        self._store, self._cs = store, cs

    def upsert(self, table: Table, rows: Iterable[Row], **kw: Any) -> int:
        return self._cs.upsert(table, rows, **kw)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._store, name)


def edited(store: GraphStore, work: Callable[[GraphStore], T], *, author: str, source: str) -> T:
    """Run ``work`` on ``store`` as one change set of kind ``edit`` (its ``upsert`` calls
    recorded): the board's writes from the API, the pages, Atlas and the CLI."""
    with change_set(store, author=author, source=source, kind="edit") as cs:
        return work(recorded(store, cs))


def recorded(store: GraphStore, cs: ChangeWriter) -> GraphStore:
    """``store`` with its writes recorded in ``cs``: code that edits through the store's own
    ``upsert`` (the board's posts and accepted matches) becomes part of the change set."""
    return cast("GraphStore", _Through(store, cs))
