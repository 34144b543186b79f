"""A bulk load into an empty Neo4j database: the bundle as files for ``neo4j-admin database
import full``, which ``scripts/neo4j-local import DIR`` imports (docs/performance.md).

The files give the graph a normal load gives (:mod:`graph.neo4j_bulk` spells the upsert
statements out as CSV), with the graph's version node and the record of change set 1, which
the bulk load is (its facts stamped as a first normal load stamps them, so history, revert and
the digest work after it); the constraints and indexes are the
``schema_*`` statements, listed in ``import.json`` for the launcher to run once the imported
database is up (Community's importer cannot build them: ``--schema`` needs the block format).
"""

from __future__ import annotations

import json
import multiprocessing
import os
import uuid
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

from chainatlas.graph import cypher
from chainatlas.graph.asof import Span, live_span, membership
from chainatlas.graph.changes import OPS, added, now_utc
from chainatlas.graph.digest import DIGEST, fact_digest
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Row, Table
from chainatlas.graph.neo4j_bulk import ImportFiles, empty_folder, write_part
from chainatlas.graph.rows import iter_prepared
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.bundle import Bundle
from chainatlas.loaders.load import Change, held_counts
from chainatlas.loaders.receipt import receipt
from chainatlas.loaders.report import LoadReport

#: the change set a bulk load is: the first of the database
FIRST = 1
#: rows of its largest relationship table from which a bundle's files are written by two
#: processes, that table by the second (docs/performance.md, "Import files by two processes")
PARALLEL_FROM = 50_000


class WriterStopped(RuntimeError):
    """A process writing import files ended without a word (out of memory, a signal)."""


def require_empty(store: GraphStore) -> None:
    """:class:`~graph.errors.InvalidOption` unless ``store`` is Neo4j and holds no node of
    the graph: the importer replaces a database whole."""
    if store.kind != "neo4j":
        raise InvalidOption("bulk", "--bulk writes files for Neo4j's importer: set NEO4J_URI")
    figures = store.stats()
    held = {k: v for k, v in figures.items() if k.endswith(("enterprises", "products")) and v}
    held.update({k: v for k, v in figures.items() if k in ("chains", "regions") and v})
    if held:
        what = ", ".join(f"{v} {k}" for k, v in held.items())
        raise InvalidOption("bulk", f"--bulk needs an empty database; this one holds {what}")


def bulk_files(
    bundle: Bundle,
    folder: Path,
    *,
    change: Change,
    receipt_key: Row | None = None,
    day: date | None = None,
    parallel_from: int | None = PARALLEL_FROM,
) -> ImportFiles:
    """Write the import files of a validated ``bundle`` into ``folder`` (empty or absent) with
    its ``import.json``; return what was written. The graph they make is change set 1, by
    ``change``'s author from its source, as a normal load into an empty database records it:
    every fact stamped as added by it, its ``:ChangeSet`` record with the counts, and the
    ``:ChangeSetHead`` at 1 (no entries: a fact a change set adds needs none). With
    ``receipt_key`` (:func:`loaders.receipt.load_key`) the graph keeps the receipt of that load
    on ``day`` (today), so that re-loading the same bundle after the import reads nothing.

    When the largest relationship table has ``parallel_from`` rows or more and the machine
    has two cores, a forked process writes that table's files while this one writes the
    rest (``None``: one process)."""
    # row by row, nothing copied whole (a province's bundle is millions of rows): the counts
    # first, then each table prepared, stamped and written as the importer's files are
    kept = _Anchored(bundle.tables)
    counts, span = _counted(kept)
    tables = {t: _stamped(t, kept(t)) for t in Table}
    epoch = str(uuid.uuid4())
    # the version node as the first write makes it, with the span of every row it imports
    version = {"id": "graph", "epoch": epoch, "n": 1, "span_known": True}
    version |= {"span_start": span.start, "span_end": span.end}
    extra: list[tuple[str, Row]] = [("GraphVersion", version)]
    if receipt_key is not None:  # the version the import leaves: the launcher's schema after
        said = LoadReport(bundle.name, "neo4j", held_counts(bundle), bundle.warnings)
        doc = receipt(receipt_key, day or date.today(), f"{epoch}:1", said)  # it moves none
        extra.append(("LoadReceipt", {"id": "load", "doc": json.dumps(doc, ensure_ascii=False)}))
    if counts:  # a load that adds nothing records no change set
        at = now_utc()
        record = {
            "id": FIRST,
            "at": at,
            "author": change.author,
            "kind": "load",
            "source": change.source,
            "sha256": change.sha256,
            "counts": json.dumps(counts, ensure_ascii=False, sort_keys=True),
        }
        extra += [
            ("ChangeSet", record),
            ("ChangeSetHead", {"name": "head", "id": FIRST, "locked_at": at}),
        ]
    empty_folder(folder)
    apart = _apart(bundle.tables, parallel_from)
    rest = {t: rows for t, rows in tables.items() if t not in apart}
    files = _in_parallel(
        partial(write_part, rest, folder, extra_nodes=extra),
        *[partial(write_part, {t: tables[t]}, folder, ids=kept.ids) for t in apart],
    )
    # the empty lists first: set while indexes populate (the names index reads the aliases),
    # they took 11.8 s of the 20 s after a 100k import; before any index, 3-4 s
    after = [*cypher.names("bulk_"), *cypher.names("schema_")]
    files.schema = [_one_line(cypher.statement(n)) for n in after]
    files.save()
    return files


