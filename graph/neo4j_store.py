"""The Neo4j store: runs the named statements of ``cypher/`` with parameters only.

One driver per process (the owner passes it in or lets the store open one); managed
``execute_read`` / ``execute_write`` transactions so a ``neo4j://`` routing URI to a cluster
works unchanged, and one bookmark manager per store chains every transaction after the ones
before it, so on a cluster a read follows the writes (and the version) this process saw
(docs/deploy.md). Every driver error is translated (:mod:`graph.neo4j_driver`) into the
exception tree of :mod:`chainatlas.graph.errors` (``raise ... from e``): callers never import
the driver.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date
from typing import Any, TypeVar

import neo4j
from neo4j import Driver, GraphDatabase, ManagedTransaction
from neo4j import exceptions as neo4j_errors

from chainatlas.graph import cypher, neo4j_search
from chainatlas.graph.asof import as_of_key
from chainatlas.graph.checks import check_path_bounds
from chainatlas.graph.errors import (
    ConfigError,
    UnknownEntity,
)
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.neo4j_analyst import refusal, run_analyst_query
from chainatlas.graph.neo4j_changes import Neo4jChanges
from chainatlas.graph.neo4j_driver import (
    DRIVER_ERRORS,
    UNAVAILABLE,
    ClientErrorHandler,
    open_driver,
    translate,
)
from chainatlas.graph.neo4j_hubs import KEPT_EDGES, Neo4jHubs
from chainatlas.graph.neo4j_kept import KEPT_ANSWERS, KeptAnswers, KeptHubs
from chainatlas.graph.neo4j_makers import KEPT_MAKERS, Neo4jMakers
from chainatlas.graph.neo4j_projections import Neo4jProjections
from chainatlas.graph.neo4j_span import Neo4jSpan
from chainatlas.graph.neo4j_statements import (
    NEIGHBOUR_COLUMNS,
    NEIGHBOURS_STATEMENTS,
    NODE_STATEMENTS,
    TRADE_STATEMENTS,
    UNTRADED_NEIGHBOURS_STATEMENTS,
    member_param,
)
from chainatlas.graph.neo4j_writes import Neo4jWrites
from chainatlas.graph.parallel_reads import DEFAULT_PARALLEL_READS, ParallelReads
from chainatlas.graph.rows import compact
from chainatlas.graph.shapes import Trade
from chainatlas.graph.store import ANSWER_BYTES, ROUTE_MAX_HOPS, SEARCH_CAP, Direction, GraphStore

T = TypeVar("T")
#: the statement that bumps the graph's version with every data write
VERSION_BUMP = "upsert_graph_version"
#: the statements that change the graph or its history: each bumps the version
BUMPING = ("upsert_", "create_", "remove_", "change_set_save", "change_set_mark_reverted")


class Neo4jStore(
    Neo4jWrites, Neo4jChanges, Neo4jHubs, Neo4jMakers, Neo4jProjections, Neo4jSpan, GraphStore
):
    kind = "neo4j"

    def __init__(
        self,
        driver: Driver,
        *,
        database: str | None = None,
        owns_driver: bool = False,
        parallel_reads: int = DEFAULT_PARALLEL_READS,
    ):
        self.driver = driver
        self.database = database
        self._owns_driver = owns_driver
        self._schema_ready = False
        #: read-your-writes on a cluster: each session waits for what the earlier ones saw
        self.bookmarks = GraphDatabase.bookmark_manager()
        self._local = threading.local()  # the thread's open change set (graph.neo4j_changes)
        self._keep(KEPT_EDGES, KEPT_MAKERS, KEPT_ANSWERS)  # per version of the graph
        #: a large read's chunks, a few at once (graph/parallel_reads.py)
        self.chunk_reads = ParallelReads(parallel_reads)

    @classmethod
    def connect(
        cls,
        uri: str,
        user: str,
        password: str,
        *,
        database: str | None = None,
        parallel_reads: int = DEFAULT_PARALLEL_READS,
    ) -> Neo4jStore:
        """A store with a driver of its own, closed by :meth:`close`."""
        try:
            driver = open_driver(uri, user, password)
        except (neo4j_errors.ConfigurationError, ValueError) as e:
            raise ConfigError(f"NEO4J_URI cannot be used: {e}") from e
        return cls(driver, database=database, owns_driver=True, parallel_reads=parallel_reads)

    def close(self) -> None:
        self.chunk_reads.close()
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

    def in_transaction(self) -> bool:
        """Whether this thread's statements join an open transaction (a change set's, or a
        query's read block): they must run in it, one after another."""
        return getattr(self._local, "tx", None) is not None or (
            getattr(self._local, "read_tx", None) is not None
        )

    def _tx(
        self,
        mode: str,
        work: Callable[[ManagedTransaction], T],
        on_client_error: ClientErrorHandler | None = None,
    ) -> T:
        tx = getattr(self._local, "tx", None)
        if tx is None and mode == neo4j.READ_ACCESS:
            tx = getattr(self._local, "read_tx", None)
        try:
            if tx is not None:  # inside atomic() or reading(): the statement joins its transaction
                return work(tx)
            with self.driver.session(
                database=self.database, default_access_mode=mode, bookmark_manager=self.bookmarks
            ) as s:
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
        """Rows of the read statement ``name`` as dicts (no node in them: no ``Record.data()``);
        its ``as_of`` as this version tests it (:meth:`read_day`)."""
        if params.get("as_of") is not None:
            params["as_of"] = self.read_day(params["as_of"])
        return self.read_as_given(name, params)

    def read_as_given(self, name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        """:meth:`read` with ``params`` as they are (an ``as_of`` already read)."""
        text = self._check(name, params)
        return self._tx(neo4j.READ_ACCESS, lambda tx: list(map(dict, tx.run(text, params))))

    def write(self, name: str, **params: Any) -> list[dict[str, Any]]:
        """Rows of the write statement ``name`` as dicts, in one managed write transaction;
        a data write (``upsert_*``, ``remove_*``, a change set's record) bumps the graph's
        version in that same transaction (inside :meth:`atomic`, the change set's)."""
        text = self._check(name, params)
        bump = name.startswith(BUMPING) and name != VERSION_BUMP
        then = cypher.statement(VERSION_BUMP) if bump else None
        narrowed = self.narrowing(params) if bump else {}  # the span by what is written

        self.forget_version()  # this thread's next read sees the write (graph.neo4j_hubs)

        def work(tx: ManagedTransaction) -> list[dict[str, Any]]:
            rows = [r.data() for r in tx.run(text, params)]
            if then is not None:
                tx.run(then, narrowed).consume()
            return rows

        return self._tx(neo4j.WRITE_ACCESS, work)

    def _autocommit(self, name: str, **params: Any) -> None:
        # CALL { ... } IN TRANSACTIONS needs an implicit transaction; used only by clear().
        text = self._check(name, params)
        try:
            with self.driver.session(database=self.database, bookmark_manager=self.bookmarks) as s:
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

    def clear(self) -> None:
        # relationships first: detaching a region or a common material (tens of thousands of
        # edges) inside one node batch overflows the transaction memory pool at scale
        self._autocommit("clear_relationships")
        self._autocommit("clear_graph")
        # a new epoch and an unbounded span: the old version node is gone with the graph
        self.write("upsert_graph_version", start=None, end=None)
        self._keep(self.kept_hubs.budget, self.kept_makers.budget, self.kept_answers.budget)

    def keep_nothing(self) -> None:
        """From now on keep nothing per version (no hub's keys, no product's firms, no
        search's answer): every answer from the statements, what a kept one must equal (the
        tests' and the benchmarks' reference store)."""
        self._keep(0, 0, 0)

    def _keep(self, edges: int, makers: int, answers: int) -> None:
        """Start afresh what is kept per version, with these budgets."""
        self.kept_hubs = KeptHubs(edges)  # hubs' SUPPLIES keys (graph.neo4j_hubs)
        self.kept_makers = KeptHubs(makers)  # common products' firms (graph.neo4j_makers)
        self.kept_answers: KeptAnswers[Any] = KeptAnswers(answers)  # searches (neo4j_search)

    # -- reads -------------------------------------------------------------------------------
    def node(self, label: Label, id: str, *, as_of: date | None = None) -> dict[str, Any]:
        rows = self.read(NODE_STATEMENTS[label], id=id, **member_param(label, as_of))
        if not rows:
            raise UnknownEntity(label.value, id)
        return compact(rows[0]["props"])

    def neighbours(
        self,
        label: Label,
        id: str,
        *,
        as_of: date | None = None,
        rels: Collection[Rel] | None = None,
    ) -> list[dict[str, Any]]:
        if label not in NEIGHBOURS_STATEMENTS:
            raise ValueError(f"neighbours of {label.value} nodes: use the chain or region queries")
        types = None if rels is None else sorted(r.value for r in rels)
        name = NEIGHBOURS_STATEMENTS[label]
        if rels is not None and Rel.SUPPLIES not in rels:  # a hub's SUPPLIES are not expanded
            name = UNTRADED_NEIGHBOURS_STATEMENTS.get(label, name)
        (found,) = self.read(name, id=id, as_of=as_of_key(as_of), rels=types)
        if not found["rows"]:
            self.node(label, id, as_of=as_of)  # raises UnknownEntity when the id is unknown
        rows = [dict(zip(NEIGHBOUR_COLUMNS, r, strict=True)) for r in found["rows"]]
        for r in rows:
            r["props"] = compact(r["props"])
        return rows

    def trade(
        self,
        enterprise_id: str,
        direction: Direction,
        *,
        limit: int | None = None,
        offset: int = 0,
        as_of: date | None = None,
    ) -> Trade:
        if limit is not None:  # a page of a hub: cut from its kept keys
            page = self.kept_trade(enterprise_id, direction, limit, offset, as_of_key(as_of))
            if page is not None:
                return page
        rows = self.read(
            TRADE_STATEMENTS[direction],
            id=enterprise_id,
            as_of=as_of_key(as_of),
            limit=limit,
            offset=offset,
        )
        if not rows:
            raise UnknownEntity(Label.ENTERPRISE.value, enterprise_id)
        (found,) = rows
        self.mark_hub(direction, enterprise_id, found["total"])
        return {
            "total": found["total"],
            "items": [compact(item) for item in found["items"]],
            "edges": [compact(props) for props in found["edges"]],
        }

    # -- primitives of the query catalogue -------------------------------------------------------
    def search_candidates(
        self,
        q: str,
        *,
        labels: Sequence[Label] = (Label.ENTERPRISE, Label.PRODUCT),
        cap: int = SEARCH_CAP,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        return neo4j_search.search(self, q, labels, cap, as_of)

    def search_count(
        self, q: str, *, labels: Sequence[Label], cap: int, as_of: date | None = None
    ) -> int:
        return neo4j_search.count(self, q, labels, cap, as_of)

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

    def chain_members(
        self, chain_id: str, *, fields: Iterable[str] | None = None, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        rows = self.read("chain_members", id=chain_id, as_of=as_of_key(as_of))
        if not rows:
            raise UnknownEntity(Label.CHAIN.value, chain_id)
        return [  # their nodes by chunks of ids, each a bounded transaction
            {**node, "label": label.value}
            for label, key in ((Label.ENTERPRISE, "firms"), (Label.PRODUCT, "products"))
            for node in self._read_nodes(label, rows[0][key], fields=fields, as_of=as_of)
        ]

    def product_counts(self, *, as_of: date | None = None) -> list[dict[str, Any]]:
        # kept per version and day: the overview, each panorama, gaps, single-source and the
        # digest start from it (4 s at 1,000,000 firms); each caller gets rows of its own
        day = as_of_key(as_of)
        every = self.kept_answer(
            ("product_counts", day), lambda: self.read("product_counts", as_of=day)
        )
        return [dict(row) for row in every]

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
            self.node(Label.ENTERPRISE, source, as_of=as_of)
            self.node(Label.ENTERPRISE, target, as_of=as_of)
        return rows

    def route_paths(
        self, source: str, target: str, *, max_hops: int, limit: int
    ) -> list[dict[str, Any]]:
        check_path_bounds(max_hops, limit, ROUTE_MAX_HOPS)
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
        byte_cap: int = ANSWER_BYTES,
    ) -> dict[str, Any]:
        """Run an analyst's query read-only, once, within its limits
        (:func:`graph.neo4j_analyst.run_analyst_query`)."""
        try:
            return run_analyst_query(
                self.driver,
                self.database,
                text,
                params,
                timeout_s=timeout_s,
                row_cap=row_cap,
                byte_cap=byte_cap,
            )
        except (*UNAVAILABLE, *DRIVER_ERRORS) as e:
            raise translate(e, lambda err: refusal(err, timeout_s)) from e
