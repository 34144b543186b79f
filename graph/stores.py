"""Which store the configuration names: Neo4j when ``NEO4J_URI`` is set, else the embedded
graph saved in ``CHAINATLAS_HOME``.

Callers that may fall back to a bundle (the demo, ``--data``) use
:func:`chainatlas.loaders.open_store`, which builds on these.
"""

from __future__ import annotations

from contextlib import AbstractContextManager, nullcontext
from pathlib import Path
from typing import TYPE_CHECKING

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.memory_file import locked
from chainatlas.graph.settings import Settings
from chainatlas.graph.store import GraphStore

if TYPE_CHECKING:  # the driver (which imports pandas when it is installed) loads on first use
    from chainatlas.graph.neo4j_store import Neo4jStore


def connect_neo4j(settings: Settings) -> Neo4jStore:
    """The Neo4j store of ``settings`` (one driver, owned by the store)."""
    from chainatlas.graph.neo4j_store import Neo4jStore

    if not settings.neo4j_uri:
        raise ValueError("connect_neo4j needs settings with neo4j_uri")
    password = settings.neo4j_password.get_secret_value() if settings.neo4j_password else ""
    return Neo4jStore.connect(
        settings.neo4j_uri,
        settings.neo4j_user,
        password,
        database=settings.neo4j_database,
        parallel_reads=settings.parallel_reads,
    )


def is_embedded(settings: Settings) -> bool:
    """Whether ``settings`` name the embedded store (no ``NEO4J_URI``)."""
    return not settings.neo4j_uri


def open_configured(settings: Settings) -> GraphStore | None:
    """Neo4j, or the saved embedded graph; ``None`` when neither exists yet."""
    if settings.neo4j_uri:
        return connect_neo4j(settings)
    if settings.graph_file.exists():
        return MemoryStore.open(settings.graph_file)
    return None


def open_load_target(settings: Settings) -> GraphStore:
    """The store a load writes into: Neo4j, or the embedded graph of the data directory
    (empty when nothing was saved yet). Finish the load with ``store.commit(durable_path(...))``.
    """
    store = open_configured(settings)
    return MemoryStore() if store is None else store


def write_guard(settings: Settings) -> AbstractContextManager[None]:
    """Hold while reading, changing and saving the embedded graph: the file's lock, so that
    loads of several processes take turns instead of losing each other's facts (Neo4j
    serialises change sets itself)."""
    return locked(settings.graph_file) if is_embedded(settings) else nullcontext()


def durable_path(settings: Settings) -> Path | None:
    """Where a committed embedded load is saved (``None`` on Neo4j, which persists itself)."""
    return settings.graph_file if is_embedded(settings) else None
