"""The graph layer: domain model, the store contract, the memory and Neo4j stores, and the
query catalogue (:mod:`graph.queries`)."""

from chainatlas.graph.errors import (
    BundleInvalid,
    ChainAtlasError,
    ConfigError,
    Issue,
    NoPath,
    QueryRefused,
    QueryTimeout,
    StoreUnavailable,
    UnknownEntity,
)
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Rel, Row, Stage, Table
from chainatlas.graph.store import GraphStore

__all__ = [
    "BundleInvalid",
    "ChainAtlasError",
    "ConfigError",
    "GraphStore",
    "Issue",
    "Label",
    "MemoryStore",
    "NoPath",
    "QueryRefused",
    "QueryTimeout",
    "Rel",
    "Row",
    "Stage",
    "StoreUnavailable",
    "Table",
    "UnknownEntity",
]
