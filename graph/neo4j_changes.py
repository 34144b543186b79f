"""The Neo4j store's change sets: one transaction per change set, records as nodes.

Mixed into :class:`graph.neo4j_store.Neo4jStore`. :meth:`Neo4jChanges.atomic` opens one
explicit write transaction for the calling thread; every statement the store runs from that
thread inside the block joins it, and it commits when the block ends (rolls back when it
raises). A client killed mid-load drops its connection and the server rolls the whole
transaction back: the graph is as before the load (docs/changes.md, "Atomic loads").
:meth:`Neo4jChanges.reading` opens one read transaction the same way, for a query's reads.

Records are ``(:ChangeSet {id, at, author, kind, source, sha256, counts, reverts,
reverted_by})`` with ``(:ChangeSet)-[:RECORDS]->(:FactChange {seq, table, key, op, before})``
entries (``counts`` and ``before`` as JSON text: properties cannot nest maps). The
``(:ChangeSetHead {name: 'head'})`` node holds the latest id; taking it first in the
transaction makes concurrent change sets wait their turn.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from typing import Any

import neo4j
from neo4j import Driver

from chainatlas.graph.changes import RECORD_KEYS, now_utc
from chainatlas.graph.digest import DIGEST
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Row, Table
from chainatlas.graph.neo4j_statements import FACT_STATEMENTS, INCIDENT_STATEMENTS
from chainatlas.graph.store import DEFAULT_BATCH, batches


class Neo4jChanges:
    driver: Driver
    database: str | None
    _local: threading.local
    bookmarks: neo4j.BookmarkManager
    read: Callable[..., list[dict[str, Any]]]
    write: Callable[..., list[dict[str, Any]]]
    _translate_errors: Callable[[], Any]

    @contextmanager
    def atomic(self) -> Iterator[None]:
        if getattr(self._local, "tx", None) is not None:
            yield  # already inside one: the outer block commits
            return
        # the reads after a load see it (a cluster): the store's bookmark manager
        with self._explicit(neo4j.WRITE_ACCESS, "tx") as tx:
            yield
            with self._translate_errors():
                tx.commit()

    @contextmanager
    def reading(self) -> Iterator[None]:
        """The block's reads in one read transaction, routed to a reader: a managed one per
        statement is three round trips (BEGIN, RUN and PULL, COMMIT), and a path search makes
        a dozen statements. Nothing in it is retried: a server lost in the middle fails the
        block (Unavailable), as a statement after the driver's retries would. Writes inside it
        keep their own transactions; inside atomic() or another reading() it joins that one."""
        local = self._local
        if getattr(local, "tx", None) is not None or getattr(local, "read_tx", None) is not None:
            yield
            return
        with self._explicit(neo4j.READ_ACCESS, "read_tx"):
            yield  # nothing to commit: closing rolls the read-only transaction back

    @contextmanager
    def _explicit(self, mode: str, slot: str) -> Iterator[neo4j.Transaction]:
        """An explicit transaction of ``mode`` kept in this thread's ``slot`` (``tx``: the
        write statements and reads join it; ``read_tx``: the reads do) while the block runs,
        then closed (rolled back unless committed) with its session."""
        with self._translate_errors():
            session = self.driver.session(
                database=self.database, default_access_mode=mode, bookmark_manager=self.bookmarks
            )
        try:
            with self._translate_errors():
                tx = session.begin_transaction()
            setattr(self._local, slot, tx)
            try:
                yield tx
            finally:
                setattr(self._local, slot, None)
                with self._translate_errors():
                    tx.close()
        finally:
            session.close()

    # -- facts ------------------------------------------------------------------------------
    def fact_rows(self, table: Table, keys: Iterable[tuple[Any, ...]]) -> list[Row]:
        name = FACT_STATEMENTS[table][0]
        found: list[Row] = []
        for chunk in batches(([*k] for k in keys), DEFAULT_BATCH):  # type: ignore[misc]
            found += [_row(table, r) for r in self.read(name, keys=chunk)]
        return found

    def stamped_rows(self, table: Table, change_set: int) -> list[Row]:
        rows = self.read(FACT_STATEMENTS[table][1], change_set=change_set)
        return [_row(table, r) for r in rows]

    def incident_rows(self, table: Table, ids: Iterable[str]) -> list[Row]:
        rows = self.read(INCIDENT_STATEMENTS[table], ids=sorted(set(ids)))
        return [_row(table, r) for r in rows]

    def remove_facts(self, table: Table, keys: Iterable[tuple[Any, ...]]) -> int:
        n = 0
        for chunk in batches(([*k] for k in keys), DEFAULT_BATCH):  # type: ignore[misc]
            n += self.write(FACT_STATEMENTS[table][2], keys=chunk)[0]["removed"]
        return n

    # -- records ----------------------------------------------------------------------------
    def next_change_set_id(self) -> int:
        return int(self.write("change_set_lock", at=now_utc())[0]["head"]) + 1

    def save_change_set(self, record: Row, entries: list[Row]) -> None:
        params = {k: record.get(k) for k in RECORD_KEYS if k != "reverted_by"}
        params["counts"] = json.dumps(record["counts"], ensure_ascii=False, sort_keys=True)
        self.write("change_set_save", **params)
        encoded = [{**e, "before": _dump(e["before"])} for e in entries]
        for chunk in batches(encoded, DEFAULT_BATCH):
            self.write("change_entries_save", id=record["id"], entries=chunk)

    def change_sets(self, *, limit: int = 50, offset: int = 0) -> list[Row]:
        rows = self.read("change_sets", offset=offset, limit=limit)
        return [_record(r["props"]) for r in rows]

    def change_set(self, id: int) -> Row:
        rows = self.read("change_set", id=id)
        if not rows:
            raise UnknownEntity("ChangeSet", str(id))
        return _record(rows[0]["props"])

    def change_entries(self, id: int) -> list[Row]:
        self.change_set(id)
        return [
            {
                "seq": p["seq"],
                "table": p["table"],
                "key": list(p["key"]),
                "op": p["op"],
                "before": json.loads(p["before"]) if p.get("before") else None,
            }
            for p in (r["props"] for r in self.read("change_entries", id=id))
        ]

    def mark_reverted(self, id: int, by: int | None) -> None:
        self.write("change_set_mark_reverted", id=id, by=by)

    def head(self) -> int:
        return int(self.read("change_set_head")[0]["head"])

    def load_receipt(self) -> Row | None:
        rows = self.read("load_receipt")
        return json.loads(rows[0]["doc"]) if rows else None

    def save_load_receipt(self, receipt: Row) -> None:
        self.write("save_load_receipt", doc=json.dumps(receipt, ensure_ascii=False))


def _row(table: Table, r: dict[str, Any]) -> Row:
    """A stored fact as a row: a node's properties, or an edge's with its endpoint ids; its
    digest left out (a load's business, not history's: the embedded store keeps none)."""
    if table in NODE_TABLES:
        row = dict(r["row"])
    else:
        _, (_, src), (_, dst) = EDGE_TABLES[table]
        row = {src: r["source"], dst: r["target"], **r["props"]}
    row.pop(DIGEST, None)
    return row


def _dump(row: Row | None) -> str | None:
    return None if row is None else json.dumps(row, ensure_ascii=False, sort_keys=True)


def _record(props: dict[str, Any]) -> Row:
    out = {k: props.get(k) for k in RECORD_KEYS}
    out["counts"] = json.loads(props["counts"]) if props.get("counts") else {}
    return out
