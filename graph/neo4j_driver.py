"""The Neo4j driver as the store opens it, and its errors as ours (:mod:`graph.errors`): a
server away or busy, a statement refused, a transaction over the server's bounds."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from neo4j import Driver, GraphDatabase
from neo4j import exceptions as neo4j_errors

from chainatlas.graph.errors import (
    ChainAtlasError,
    StoreError,
    StoreUnavailable,
    TransactionTooLarge,
)

#: errors that mean "the server is not there right now", as opposed to a bad statement
UNAVAILABLE = (
    neo4j_errors.ServiceUnavailable,
    neo4j_errors.SessionExpired,
    neo4j_errors.AuthError,
    OSError,
)
#: every other error the driver raises on its own
DRIVER_ERRORS = (neo4j_errors.Neo4jError, neo4j_errors.DriverError)

ClientErrorHandler = Callable[[neo4j_errors.Neo4jError], ChainAtlasError]


def translate(e: Exception, on_client_error: ClientErrorHandler | None = None) -> ChainAtlasError:
    """A driver error as ours: the server away or busy (retry later), a statement it refused
    (``on_client_error`` words it, for analyst queries), or a fault retrying cannot fix."""
    if isinstance(e, neo4j_errors.ResultFailedError) and isinstance(e.__cause__, Exception):
        e = e.__cause__  # the server's error that failed the result (a timeout, say) is why
    if isinstance(e, neo4j_errors.AuthError):  # answers 503 too: the password may be rotated
        return StoreUnavailable("Neo4j refused the credentials (NEO4J_USER, NEO4J_PASSWORD)")
    if isinstance(e, UNAVAILABLE):
        return StoreUnavailable(f"Neo4j is not reachable: {type(e).__name__}")
    refused = isinstance(e, neo4j_errors.ClientError | neo4j_errors.TransientError)
    if on_client_error is not None and refused:
        assert isinstance(e, neo4j_errors.Neo4jError)
        return on_client_error(e)
    code = getattr(e, "code", None) or type(e).__name__
    if "MemoryPoolOutOfMemory" in code:
        return TransactionTooLarge("transaction memory (db.memory.transaction.max)")
    if "TransactionTimedOut" in code:
        return TransactionTooLarge("transaction time (db.transaction.timeout)")
    if isinstance(e, neo4j_errors.TransientError):
        return StoreUnavailable(f"Neo4j is busy: {e.code}")
    return StoreError(f"Neo4j failed: {code}")


def open_driver(uri: str, user: str, password: str, **config: Any) -> Driver:
    """A driver with timeouts short enough that an absent server is noticed quickly."""
    config.setdefault("connection_timeout", 5.0)
    config.setdefault("connection_acquisition_timeout", 10.0)
    config.setdefault("max_transaction_retry_time", 5.0)
    # "property key does not exist" is the normal state of an optional property no fact has
    # yet (member_until before any firm leaves; a bulk import creates no key for an empty
    # column): the server's notice of it, logged per query, would drown the real warnings
    config.setdefault("notifications_disabled_classifications", ["UNRECOGNIZED"])
    return GraphDatabase.driver(uri, auth=(user, password), **config)
