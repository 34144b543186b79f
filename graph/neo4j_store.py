"""The Neo4j store: runs the named statements of ``cypher/`` with parameters only.

One driver per process (the owner passes it in or lets the store open one); managed
``execute_read`` / ``execute_write`` transactions so a ``neo4j://`` routing URI to a cluster
works unchanged. Every driver error is translated here into the exception tree of
:mod:`chainatlas.graph.errors` (``raise ... from e``): callers never import the driver.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from chainatlas.graph import cypher
from chainatlas.graph.analyst import check_plan, check_text, to_json
from chainatlas.graph.asof import as_of_key
from chainatlas.graph.errors import (
    ChainAtlasError,
    ConfigError,
    InvalidOption,
    QueryInvalid,
    QueryRefused,
    QueryTimeout,
    StoreError,
    StoreUnavailable,
    UnknownEntity,
)
from chainatlas.graph.model import DATED_RELS, NODE_TABLES, Label, Rel, Row, Table
from chainatlas.graph.neo4j_changes import Neo4jChanges
from chainatlas.graph.neo4j_statements import (
    EDGES_STATEMENTS,
    NEIGHBOURS_STATEMENTS,
    NODE_STATEMENTS,
    NODES_STATEMENTS,
    UPSERT_STATEMENTS,
    edge_param,
)
from chainatlas.graph.rows import prepare_rows
from chainatlas.graph.store import (
    DEFAULT_BATCH,
    SEARCH_CAP,
    Direction,
    GraphStore,
    batches,
    check_edge_rel,
    check_path_bounds,
    compact,
)
from chainatlas.graph.text import search_query

T = TypeVar("T")

#: errors that mean "the server is not there right now", as opposed to a bad statement
UNAVAILABLE = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.AuthError,
    OSError,
)
#: every other error the driver raises on its own
DRIVER_ERRORS = (neo4j_errors.Neo4jError, neo4j_errors.DriverError)
_POSITION = re.compile(r"line (\d+), column (\d+)")

ClientErrorHandler = Callable[[neo4j_errors.Neo4jError], ChainAtlasError]


def translate(e: Exception, on_client_error: ClientErrorHandler | None = None) -> ChainAtlasError:
    """A driver error as ours: the server away or busy (retry later), a statement it refused
    (``on_client_error`` words it, for analyst queries), or a fault retrying cannot fix."""
    if isinstance(e, UNAVAILABLE):
        return StoreUnavailable(f"Neo4j is not reachable: {type(e).__name__}")
    refused = isinstance(e, neo4j_errors.ClientError | neo4j_errors.TransientError)
    if on_client_error is not None and refused:
        assert isinstance(e, neo4j_errors.Neo4jError)
        return on_client_error(e)
    if isinstance(e, neo4j_errors.TransientError):
        return StoreUnavailable(f"Neo4j is busy: {e.code}")
    code = getattr(e, "code", None) or type(e).__name__
    return StoreError(f"Neo4j failed: {code}")


def open_driver(uri: str, user: str, password: str, **config: Any) -> Driver:
    """A driver with timeouts short enough that an absent server is noticed quickly."""
    config.setdefault("connection_timeout", 5.0)
    config.setdefault("connection_acquisition_timeout", 10.0)
    config.setdefault("max_transaction_retry_time", 5.0)
    return GraphDatabase.driver(uri, auth=(user, password), **config)


class Neo4jStore(Neo4jChanges, GraphStore):
    kind = "neo4j"

    def __init__(self, driver: Driver, *, database: str | None = None, owns_driver: bool = False):
        self.driver = driver
        self.database = database
        self._owns_driver = owns_driver
        self._schema_ready = False
        self._local = threading.local()  # the thread's open change set (graph.neo4j_changes)

    @classmethod
    def connect(
        cls, uri: str, user: str, password: str, *, database: str | None = None
    ) -> Neo4jStore:
        """A store with a driver of its own, closed by :meth:`close`."""
        try:
            driver = open_driver(uri, user, password)
        except (neo4j_errors.ConfigurationError, ValueError) as e:
            raise ConfigError(f"NEO4J_URI cannot be used: {e}") from e
        return cls(driver, database=database, owns_driver=True)

    def close(self) -> None:
        if self._owns_driver:
            self.driver.close()

    def ping(self) -> None:
        try:
            self.driver.verify_connectivity()
        except (*UNAVAILABLE, *DRIVER_ERRORS) as e:
            raise translate(e) from e

    # -- running named statements ----------------------------------------------------------
    def _check(self, name: str, params: dict[str, Any]) -> str:
        expected = cypher.parameters(name)
        if set(params) != expected:
            raise ConfigError(f"{name}.cypher takes {sorted(expected)}, was given {sorted(params)}")
        return cypher.statement(name)

    def _tx(
        self,
        mode: str,
        work: Callable[[ManagedTransaction], T],
        on_client_error: ClientErrorHandler | None = None,
    ) -> T:
        tx = getattr(self._local, "tx", None)
        try:
            if tx is not None:  # inside atomic(): the statement joins its transaction
                return work(tx)
            with self.driver.session(database=self.database, default_access_mode=mode) as s:
                if mode == neo4j.READ_ACCESS:
                    return s.execute_read(work)
                return s.execute_write(work)
        except (*UNAVAILABLE, *DRIVER_ERRORS) as e:
            raise translate(e, on_client_error) from e

    @contextmanager
    def _translate_errors(self) -> Iterator[None]:
        try:
            yield
        except (*UNAVAILABLE, *DRIVER_ERRORS) as e:
            raise translate(e) from e

    def read(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the read statement ``name`` as dicts."""
        text = self._check(name, params)
        return self._tx(neo4j.READ_ACCESS, lambda tx: [r.data() for r in tx.run(text, params)])

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the write statement ``name`` as dicts, in one managed write transaction."""
        text = self._check(name, params)
        return self._tx(neo4j.WRITE_ACCESS, lambda tx: [r.data() for r in tx.run(text, params)])

    def _autocommit(self, name: str, **params: Any) -> None:
        # CALL { ... } IN TRANSACTIONS needs an implicit transaction; used only by clear().
        text = self._check(name, params)
        try:
            with self.driver.session(database=self.database) as s:
                s.run(text, params).consume()
        except (*UNAVAILABLE, *DRIVER_ERRORS) as e:
            raise translate(e) from e

    # -- writes ------------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        if self._schema_ready:
            return
        for name in cypher.names("schema_"):
            self.write(name)
        self.write("await_indexes", seconds=300)
        self._schema_ready = True

    def upsert(
        self,
        table: Table,
        rows: Iterable[Row],
        *,
        batch_size: int = DEFAULT_BATCH,
        prepared: bool = False,
    ) -> int:
        self.ensure_schema()
        n = 0
        for chunk in batches(rows if prepared else prepare_rows(table, rows), batch_size):
            params = chunk if table in NODE_TABLES else [edge_param(table, r) for r in chunk]
            n += self.write(UPSERT_STATEMENTS[table], rows=params)[0]["written"]
        return n

    def clear(self) -> None:
        # relationships first: detaching a region or a common material (tens of thousands of
        # edges) inside one node batch overflows the transaction memory pool at scale
        self._autocommit("clear_relationships")
        self._autocommit("clear_graph")

    # -- reads -------------------------------------------------------------------------------
    def stats(self, *, as_of: date | None = None) -> dict[str, int]:
        return dict(self.read("stats", as_of=as_of_key(as_of))[0])

    def node(self, label: Label, id: str) -> dict[str, Any]:
        rows = self.read(NODE_STATEMENTS[label], id=id)
        if not rows:
            raise UnknownEntity(label.value, id)
        return compact(rows[0]["props"])

    def neighbours(
        self, label: Label, id: str, *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        if label not in NEIGHBOURS_STATEMENTS:
            raise ValueError(f"neighbours of {label.value} nodes: use the chain or region queries")
        rows = self.read(NEIGHBOURS_STATEMENTS[label], id=id, as_of=as_of_key(as_of))
        if not rows:
            self.node(label, id)  # raises UnknownEntity when the id is unknown
        for r in rows:
            r["props"] = compact(r["props"])
        return rows

    def suppliers(self, enterprise_id: str, *, as_of: date | None = None) -> list[dict[str, Any]]:
        return self._items("suppliers", enterprise_id, as_of)

    def customers(self, enterprise_id: str, *, as_of: date | None = None) -> list[dict[str, Any]]:
        return self._items("customers", enterprise_id, as_of)

    def _items(self, name: str, enterprise_id: str, as_of: date | None) -> list[dict[str, Any]]:
        rows = self.read(name, id=enterprise_id, as_of=as_of_key(as_of))
        if not rows:
            raise UnknownEntity(Label.ENTERPRISE.value, enterprise_id)
        return [compact(item) for item in rows[0]["items"]]

    # -- primitives of the query catalogue -------------------------------------------------------
    def search_candidates(
        self,
        q: str,
        *,
        labels: Sequence[Label] = (Label.ENTERPRISE, Label.PRODUCT),
        cap: int = SEARCH_CAP,
    ) -> list[dict[str, Any]]:
        rows = self.read(
            "search_candidates", q=search_query(q), labels=[lab.value for lab in labels], cap=cap
        )
        return [{**compact(r["props"]), "label": r["label"], "match": r["match"]} for r in rows]

    def nodes(self, label: Label, ids: Iterable[str] | None = None) -> list[dict[str, Any]]:
        every, by_id = NODES_STATEMENTS[label]
        rows = self.read(every) if ids is None else self.read(by_id, ids=sorted(set(ids)))
        return [compact(r["props"]) for r in rows]

    def edges(self, rel: Rel, *, as_of: date | None = None) -> list[dict[str, Any]]:
        return self._edges(EDGES_STATEMENTS[check_edge_rel(rel)][0], **_dated(rel, as_of))

    def supply_pairs(self, *, as_of: date | None = None) -> list[tuple[str, str]]:
        (row,) = self.read("supply_pairs", as_of=as_of_key(as_of))
        return sorted(zip(row["sources"], row["targets"], strict=True))

    def adjacent(
        self, rel: Rel, ids: Iterable[str], *, direction: Direction, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        _, out, in_ = EDGES_STATEMENTS[check_edge_rel(rel)]
        name = out if direction == "out" else in_
        return self._edges(name, ids=sorted(set(ids)), **_dated(rel, as_of))

    def _edges(self, name: str, **params: Any) -> list[dict[str, Any]]:
        rows = self.read(name, **params)
        for r in rows:
            r["props"] = compact(r["props"])
        rows.sort(key=lambda e: (e["source"], e["target"], e["key"]))
        return rows

    def supplies_of(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        ids = sorted(set(product_ids))
        return self._edges("supplies_of", product_ids=ids, as_of=as_of_key(as_of))

    def chain_members(self, chain_id: str) -> list[dict[str, Any]]:
        rows = self.read("chain_members", id=chain_id)
        if not rows:
            raise UnknownEntity(Label.CHAIN.value, chain_id)
        return [{**compact(m["props"]), "label": m["label"]} for m in rows[0]["members"]]

    def producers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        ids = sorted(set(product_ids))
        rows = self.read("producers", product_ids=ids, as_of=as_of_key(as_of))
        return [compact(r["item"]) for r in rows]

    def consumers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        ids = sorted(set(product_ids))
        rows = self.read("consumers", product_ids=ids, as_of=as_of_key(as_of))
        return [compact(r["item"]) for r in rows]

    def product_counts(self, *, as_of: date | None = None) -> list[dict[str, Any]]:
        return self.read("product_counts", as_of=as_of_key(as_of))

    def supply_paths(
        self, source: str, target: str, *, max_hops: int, limit: int, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        check_path_bounds(max_hops, limit)
        rows = self.read(
            "supply_paths",
            source=source,
            target=target,
            max_hops=max_hops,
            limit=limit,
            as_of=as_of_key(as_of),
        )
        if not rows:
            self.node(Label.ENTERPRISE, source)
            self.node(Label.ENTERPRISE, target)
        return rows

    def route_paths(
        self, source: str, target: str, *, max_hops: int, limit: int
    ) -> list[dict[str, Any]]:
        check_path_bounds(max_hops, limit)
        rows = self.read(
            "route_paths", source=source, target=target, max_hops=max_hops, limit=limit
        )
        if not rows:
            self.node(Label.PRODUCT, source)
            self.node(Label.PRODUCT, target)
        return rows

    # -- analyst Cypher ---------------------------------------------------------------------------
    def run_cypher(
        self,
        text: str,
        params: Mapping[str, Any] | None = None,
        *,
        timeout_s: float = 10.0,
        row_cap: int = 1_000,
    ) -> dict[str, Any]:
        """Run an analyst's query read-only: the plan of ``EXPLAIN`` is checked first
        (:func:`graph.analyst.check_plan`), then the query runs in a READ transaction that the
        server stops after ``timeout_s`` seconds; at most ``row_cap`` rows come back."""
        query = check_text(text)
        if timeout_s <= 0 or row_cap < 1:
            raise InvalidOption("timeout_s", "timeout_s must be positive and row_cap at least 1")
        args = dict(params or {})

        @neo4j.unit_of_work(timeout=timeout_s)
        def work(tx: ManagedTransaction) -> dict[str, Any]:
            plan = tx.run("EXPLAIN " + query, args).consume()
            check_plan(plan.plan or {}, plan.query_type)
            result = tx.run(query, args)
            columns = list(result.keys())
            rows: list[list[Any]] = []
            for record in result:
                if len(rows) == row_cap:
                    return {"columns": columns, "rows": rows, "truncated": True}
                rows.append([to_json(v) for v in record.values()])
            return {"columns": columns, "rows": rows, "truncated": False}

        return self._tx(neo4j.READ_ACCESS, work, lambda e: _refusal(e, timeout_s))


def _refusal(e: neo4j_errors.Neo4jError, timeout_s: float) -> QueryRefused:
    """A driver's refusal of an analyst query as ours. Our own refusals (writes, the time
    limit) name no query text; a query the server could not compile becomes
    :class:`QueryInvalid`, whose message may quote the server (for the author at a terminal)
    and whose attributes (code, position) are all an HTTP answer shows."""
    code = e.code or ""
    if "TransactionTimedOut" in code:
        return QueryTimeout(f"the query ran longer than its limit of {timeout_s:g} s")
    if "Security.Forbidden" in code or "AccessMode" in code:
        return QueryRefused("only read-only queries are allowed")
    if isinstance(e, neo4j_errors.TransientError):
        return QueryRefused(f"the server stopped the query: {code}")
    first = (e.message or code).splitlines()[0] if (e.message or code) else "refused"
    syntax = isinstance(e, neo4j_errors.CypherSyntaxError)
    where = _POSITION.search(e.message or "")
    return QueryInvalid(
        f"not valid Cypher: {first}" if syntax else f"the server refused the query: {first}",
        code=code,
        syntax=syntax,
        line=int(where[1]) if where else None,
        column=int(where[2]) if where else None,
    )


def _dated(rel: Rel, as_of: date | None) -> dict[str, str | None]:
    """The ``as_of`` parameter of ``rel``'s edge statements (only DATED_RELS have one)."""
    return {"as_of": as_of_key(as_of)} if rel in DATED_RELS else {}
