"""Writing a validated bundle into a store: all or nothing at validation, idempotent after.

A load validates first and writes nothing if anything is wrong. It then writes the tables in
:class:`~graph.model.Table` order (nodes before the edges that need them) in batches of
upserts keyed by ``TABLE_KEYS``. Every batch is idempotent, so a load that dies midway and
is run again ends in the same graph as one clean load.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from chainatlas.graph.errors import InvalidOption, Issue
from chainatlas.graph.model import Table
from chainatlas.graph.store import DEFAULT_BATCH, GraphStore, batches
from chainatlas.loaders.bundle import Bundle, read_bundle

#: called after every batch with (table, rows of it written so far, rows of it in all)
Progress = Callable[[Table, int, int], None]


@dataclass
class LoadReport:
    """What a load wrote: rows per table (in load order), and the bundle's warnings."""

    bundle: str
    store: str
    counts: dict[str, int]
    warnings: list[Issue]

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
        }


def write_bundle(
    store: GraphStore,
    bundle: Bundle,
    *,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> LoadReport:
    """Write the rows of an already validated ``bundle`` into ``store``."""
    if batch_size < 1:
        raise InvalidOption("batch_size", f"batch_size must be at least 1, got {batch_size}")
    store.ensure_schema()
    counts: dict[str, int] = {}
    for table in Table:
        rows = bundle.tables.get(table, [])
        written = done = 0
        for chunk in batches(rows, batch_size):
            written += store.upsert(table, chunk, batch_size=batch_size)
            done += len(chunk)
            if progress is not None:
                progress(table, done, len(rows))
        counts[table.value] = written
    return LoadReport(bundle.name, store.kind, counts, bundle.warnings)


def load_bundle(
    store: GraphStore,
    path: Path,
    *,
    strict: bool = False,
    batch_size: int = DEFAULT_BATCH,
    progress: Progress | None = None,
) -> LoadReport:
    """Validate the bundle at ``path`` and write it into ``store``.

    Raises :class:`~graph.errors.BundleInvalid` (and writes nothing) when the bundle has an
    error, or a warning under ``strict``. Loading the same bundle twice changes nothing.
    """
    bundle = read_bundle(path, strict=strict)
    return write_bundle(store, bundle, batch_size=batch_size, progress=progress)
