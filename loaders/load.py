"""Writing a validated bundle into a store: all or nothing at validation, idempotent after.

A load validates first and writes nothing if anything is wrong. It then writes the tables in
:class:`~graph.model.Table` order (nodes before the edges that need them) in batches of
upserts keyed by ``TABLE_KEYS``. Every batch is idempotent, so a load that dies midway and
is run again ends in the same graph as one clean load.

Given ``change`` (who loads what: :class:`Change`), the load is one change set
(:mod:`graph.changes`): atomic on both stores, stamped, recorded in the history; a load that
changes no fact records none. Without it (a bundle read into a throw-away embedded store)
rows are simply upserted.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from chainatlas.graph.changes import change_set
from chainatlas.graph.errors import InvalidOption, Issue
from chainatlas.graph.model import Table
from chainatlas.graph.store import DEFAULT_BATCH, GraphStore, batches
from chainatlas.loaders.bundle import Bundle, read_bundle
from chainatlas.loaders.source import bundle_sha256, os_user

#: called after every batch with (table, rows of it written so far, rows of it in all)
Progress = Callable[[Table, int, int], None]


@dataclass(frozen=True)
class Change:
    """Who makes a load and from what: its change set's author, source and digest."""

    author: str
    source: str
    sha256: str | None = None


@dataclass
class LoadReport:
    """What a load wrote: rows per table (in load order), the bundle's warnings, and the
    change set it recorded (``None`` when it changed nothing, or was not one)."""

    bundle: str
    store: str
    counts: dict[str, int]
    warnings: list[Issue]
    change_set: dict[str, Any] | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "bundle": self.bundle,
            "store": self.store,
            "counts": self.counts,
            "total": self.total,
            "warnings": [asdict(w) for w in self.warnings],
            "change_set": self.change_set,
        }


def write_bundle(
    store: GraphStore,
    bundle: Bundle,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    change: Change | None = None,
) -> LoadReport:
    """Write the rows of an already validated ``bundle`` into ``store`` (as one change set
    when ``change`` says who makes it)."""
    if batch_size < 1:
        raise InvalidOption("batch_size", f"batch_size must be at least 1, got {batch_size}")
    store.ensure_schema()
    if change is None:
        counts = _write(store.upsert, bundle, batch_size, progress)
        return LoadReport(bundle.name, store.kind, counts, bundle.warnings)
    with change_set(store, author=change.author, source=change.source, sha256=change.sha256) as cs:
        _write(cs.upsert, bundle, batch_size, progress)
    counts = {t.value: len(bundle.tables.get(t, [])) for t in Table}
    return LoadReport(bundle.name, store.kind, counts, bundle.warnings, cs.record)


def _write(
    upsert: Callable[..., int], bundle: Bundle, batch_size: int, progress: Progress | None
) -> dict[str, int]:
    counts: dict[str, int] = {}
    for table in Table:
        rows = bundle.tables.get(table, [])
        written = done = 0
        for chunk in batches(rows, batch_size):
            written += upsert(table, chunk, batch_size=batch_size)
            done += len(chunk)
            if progress is not None:
                progress(table, done, len(rows))
        counts[table.value] = written
    return counts


def load_bundle(
    store: GraphStore,
    path: Path,
    *,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
    author: str | None = None,
) -> LoadReport:
    """Validate the bundle at ``path`` and write it into ``store`` as one change set by
    ``author`` (default: the OS user).

    Raises :class:`~graph.errors.BundleInvalid` (and writes nothing) when the bundle has an
    error, or a warning under ``strict``. Loading the same bundle twice changes nothing.
    """
    path = Path(path)
    bundle = read_bundle(path, strict=strict)
    change = Change(author or os_user(), path.name, bundle_sha256(path))
    return write_bundle(store, bundle, batch_size=batch_size, progress=progress, change=change)
