"""The graph layer: domain model, the store contract, the memory and Neo4j stores, and the
query catalogue (:mod:`graph.queries`)."""

from graph.errors import (
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
from graph.memory import MemoryStore
from graph.model import Label, Rel, Row, Stage, Table
from graph.store import GraphStore

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
