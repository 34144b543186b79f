"""Which store a command or the service uses, and where the embedded store keeps its graph.

- ``NEO4J_URI`` set: the Neo4j store (one driver for the process).
- otherwise the embedded store: ``--data BUNDLE`` if given (read-only use, the data directory
  is left alone), else the graph saved in ``CHAINATLAS_HOME``, else the demo bundle.
"""

from __future__ import annotations

from pathlib import Path

from graph.memory import MemoryStore
from graph.neo4j_store import Neo4jStore
from graph.settings import Settings
from graph.store import GraphStore
from loaders import read_bundle
from loaders.demo import demo_bundle_path


def connect_neo4j(settings: Settings) -> Neo4jStore:
    assert settings.neo4j_uri
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    return Neo4jStore.connect(
        settings.neo4j_uri, settings.neo4j_user, password, database=settings.neo4j_database
    )


def bundle_store(path: Path) -> MemoryStore:
    """An embedded store holding the bundle at ``path`` (validated; BundleInvalid if not)."""
    store = MemoryStore()
    store.write_tables(read_bundle(path).tables)
    return store


def open_store(settings: Settings, *, data: Path | None = None) -> GraphStore:
    """The store to read from, as the module docstring says."""
    if data is not None:
        return bundle_store(data)
    if settings.neo4j_uri:
        return connect_neo4j(settings)
    if settings.graph_file.exists():
        return MemoryStore.open(settings.graph_file)
    return bundle_store(demo_bundle_path())


def open_target_store(settings: Settings) -> GraphStore:
    """The store a load writes into: Neo4j, or the embedded graph of the data directory."""
    if settings.neo4j_uri:
        return connect_neo4j(settings)
    if settings.graph_file.exists():
        return MemoryStore.open(settings.graph_file)
    return MemoryStore()


def persist(store: GraphStore, settings: Settings) -> None:
    """Save an embedded store to the data directory (atomically); Neo4j persists itself."""
    if isinstance(store, MemoryStore):
        store.save(settings.graph_file)
