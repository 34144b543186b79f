"""Running an analyst's Cypher on Neo4j with limits the server and this process both enforce.

The query runs once, in an explicit READ transaction (never a managed one: the driver would
retry a transient refusal such as the memory pool running out, so one bad query would run
several times). Limits, each of which ends the query with a :class:`QueryRefused` the API
answers as a 4xx:

- **time**: ``timeout_s`` is the transaction's own timeout (the server terminates it), on top
  of the server's ``db.transaction.timeout``;
- **memory**: the server's ``db.memory.transaction.max`` (a ``MemoryLimit`` refusal);
- **answer size**: at most ``row_cap`` rows and ``byte_cap`` bytes of JSON; records are pulled
  ``FETCH_SIZE`` at a time, so a wide answer stops streaming at the cap instead of arriving
  whole;
- **loops the server cannot stop**: Neo4j checks for termination between rows, not inside one
  expression, so ``reduce(…)`` (which can double a string or list per step) and ``range(…)``
  anywhere but as the list of an ``UNWIND`` are refused from the plan before anything runs
  (:func:`check_loops`).

>>> check_loops({"operatorType": "Unwind@neo4j", "args": {"Details": "range($a, $b) AS x"}})
>>> check_loops({"operatorType": "Projection@neo4j",  # doctest: +ELLIPSIS
...              "args": {"Details": "reduce(s = $a, x IN xs | s + x) AS s"}})
Traceback (most recent call last):
...
chainatlas.graph.errors.QueryRefused: reduce() is not allowed in analyst queries: ...
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from typing import Any

import neo4j
from neo4j import Driver
from neo4j import exceptions as neo4j_errors

from chainatlas.graph.analyst import check_plan, check_text, operators, to_json
from chainatlas.graph.errors import InvalidOption, QueryInvalid, QueryRefused, QueryTimeout

#: records pulled from the server per round trip (the driver's default is 1,000)
FETCH_SIZE = 20
_REDUCE = re.compile(r"`?\breduce`?\s*\(", re.IGNORECASE)
_RANGE = re.compile(r"\brange\s*\(", re.IGNORECASE)
#: an UNWIND of a plain range: termination is checked per row, so any bound is fine
_UNWIND_RANGE = re.compile(r"^range\([^()\[\]|]*\) AS \S+$", re.IGNORECASE)
_POSITION = re.compile(r"line (\d+), column (\d+)")


def check_loops(plan: Mapping[str, Any], text: str = "") -> None:
    """Refuse expressions that loop inside one row (see the module's docstring)."""
    if _REDUCE.search(text):
        raise _no_reduce()
    for name, details in operators(plan):
        if _REDUCE.search(details):
            raise _no_reduce()
        if _RANGE.search(details) and not (name == "Unwind" and _UNWIND_RANGE.match(details)):
            raise QueryRefused(
                "range() is allowed only as the list of an UNWIND in analyst queries: "
                "Neo4j cannot stop a loop inside one row on time"
            )


def _no_reduce() -> QueryRefused:
    return QueryRefused(
        "reduce() is not allowed in analyst queries: Neo4j cannot stop it on time "
        "(UNWIND the list and aggregate instead)"
    )


def run_analyst_query(
    driver: Driver,
    database: str | None,
    text: str,
    params: Mapping[str, Any] | None = None,
    *,
    timeout_s: float,
    row_cap: int,
    byte_cap: int,
) -> dict[str, Any]:
    """``{columns, rows, truncated}`` of a read-only analyst query, within the limits.

    Driver errors propagate; the store translates them (:func:`refusal` words the refusals).
    """
    query = check_text(text)
    if timeout_s <= 0 or row_cap < 1 or byte_cap < 1:
        raise InvalidOption("timeout_s", "timeout_s, row_cap and byte_cap must be positive")
    args = dict(params or {})
    with (
        driver.session(
            database=database, default_access_mode=neo4j.READ_ACCESS, fetch_size=FETCH_SIZE
        ) as session,
        session.begin_transaction(timeout=timeout_s) as tx,
    ):
        plan = tx.run("EXPLAIN " + query, args).consume()
        check_plan(plan.plan or {}, plan.query_type)
        check_loops(plan.plan or {}, query)
        result = tx.run(query, args)
        columns = list(result.keys())
        rows: list[list[Any]] = []
        size = 2
        for record in result:
            row = [to_json(v) for v in record.values()]
            size += len(json.dumps(row, ensure_ascii=False).encode()) + 1
            if len(rows) == row_cap or size > byte_cap:
                return {"columns": columns, "rows": rows, "truncated": True}
            rows.append(row)
        return {"columns": columns, "rows": rows, "truncated": False}


def refusal(e: neo4j_errors.Neo4jError, timeout_s: float) -> QueryRefused:
    """A driver's refusal of an analyst query as ours. Our own refusals (writes, the limits)
    name no query text; a query the server could not compile becomes :class:`QueryInvalid`,
    whose message may quote the server (for the author at a terminal) and whose attributes
    (code, position) are all an HTTP answer shows."""
    code = e.code or ""
    if "TransactionTimedOut" in code or "Terminated" in code:
        return QueryTimeout(f"the query ran longer than its limit of {timeout_s:g} s")
    if "MemoryLimit" in code or "MemoryPool" in code or "OutOfMemory" in code:
        return QueryRefused("the query needed more memory than the server allows one query")
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
