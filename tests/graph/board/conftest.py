"""The demo bundle, with its board, on both stores, loaded once per module."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Row, Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle
from chainatlas.loaders.demo import demo_bundle_path


@pytest.fixture(scope="module")
def demo_tables() -> dict[Table, list[Row]]:
    return dict(read_bundle(demo_bundle_path()).tables)


@pytest.fixture(scope="module")
def stores(
    demo_tables: dict[Table, list[Row]], neo4j_session_store: Neo4jStore
) -> Iterator[tuple[GraphStore, GraphStore]]:
    memory = MemoryStore()
    memory.write_tables(demo_tables)
    neo4j_session_store.clear()
    neo4j_session_store.write_tables(demo_tables)
    yield memory, neo4j_session_store
    neo4j_session_store.clear()
