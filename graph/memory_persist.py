"""The embedded store's life on disk: open, save (locked, version-checked), stage, reload.

Mixed into :class:`graph.memory.MemoryStore`. Several processes may share one data
directory (two CLI loads, a CLI load beside ``chainatlas serve``); the file format, its lock
and the leftovers of a killed save are :mod:`graph.memory_file`.

- A save holds the file's lock and first checks that the file is still at the version this
  graph was read from (:attr:`base_version`, :meth:`GraphStore.version`: every change set
  moves it on); if another process saved since, it refuses
  with :class:`~graph.errors.GraphChanged` and writes nothing. Callers that read, change and
  save hold the lock throughout (``graph.stores.write_guard``), so loads queue instead.
- :meth:`reload` gives the newer graph when another process saved since this one was read:
  a running server serves what a CLI load wrote.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Self

from chainatlas.graph.errors import GraphChanged
from chainatlas.graph.memory_file import (
    file_stamp,
    locked,
    read_graph,
    read_stamps,
    remove_leftovers,
    save_tables,
)
from chainatlas.graph.memory_graph import Tables
from chainatlas.graph.model import Row, row_key
from chainatlas.graph.rows import prepare_rows


class MemoryFile:
    tables: Tables
    change_log: list[Row]
    #: the version the saved file was at when this graph was read from it (or copied from
    #: one read so): saving over a file that moved on since is refused
    base_version: int | None = None
    _version: int
    #: what the last load left (:mod:`loaders.receipt`), saved with the graph
    receipt: Row | None = None
    #: the file this graph was read from, and its stat signature then
    path: Path | None = None
    stamp: tuple[int, ...] | None = None

    if TYPE_CHECKING:

        def head(self) -> int: ...

    def save(self, path: Path) -> None:
        """Write the tables and change sets to ``path`` atomically (a temporary file renamed
        over it) while holding the file's lock, refusing with
        :class:`~graph.errors.GraphChanged` when another process saved it since this graph was
        read (:mod:`graph.memory_file`)."""
        with locked(path):
            on_disk = read_stamps(path)
            if on_disk is not None and on_disk[0] != (self.base_version or 0):
                raise GraphChanged(
                    f"{path} was saved by another process since this graph was read "
                    f"(version {on_disk[0]}, change set {on_disk[1]}; this graph started from "
                    f"version {self.base_version or 0}); nothing was written: run the load again"
                )
            save_tables(
                self.tables, path, self.change_log, version=self._version, receipt=self.receipt
            )
            self.base_version, self.path, self.stamp = self._version, path, file_stamp(path)

    def staging(self, *, empty: bool = False) -> Self:
        """A copy to load into while readers keep this graph (an empty one with ``empty``);
        it remembers the version this graph started from, so its save is checked, and goes on
        counting from it (an empty copy is a new version at once)."""
        copy = type(self)()
        copy.base_version, copy._version = self.base_version, self._version + empty
        copy.receipt = self.receipt
        if not empty:
            copy.tables = {t: dict(rows) for t, rows in self.tables.items()}
            copy.change_log = list(self.change_log)
        return copy

    def load_receipt(self) -> Row | None:
        return self.receipt

    def save_load_receipt(self, receipt: Row) -> None:
        self.receipt = receipt

    def commit(self, path: Path | None = None) -> bool:
        """Save to ``path`` (atomically) when given; the graph is durable only then."""
        if path is None:
            return False
        self.save(path)
        return True

    @classmethod
    def open(cls, path: Path) -> Self:
        """A store holding the tables and change sets saved at ``path``; leftover temporary
        files of a save that was killed are removed first."""
        store = cls()
        with locked(path):
            remove_leftovers(path)
            stamp = file_stamp(path)
            tables, log, version, receipt = read_graph(path)
        for table, rows in tables:
            store.tables[table].update(
                (row_key(table, row), row) for row in prepare_rows(table, rows)
            )
        store.change_log, store.receipt = log, receipt
        store._version = store.base_version = version
        store.path, store.stamp = path, stamp
        return store

    def reload(self, path: Path) -> Self | None:
        """The graph saved at ``path`` when it is not the file this graph was read from or
        saved as (another process saved since); ``None`` when it is, or there is none."""
        stamp = file_stamp(path)
        if stamp is None or (stamp == self.stamp and path == self.path):
            return None
        return type(self).open(path)
