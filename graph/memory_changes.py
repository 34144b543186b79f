"""The embedded store's change sets: records and entries in a list saved with the tables.

:class:`MemoryChanges` is mixed into :class:`graph.memory.MemoryStore`; it keeps
``change_log`` (records with their entries, oldest first) next to the tables, and
:mod:`graph.memory_file` saves both in one file, so a change set and its facts are durable
together. :meth:`atomic` puts the tables and the log back when the block raises.
"""

from __future__ import annotations

import copy
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from typing import Any

from chainatlas.graph.changes import RECORD_KEYS
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.memory_graph import Tables
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Row, Table


class MemoryChanges:
    tables: Tables
    #: every change set, oldest first: ``{**record, "entries": [...]}``
    change_log: list[Row]

    def _touched(self) -> None:
        raise NotImplementedError

    @contextmanager
    def atomic(self) -> Iterator[None]:
        saved = {t: dict(rows) for t, rows in self.tables.items()}
        log = list(self.change_log)
        try:
            yield
        except BaseException:
            self.tables.update(saved)
            self.change_log[:] = log
            self._touched()
            raise

    def fact_rows(self, table: Table, keys: Iterable[tuple[Any, ...]]) -> list[Row]:
        rows = self.tables[table]
        return [_stored(rows[k]) for k in map(tuple, keys) if k in rows]

    def stamped_rows(self, table: Table, change_set: int) -> list[Row]:
        return [
            _stored(r)
            for r in self.tables[table].values()
            if change_set in (r.get("created_in"), r.get("changed_in"), r.get("ended_in"))
        ]

    def incident_rows(self, table: Table, ids: Iterable[str]) -> list[Row]:
        _, (_, src), (_, dst) = EDGE_TABLES[table]
        wanted = set(ids)
        return [
            _stored(r) for r in self.tables[table].values() if r[src] in wanted or r[dst] in wanted
        ]

    def remove_facts(self, table: Table, keys: Iterable[tuple[Any, ...]]) -> int:
        rows, n = self.tables[table], 0
        for key in map(tuple, keys):
            n += rows.pop(key, None) is not None
        if table in NODE_TABLES:
            # what hangs on a removed node goes with it, as DETACH DELETE does on Neo4j
            label = NODE_TABLES[table]
            for edge_table, (_, (src, sc), (dst, dc)) in EDGE_TABLES.items():
                edges = self.tables[edge_table]
                for k in [
                    k
                    for k, r in edges.items()
                    if (src is label and (r[sc],) not in rows)
                    or (dst is label and (r[dc],) not in rows)
                ]:
                    del edges[k]
        self._touched()
        return n

    def next_change_set_id(self) -> int:
        return self.head() + 1

    def save_change_set(self, record: Row, entries: list[Row]) -> None:
        self.change_log.append({**copy.deepcopy(record), "entries": copy.deepcopy(entries)})

    def change_sets(self, *, limit: int = 50, offset: int = 0) -> list[Row]:
        newest = list(reversed(self.change_log))[offset : offset + limit]
        return [_record(r) for r in newest]

    def _index(self, id: int) -> int:
        # ids count up from 1 with no gaps, so the id is the position, in a well-formed log
        if 1 <= id <= len(self.change_log) and self.change_log[id - 1]["id"] == id:
            return id - 1
        raise UnknownEntity("ChangeSet", str(id))

    def change_set(self, id: int) -> Row:
        return _record(self.change_log[self._index(id)])

    def change_entries(self, id: int) -> list[Row]:
        return copy.deepcopy(self.change_log[self._index(id)]["entries"])

    def mark_reverted(self, id: int, by: int | None) -> None:
        # a new dict: a staging copy shares the records of the graph it was copied from
        i = self._index(id)
        self.change_log[i] = {**self.change_log[i], "reverted_by": by}

    def head(self) -> int:
        return int(self.change_log[-1]["id"]) if self.change_log else 0


def _stored(row: Row) -> Row:
    """A stored row as Neo4j would give it back: ``None`` dropped (lists copied)."""
    return {k: (list(v) if isinstance(v, list) else v) for k, v in row.items() if v is not None}


def _record(entry: Row) -> Row:
    return copy.deepcopy({k: entry.get(k) for k in RECORD_KEYS})
