"""The embedded store's file: its tables and change sets as one JSON document, written
atomically under a lock.

``{"format": 2, "version": 7, "head": 3, "tables": {"chains": [...], ...}, "changes": [...]}``
(``version`` counts the writes that changed the graph, :meth:`GraphStore.version`, the one
version of the graph; ``head`` is the latest change set's id, :mod:`graph.changes`); tables in
:class:`~chainatlas.graph.model.Table` order (nodes before the edges that need them) and rows
in key order, so the same graph always saves to the same bytes. Format 1 (no change sets)
still reads.

Several processes may share the file. :func:`locked` takes an exclusive ``flock`` on
``graph.json.lock`` beside it (re-entrant within a process); a save writes a temporary
``graph.json<random>.tmp``, fsyncs it and renames it over the file, so a reader sees the old
file or the new one, never half. A process killed mid-save leaves its temporary file behind:
:func:`remove_leftovers` deletes those (under the lock, so never a live save's).

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "graph.json"
>>> save_tables({Table.CHAINS: {("poly",): {"id": "poly", "name": "高分子材料"}}}, path)
>>> [(table.value, rows) for table, rows in read_tables(path)], read_head(path)
([('chains', [{'id': 'poly', 'name': '高分子材料'}])], 0)
"""

from __future__ import annotations

import fcntl
import json
import os
import tempfile
import threading
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path
from typing import Any, NamedTuple

from chainatlas.graph.errors import SaveFailed
from chainatlas.graph.model import Row, Table

FORMAT_VERSION = 2
_held: dict[Path, tuple[threading.RLock, list[int]]] = {}
_registry = threading.Lock()


def save_tables(
    tables: Mapping[Table, Mapping[tuple[Any, ...], Row]],
    path: Path,
    changes: list[Row] | None = None,
    *,
    version: int = 0,
    receipt: Row | None = None,
) -> None:
    """Write ``tables``, the change-set log, the graph's ``version`` and the last load's
    ``receipt`` (:mod:`loaders.receipt`) to ``path`` atomically (a temporary file renamed over
    it); raises :class:`~graph.errors.SaveFailed` when the system refuses (``path`` is then
    unchanged)."""
    try:
        _save(tables, path, changes or [], version, receipt)
    except OSError as e:
        raise SaveFailed(str(path), e.strerror or type(e).__name__) from e


def _save(
    tables: Mapping[Table, Mapping[tuple[Any, ...], Row]],
    path: Path,
    log: list[Row],
    version: int,
    receipt: Row | None,
) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "format": FORMAT_VERSION,
        "version": version,
        "head": int(log[-1]["id"]) if log else 0,
        "tables": {t.value: [rows[k] for k in sorted(rows)] for t, rows in tables.items()},
        "changes": log,
        "receipt": receipt,
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


class Saved(NamedTuple):
    """What a graph file holds: its tables (in the order they were saved), change sets,
    version (0 for older files) and the last load's receipt (``None`` for older files)."""

    tables: list[tuple[Table, list[Row]]]
    changes: list[Row]
    version: int
    receipt: Row | None


def read_graph(path: Path) -> Saved:
    """What the graph file at ``path`` holds."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    tables = [(Table(name), rows) for name, rows in doc["tables"].items()]
    changes = list(doc.get("changes") or [])
    return Saved(tables, changes, int(doc.get("version") or 0), doc.get("receipt"))


def read_tables(path: Path) -> list[tuple[Table, list[Row]]]:
    """The tables saved at ``path``, in the order they were saved."""
    return read_graph(path)[0]


def read_head(path: Path) -> int | None:
    """The latest change set saved at ``path`` (0 for a graph without any); ``None`` when
    there is no file."""
    found = read_stamps(path)
    return None if found is None else found[1]


def read_stamps(path: Path) -> tuple[int, int] | None:
    """The version and the head saved at ``path``; ``None`` when there is no file."""
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except (FileNotFoundError, NotADirectoryError):
        return None
    return int(doc.get("version") or 0), int(doc.get("head") or 0)


def file_stamp(path: Path) -> tuple[int, ...] | None:
    """What tells one saved file from the next (a save renames a new inode over it)."""
    try:
        st = path.stat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_size)


@contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold the exclusive lock of the graph file at ``path`` (waiting for it); re-entrant in
    one thread, and threads of one process take turns."""
    key = path.absolute()
    with _registry:
        lock, depth = _held.setdefault(key, (threading.RLock(), [0]))
    with lock:
        if depth[0]:
            depth[0] += 1
            try:
                yield
            finally:
                depth[0] -= 1
            return
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            fd = os.open(path.with_name(path.name + ".lock"), os.O_RDWR | os.O_CREAT, 0o644)
        except OSError as e:  # no place for the file (a full disk, a file in the way)
            raise SaveFailed(str(path), e.strerror or type(e).__name__) from e
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            depth[0] = 1
            try:
                yield
            finally:
                depth[0] = 0
        finally:
            os.close(fd)  # closing releases the flock


def remove_leftovers(path: Path) -> list[Path]:
    """Delete the temporary files a killed save left beside ``path`` (call under
    :func:`locked`: a live save holds the lock while its temporary file exists)."""
    gone = sorted(path.parent.glob(f"{path.name}*.tmp")) if path.parent.exists() else []
    for tmp in gone:
        tmp.unlink(missing_ok=True)
    return gone
