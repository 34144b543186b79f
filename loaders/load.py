"""Writing a validated bundle into a store: all or nothing at validation, idempotent after.

A load validates first and writes nothing if anything is wrong. It then writes the tables in
:class:`~graph.model.Table` order (nodes before the edges that need them) in batches of
upserts keyed by ``TABLE_KEYS``. Every batch is idempotent, so a load that dies midway and
is run again ends in the same graph as one clean load.

An authoritative load (``scope``, :mod:`loaders.diff`) also ends the firms and facts of its
scope that the bundle no longer has, through :func:`end_facts`; it first compares the bundle
with the store and, when it would end more than ``max_end_share`` of a table of its scope,
refuses (:class:`~graph.errors.LoadRefused`) before writing anything, unless ``force``.

Given ``change`` (who loads what: :class:`Change`), the load is one change set
(:mod:`graph.changes`): its upserts and its ends, atomic on both stores, stamped, recorded in
the history (a revert puts the ended facts back); a load that changes no fact records none.
Without it (a bundle read into a throw-away embedded store) rows are simply upserted.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from chainatlas.graph.acyclic import acyclic
from chainatlas.graph.changes import ChangeWriter, change_set
from chainatlas.graph.digest import fact_digest
from chainatlas.graph.errors import InvalidOption, LoadRefused
from chainatlas.graph.limits import DEFAULT_LIMITS, Limits
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Row, Table, row_key
from chainatlas.graph.store import DEFAULT_BATCH, GraphStore, batches
from chainatlas.loaders.baseline import Changes, find_baseline, keep_bundle, keep_changes
from chainatlas.loaders.bundle import Bundle, read_bundle
from chainatlas.loaders.delta import read_changes
from chainatlas.loaders.diff import END_COLUMN, MAX_END_SHARE, Diff, Scope, diff_tables
from chainatlas.loaders.receipt import load_key, recall, remember
from chainatlas.loaders.report import Change, LoadReport
from chainatlas.loaders.source import bundle_sha256, os_user

__all__ = [
    "Change",
    "LoadReport",
    "Progress",
    "held_counts",
    "load_bundle",
    "plan_load",
    "read_for_load",
    "write_bundle",
]

#: called after every batch with (table, rows of it written so far, rows of it in all)
Progress = Callable[[Table, int, int], None]


def store_rows(store: GraphStore) -> dict[Table, list[Row]]:
    """Every row the store holds, per table, as a bundle writes it (history included): the
    "before" of a diff, read alike from either store."""
    rows: dict[Table, list[Row]] = {t: store.nodes(label) for t, label in NODE_TABLES.items()}
    for table, (rel, (_, src), (_, dst)) in EDGE_TABLES.items():
        rows[table] = [{src: e["source"], dst: e["target"], **e["props"]} for e in store.edges(rel)]
    return rows


def plan_load(
    store: GraphStore, bundle: Bundle, *, scope: Scope | None = None, day: date | None = None
) -> Diff:
    """What loading ``bundle`` into ``store`` would add, change and (with ``scope``) end."""
    return diff_tables(
        bundle.tables, store_rows(store), bundle=bundle.name, scope=scope, day=day or date.today()
    )


def end_facts(
    store: GraphStore | ChangeWriter, table: Table, rows: Iterable[Row], day: date
) -> int:
    """End firms or facts of ``table`` on ``day``, never deleting them: ``until`` (a firm:
    ``left``) becomes ``day``. The one way a load ends anything: in a change set
    (a :class:`~graph.changes.ChangeWriter`) the ends are stamped and recorded, so that a
    revert restores them; on a bare store each row is upserted as it stands with that end."""
    col = END_COLUMN[table]
    if isinstance(store, ChangeWriter):
        keys = [row_key(table, row) for row in rows]
        return store.end_facts(table, keys, day.isoformat())
    return store.upsert(table, [{**row, col: day.isoformat()} for row in rows])


def unheld(
    store: GraphStore, table: Table, rows: list[Row], *, changed: bool = False
) -> tuple[list[Row], bool]:
    """``rows`` but those the store holds exactly so already (their digest is stored:
    :mod:`graph.digest`), in order, and whether the store holds no fact of ``table`` at all
    (then every key is new): a re-load sends only what changed. Rows ``changed`` since the
    last load (:mod:`loaders.delta`) are all sent: few, and seldom held, they are compared
    with the stored facts as they are written, not with every digest of their table."""
    held = store.fact_digests(table) if rows and not changed else None
    if held is None:
        return rows, False
    if not held:
        return rows, True
    return [r for r in rows if fact_digest(table, r) not in held], False


def write_bundle(
    store: GraphStore,
    bundle: Bundle,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    scope: Scope | None = None,
    max_end_share: float = MAX_END_SHARE,
    force: bool = False,
    day: date | None = None,
    change: Change | None = None,
) -> LoadReport:
    """Write the rows of an already validated ``bundle`` into ``store`` (as one change set
    when ``change`` says who makes it); with ``scope``, end what the scope no longer has on
    ``day`` (the load date, by default today), or raise :class:`~graph.errors.LoadRefused`
    before writing when that is more than ``max_end_share`` of a table of the scope and not
    ``force``."""
    if batch_size < 1:
        raise InvalidOption("batch_size", f"batch_size must be at least 1, got {batch_size}")
    if not 0 <= max_end_share <= 1:
        raise InvalidOption("max_end_share", f"max_end_share must be in 0..1, not {max_end_share}")
    plan = None
    if scope is not None:
        plan = plan_load(store, bundle, scope=scope, day=day)
        refused = plan.too_many_ends(max_end_share)
        if refused and not force:
            raise LoadRefused(refused, max_end_share)
    store.ensure_schema()
    record = None
    if change is None:
        _still_at(store, bundle)
        counts = _write(store, store, bundle, batch_size, progress)
        ended = _end(store, plan)
    else:
        with change_set(
            store, author=change.author, source=change.source, sha256=change.sha256
        ) as cs:
            _still_at(store, bundle)  # in the change set: no other writer until it ends
            _write(store, cs, bundle, batch_size, progress)
            ended = _end(cs, plan)
        counts = held_counts(bundle)
        record = cs.record
    report = LoadReport(bundle.name, store.kind, counts, bundle.warnings, ended)
    report.scope = None if scope is None else str(scope)
    report.change_set = record
    return report


class GraphMoved(Exception):
    """The graph was written since the baseline a bundle's changed lines were read against
    (:attr:`~loaders.bundle.Bundle.since`): nothing was written; read the bundle whole."""


def _still_at(store: GraphStore, bundle: Bundle) -> None:
    if bundle.since is not None and store.version() != bundle.since:
        raise GraphMoved(f"the graph is at {store.version()}, not {bundle.since}")


def held_counts(bundle: Bundle) -> dict[str, int]:
    """Rows per table of a load as one change set reports them: every row of the bundle, those
    the store held already too (the load leaves them as the bundle says)."""
    if bundle.whole is not None:  # read by its changed lines: the rest is held
        return dict(bundle.whole)
    return {t.value: len(bundle.tables.get(t, [])) for t in Table}


def _end(target: GraphStore | ChangeWriter, plan: Diff | None) -> dict[str, int]:
    ended: dict[str, int] = {}
    if plan is not None:
        for table, d in plan.tables.items():
            if d.end:
                ended[table.value] = end_facts(target, table, [i.row for i in d.end], plan.day)
    return ended


def _write(
    store: GraphStore,
    target: GraphStore | ChangeWriter,
    bundle: Bundle,
    batch_size: int,
    progress: Progress | None,
) -> dict[str, int]:
    """Write ``bundle`` through ``target`` (the store, or a change set on it): per table only
    the rows whose digest ``store`` does not hold, as new rows when it holds none."""
    counts: dict[str, int] = {}
    for table in Table:
        every = bundle.tables.get(table, [])
        rows, empty = unheld(store, table, every, changed=bundle.whole is not None)
        write = target.insert if empty else target.upsert  # an empty table: every key is new
        # rows held already count as written: the load leaves them as the bundle says
        written = done = len(every) - len(rows)
        for chunk in batches(rows, batch_size):
            written += write(table, chunk, batch_size=batch_size)
            done += len(chunk)
            if progress is not None:
                progress(table, done, len(every))
        counts[table.value] = written
    return counts


def load_bundle(
    store: GraphStore,
    path: Path,
    *,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    scope: Scope | None = None,
    max_end_share: float = MAX_END_SHARE,
    force: bool = False,
    day: date | None = None,
    author: str | None = None,
    limits: Limits = DEFAULT_LIMITS,
    baselines: Path | None = None,
) -> LoadReport:
    """Validate the bundle at ``path`` and write it into ``store`` as one change set by
    ``author`` (default: the OS user); then keep its receipt (:mod:`loaders.receipt`).

    Raises :class:`~graph.errors.BundleInvalid` (and writes nothing) when the bundle has an
    error, or a warning under ``strict``. Loading the same bundle twice changes nothing; when
    nothing was written since, the second load is answered by the receipt, the bundle unread.
    With ``baselines`` (a folder) the load keeps what it read there, and a later load of the
    files with some fact lines changed reads only those lines (:mod:`loaders.delta`).
    ``scope``, ``max_end_share``, ``force`` and ``day`` as for :func:`write_bundle`.
    """
    path, day = Path(path), day or date.today()
    sha256 = bundle_sha256(path)
    key = load_key(path, sha256=sha256, scope=scope, strict=strict, limits=limits)
    report = recall(store, key, day)
    if report is not None:
        return report
    read = read_for_load(store, path, key, day, baselines, strict=strict, limits=limits)
    report = read.write(
        store,
        batch_size=batch_size,
        progress=progress,
        scope=scope,
        max_end_share=max_end_share,
        force=force,
        day=day,
        change=Change(author or os_user(), path.name, sha256),
    )
    remember(store, key, day, report)
    read.keep()
    return report


@dataclass
class Read:
    """A bundle read for a load (:func:`read_for_load`), and how to keep what was read once
    the load is written and its receipt kept (:meth:`keep`)."""

    bundle: Bundle
    path: Path
    key: Row
    day: date
    baselines: Path | None = None
    changes: Changes | None = None
    strict: bool = False
    limits: Limits = DEFAULT_LIMITS

    def write(self, store: GraphStore, **kw: Any) -> LoadReport:
        """:func:`write_bundle` of the bundle read (``kw`` its options); when it was read by
        its changed lines and the graph has been written since, the bundle read whole and
        written so instead."""
        try:
            report = write_bundle(store, self.bundle, **kw)
        except GraphMoved:
            self.bundle = read_bundle(
                self.path, strict=self.strict, today=self.day, limits=self.limits
            )
            self.changes = None
            report = write_bundle(store, self.bundle, **kw)
        report.changed_lines = self.changed_lines
        return report

    @property
    def changed_lines(self) -> int | None:
        """How many lines were read when read by its changed lines; ``None`` when whole."""
        return None if self.changes is None else self.changes.lines

    def keep(self) -> Path | None:
        """Keep the baseline of this read's load (none without ``baselines``, or when the
        folder cannot take it: the load is done, and the next one reads whole)."""
        if self.baselines is None:
            return None
        try:
            if self.changes is not None:
                return keep_changes(self.baselines, self.changes, self.key, self.day)
            return keep_bundle(self.baselines, self.path, self.bundle, self.key, self.day)
        except OSError:
            return None


def read_for_load(
    store: GraphStore,
    path: Path,
    key: Row,
    day: date,
    baselines: Path | None,
    *,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Read:
    """The bundle at ``path`` as a load of ``key`` on ``day`` into ``store`` reads it: by its
    changed lines when a baseline under ``baselines`` answers (an unscoped load of a folder),
    else whole (:func:`~loaders.bundle.read_bundle`, which raises
    :class:`~graph.errors.BundleInvalid` on an error)."""
    changes = None
    if baselines is not None and key.get("scope") is None:
        base = find_baseline(baselines, store, key, day)
        if base is not None:
            with acyclic():  # millions of lines and key digests, none in a cycle
                changes = read_changes(path, base, day=day, strict=strict, limits=limits)
    if changes is not None:
        return Read(changes.bundle, path, key, day, baselines, changes, strict, limits)
    bundle = read_bundle(path, strict=strict, today=day, limits=limits)
    return Read(bundle, path, key, day, baselines, None, strict, limits)