def _counted(kept: _Anchored) -> tuple[dict[str, dict[str, int]], Span]:
    """The rows of each table change set 1 adds (as its record counts them), and the span of
    every row (graph/neo4j_span.py; a firm's days from its founding, joining, closing and
    leaving: graph.asof.membership), in one pass."""
    n: Counter[Table] = Counter()

    def dated(table: Table) -> Iterator[Row]:
        for row in kept(table):
            n[table] += 1
            if table is Table.ENTERPRISES:
                row = dict(zip(("member_since", "member_until"), membership(row), strict=True))
            yield row

    span = live_span(chain.from_iterable(dated(t) for t in Table))
    return {t.value: {**dict.fromkeys(OPS, 0), "added": n[t]} for t in Table if n[t]}, span


class _Anchored:
    """The rows of a table of ``tables``, edge rows only when their endpoints are rows of the
    bundle: what a store writes, and a change set counts (graph.changes)."""

    def __init__(self, tables: Mapping[Table, list[Row]]) -> None:
        self.tables = tables
        #: per label, the ids of the bundle's nodes
        self.ids = {label: {r["id"] for r in tables.get(t, ())} for t, label in NODE_TABLES.items()}

    def __call__(self, table: Table) -> Iterator[Row]:
        rows = self.tables.get(table, ())
        if table not in EDGE_TABLES:
            return iter(rows)
        _, (src_label, src), (dst_label, dst) = EDGE_TABLES[table]
        src_ids, dst_ids = self.ids[src_label], self.ids[dst_label]
        return (r for r in rows if r[src] in src_ids and r[dst] in dst_ids)


def _apart(tables: Mapping[Table, list[Row]], parallel_from: int | None) -> list[Table]:
    """The tables a second process writes: the largest relationship table, when it has
    ``parallel_from`` rows or more and there are two cores to fork onto."""
    if parallel_from is None or (os.cpu_count() or 1) < 2:
        return []
    if "fork" not in multiprocessing.get_all_start_methods():
        return []
    largest = max(EDGE_TABLES, key=lambda t: len(tables.get(t, ())))
    return [largest] if len(tables.get(largest, ())) >= parallel_from else []


def _in_parallel(
    here: Callable[[], ImportFiles], *forked: Callable[[], ImportFiles]
) -> ImportFiles:
    """``here()`` in this process while each of ``forked`` runs in a forked one (sharing the
    bundle read, copy-on-write); the files of all, the forked ones' absorbed in order. An
    error in any is raised here, after every process has ended."""
    context = multiprocessing.get_context("fork")
    started = []
    for job in forked:
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_forked, args=(job, send), daemon=True)
        process.start()
        send.close()
        started.append((process, receive))
    try:
        files = here()
    except BaseException:
        for process, _ in started:
            process.terminate()
            process.join()
        raise
    for process, receive in started:
        try:
            ok, value = receive.recv()
        except EOFError:  # it died without a word: killed (out of memory, a signal)
            process.join()
            raise WriterStopped(
                f"a process writing import files stopped (exit code {process.exitcode})"
            ) from None
        process.join()
        if not ok:
            raise value
        files.absorb(value)
    return files


def _forked(job: Callable[[], ImportFiles], send: Any) -> None:
    try:
        send.send((True, job()))
    except Exception as e:  # raised in the parent: InvalidOption for a value refused
        try:
            send.send((False, e))
        except Exception:  # an error that does not pickle: its words
            send.send((False, RuntimeError(f"{type(e).__name__}: {e}")))
    finally:
        send.close()


def _stamped(table: Table, rows: Iterable[Row]) -> Iterator[Row]:
    """``rows`` prepared as a store writes them, stamped as added by change set 1, with their
    digests."""
    for row in iter_prepared(table, rows):
        row = added(table, row, FIRST)
        row[DIGEST] = fact_digest(table, row)
        yield row


def _one_line(text: str) -> str:
    return " ".join(line for line in text.splitlines() if not line.startswith("//")).strip()
