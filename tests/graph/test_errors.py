"""The exception tree: what each error carries, and how the Neo4j store words driver errors
as ours (no server needed: the driver's own error classes, built as the driver builds them)."""

from __future__ import annotations

import pytest
from neo4j import exceptions as neo4j_errors

from chainatlas.graph import errors
from chainatlas.graph.errors import (
    ChainAtlasError,
    InvalidOption,
    QueryInvalid,
    QueryRefused,
    QueryTimeout,
    StoreError,
    StoreUnavailable,
    TransactionTooLarge,
)
from chainatlas.graph.neo4j_analyst import refusal as _refusal
from chainatlas.graph.neo4j_driver import translate
from chainatlas.graph.queries.paths import supply_paths
from chainatlas.graph.store import GraphStore


def server_error(code: str, message: str = "") -> neo4j_errors.Neo4jError:
    return neo4j_errors.Neo4jError._hydrate_neo4j(code=code, message=message)


def test_every_error_derives_from_the_root() -> None:
    public = [v for v in vars(errors).values() if isinstance(v, type) and issubclass(v, Exception)]
    assert len(public) >= 11
    assert all(issubclass(c, ChainAtlasError) for c in public)


def test_invalid_option_is_a_value_error_naming_its_option(ref_store: GraphStore) -> None:
    with pytest.raises(InvalidOption) as caught:
        supply_paths(ref_store, "E1", "E3", k=0)
    assert caught.value.option == "k" and isinstance(caught.value, ValueError)


@pytest.mark.parametrize(
    "error",
    [
        neo4j_errors.ServiceUnavailable("gone"),
        neo4j_errors.SessionExpired("expired"),
        ConnectionRefusedError("refused"),
        server_error("Neo.TransientError.Transaction.DeadlockDetected", "deadlock"),
    ],
)
def test_absent_or_busy_server_is_unavailable(error: Exception) -> None:
    assert isinstance(translate(error), StoreUnavailable)


def test_refused_credentials_name_the_settings_to_check() -> None:
    found = translate(neo4j_errors.AuthError("The client is unauthorized"))
    assert isinstance(found, StoreUnavailable) and "NEO4J_PASSWORD" in str(found)


@pytest.mark.parametrize(
    "error",
    [
        server_error("Neo.DatabaseError.General.UnknownError", "boom"),
        server_error("Neo.ClientError.Statement.SyntaxError", "Invalid input 'X'"),
        neo4j_errors.ResultConsumedError(None, "consumed"),
    ],
)
def test_any_other_driver_error_is_a_store_error_naming_no_statement(error: Exception) -> None:
    ours = translate(error)
    assert type(ours) is StoreError
    assert "Invalid input" not in str(ours) and "boom" not in str(ours)


@pytest.mark.parametrize(
    ("code", "bound"),
    [
        ("Neo.TransientError.General.MemoryPoolOutOfMemoryError", "db.memory.transaction.max"),
        ("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "timeout"),
    ],
)
def test_a_transaction_over_the_servers_bounds_names_the_bound_and_the_way_out(
    code: str, bound: str
) -> None:
    """A load's one change set over the server's transaction memory was 'store unavailable:
    cannot be reached; check NEO4J_URI' (measured on a 10k-firm load at 256 MB): wrong twice."""
    ours = translate(server_error(code, "The allocation of an extra 2.0 MiB would use more"))
    assert isinstance(ours, TransactionTooLarge) and isinstance(ours, StoreError)
    text = str(ours)
    assert bound in text and "nothing was written" in text and "load --bulk" in text
    assert "2.0 MiB" not in text


def test_a_refused_analyst_query_is_worded_by_the_caller() -> None:
    error = server_error(
        "Neo.ClientError.Statement.SyntaxError", "Invalid input 'X': expected (line 2, column 7)"
    )
    ours = translate(error, lambda e: _refusal(e, 10.0))
    assert isinstance(ours, QueryInvalid)
    assert (ours.code, ours.syntax, ours.line, ours.column) == (
        "Neo.ClientError.Statement.SyntaxError",
        True,
        2,
        7,
    )


def test_a_timed_out_analyst_query_says_its_limit() -> None:
    error = server_error("Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration")
    ours = _refusal(error, 2.5)
    assert isinstance(ours, QueryTimeout) and "2.5 s" in str(ours)


def test_a_forbidden_analyst_query_is_refused_without_its_text() -> None:
    error = server_error("Neo.ClientError.Security.Forbidden", "CREATE (n:Secret) is not allowed")
    ours = _refusal(error, 10.0)
    assert type(ours) is QueryRefused and "Secret" not in str(ours)


def test_a_result_failed_by_a_timeout_is_the_timeout() -> None:
    """A query timed out while its result was read: the driver's rollback at the end of the
    transaction raises ResultFailedError from the timeout (a 500 in CI, 2026-12-02); the
    timeout is what the caller is told."""
    timeout = server_error(
        "Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration", "terminated"
    )
    try:
        try:
            raise timeout
        except neo4j_errors.Neo4jError as cause:
            raise neo4j_errors.ResultFailedError(None, "The result has failed.") from cause
    except neo4j_errors.ResultFailedError as failed:
        worded, plain = translate(failed, lambda e: _refusal(e, 10.0)), translate(failed)
    assert isinstance(worded, QueryTimeout)
    assert isinstance(plain, TransactionTooLarge)
