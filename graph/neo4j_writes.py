"""The Neo4j store's fact writes: ``UNWIND $rows`` batches of MERGE (``upsert_*``) or, for
keys known to be new, CREATE (``create_*``), each fact stamped with its digest
(:mod:`graph.digest`), and the digests read back so a load sends only what changed
(docs/performance.md, "Loading at scale").

Mixed into :class:`graph.neo4j_store.Neo4jStore`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import neo4j

from chainatlas.graph.digest import DIGEST, fact_digest
from chainatlas.graph.model import NODE_TABLES, Row, Table
from chainatlas.graph.neo4j_statements import (
    CREATE_STATEMENTS,
    DIGEST_STATEMENTS,
    UPSERT_STATEMENTS,
    edge_param,
)
from chainatlas.graph.rows import prepare_rows
from chainatlas.graph.store import DEFAULT_BATCH, batches


class Neo4jWrites:
    write: Callable[..., list[dict[str, Any]]]
    ensure_schema: Callable[[], None]
    _check: Callable[[str, dict[str, Any]], str]
    _tx: Callable[..., Any]

    def upsert(
        self,
        table: Table,
        rows: Iterable[Row],
        *,
        batch_size: int = DEFAULT_BATCH,
        prepared: bool = False,
    ) -> int:
        return self._write_rows(UPSERT_STATEMENTS[table], table, rows, batch_size, prepared)

    def insert(
        self,
        table: Table,
        rows: Iterable[Row],
        *,
        batch_size: int = DEFAULT_BATCH,
        prepared: bool = False,
    ) -> int:
        return self._write_rows(CREATE_STATEMENTS[table], table, rows, batch_size, prepared)

    def _write_rows(
        self, name: str, table: Table, rows: Iterable[Row], batch_size: int, prepared: bool
    ) -> int:
        self.ensure_schema()
        n = 0
        for chunk in batches(rows if prepared else prepare_rows(table, rows), batch_size):
            for row in chunk:  # fresh dicts: prepare_rows' or a change set's stamped copies
                row[DIGEST] = fact_digest(table, row)
            params = chunk if table in NODE_TABLES else [edge_param(table, r) for r in chunk]
            n += self.write(name, rows=params)[0]["written"]
        return n

    def fact_digests(self, table: Table) -> set[int | None]:
        text = self._check(DIGEST_STATEMENTS[table], {})
        # the record's values as they are (Record.data() would walk the list item by item)
        digests, facts = self._tx(neo4j.READ_ACCESS, lambda tx: tuple(tx.run(text).single(True)))
        held: set[int | None] = set(digests)
        if facts > len(digests):
            held.add(None)  # a fact without a digest: the table is not empty
        return held
