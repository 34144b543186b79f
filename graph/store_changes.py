"""The store contract's change-set part: what :mod:`graph.changes` writes through and
:mod:`graph.revert` and :mod:`graph.history` read (a part of :class:`graph.store.GraphStore`,
which both stores implement)."""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections.abc import Iterable
from typing import Any

from chainatlas.graph.model import Row, Table


class ChangeSetStore(ABC):
    """Change sets: the facts they stamped, their records and entries, the head."""

    @abstractmethod
    def fact_rows(self, table: Table, keys: Iterable[tuple[Any, ...]]) -> list[Row]:
        """The stored rows (stamps included, ``None`` dropped) of ``table`` with ``keys``
        (``TABLE_KEYS`` tuples); unknown keys are skipped. Unordered."""

    @abstractmethod
    def stamped_rows(self, table: Table, change_set: int) -> list[Row]:
        """The stored rows of ``table`` that ``change_set`` created, last wrote or ended."""

    @abstractmethod
    def incident_rows(self, table: Table, ids: Iterable[str]) -> list[Row]:
        """The stored rows of edge table ``table`` with either endpoint among ``ids``."""

    @abstractmethod
    def remove_facts(self, table: Table, keys: Iterable[tuple[Any, ...]]) -> int:
        """Delete the facts of ``table`` with ``keys`` (a revert of what a change set added;
        a node's derived region and chain links go with it); return how many existed."""

    @abstractmethod
    def next_change_set_id(self) -> int:
        """The id the change set being written gets (inside :meth:`atomic`; on Neo4j this
        also holds the change-set lock until the block ends, so change sets never interleave)."""

    @abstractmethod
    def save_change_set(self, record: Row, entries: list[Row]) -> None:
        """Record a change set (``record`` as :mod:`graph.changes` builds it) and its entries."""

    @abstractmethod
    def change_sets(self, *, limit: int = 50, offset: int = 0) -> list[Row]:
        """Change-set records, newest first (without entries)."""

    @abstractmethod
    def change_set(self, id: int) -> Row:
        """One change-set record; :class:`~graph.errors.UnknownEntity` (``ChangeSet``) if none."""

    @abstractmethod
    def change_entries(self, id: int) -> list[Row]:
        """The entries of a change set (``{seq, table, key, op, before}``), in ``seq`` order."""

    @abstractmethod
    def mark_reverted(self, id: int, by: int | None) -> None:
        """Set (or clear, with ``None``) which change set reverted ``id``."""

    @abstractmethod
    def head(self) -> int:
        """The id of the latest change set (0 before the first); not :meth:`version`."""
