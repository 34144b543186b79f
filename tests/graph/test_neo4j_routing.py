"""The routing driver path a Neo4j cluster needs (docs/deploy.md), on the single test server
reached through a ``neo4j://`` URI: reads run as read transactions (a cluster sends them to
readers, and a reader refuses writes), writes as write transactions (to the leader), and the
store's bookmark manager makes every read follow the writes and versions it saw."""

from __future__ import annotations

import os
from collections.abc import Iterator

import neo4j
import pytest

from chainatlas.graph import cypher
from chainatlas.graph.errors import StoreError
from chainatlas.graph.model import Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries import gaps
from chainatlas.graph.queries.cache import AnalyticsCache
from tests.support import reference

pytestmark = pytest.mark.neo4j


@pytest.fixture
def routed(neo4j_store: Neo4jStore, neo4j_server: tuple[str, str, str]) -> Iterator[Neo4jStore]:
    """A second store on the same (empty) database, through the routing scheme."""
    uri, user, password = neo4j_server
    store = Neo4jStore.connect(
        "neo4j://" + uri.split("://", 1)[1],
        user,
        password,
        database=os.environ.get("NEO4J_DATABASE") or None,
    )
    yield store
    store.close()


def test_a_routing_store_reads_its_own_writes(routed: Neo4jStore) -> None:
    assert isinstance(routed.driver, neo4j.Neo4jDriver)  # the routing driver, not bolt://
    before = routed.version()
    routed.write_tables(reference.TABLES)
    assert routed.version() != before
    assert routed.stats()["enterprises"] == len(reference.TABLES[Table.ENTERPRISES])
    assert routed.bookmarks.get_bookmarks()  # what a later session waits for


def test_reads_run_as_read_transactions(routed: Neo4jStore) -> None:
    # what a reader does with a write: refuses it (the store's reads never write)
    bump = cypher.statement("upsert_graph_version")
    with pytest.raises(StoreError):
        routed._tx(neo4j.READ_ACCESS, lambda tx: tx.run(bump).consume())


def test_another_process_writing_gives_every_worker_a_fresh_answer(
    neo4j_store: Neo4jStore, routed: Neo4jStore
) -> None:
    """Two API workers each keep a cache keyed by the graph's version: a load made through
    another connection (another worker, or ``chainatlas load``) is seen by the next request."""
    neo4j_store.write_tables(reference.TABLES)
    worker = AnalyticsCache(8)
    first = worker.get(routed, "gaps", (), lambda: gaps(routed))
    assert worker.get(routed, "gaps", (), lambda: gaps(routed)) is first
    needs = [{"enterprise_id": "E1", "product_id": "unmade", "annual_demand": 1, "unit": "t"}]
    neo4j_store.upsert(Table.PRODUCTS, [{"id": "unmade", "name": "无人制造"}])
    neo4j_store.upsert(Table.NEEDS, needs)
    again = worker.get(routed, "gaps", (), lambda: gaps(routed))
    assert again["total"] == first["total"] + 1 and worker.misses == 2
