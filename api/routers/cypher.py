"""Read-only Cypher for analysts, on the Neo4j store.

The store runs the query once in a read transaction with a timeout, a row cap and a byte cap,
and refuses anything that writes (``QueryRefused`` → 403). The route bounds the rest
(docs/security.md): at most ``CHAINATLAS_CYPHER_PER_KEY`` queries at once per key and
``CHAINATLAS_CYPHER_WORKERS`` per process, on threads of their own so that other routes keep
their threads (429 with ``Retry-After`` past either), and it answers within the timeout plus
:data:`GRACE_S` even when the server is slow to stop a query (the key's slot stays taken until
the server lets go). Neither the query nor its parameters are ever echoed or logged.
"""

from __future__ import annotations

import asyncio
from typing import cast

from fastapi import APIRouter, Request

from chainatlas.api.auth import Analyst, guards_of
from chainatlas.api.deps import Store
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.problems import Problem
from chainatlas.api.schemas import CypherRequest
from chainatlas.graph.errors import QueryTimeout
from chainatlas.graph.shapes import CypherResult
from chainatlas.graph.store import ANSWER_BYTES

router = APIRouter(prefix="/api", tags=["cypher"])

ROW_CAP = 1_000
BYTE_CAP = ANSWER_BYTES
#: seconds past the query's timeout the route still waits for the server's own answer
GRACE_S = 2.0


@router.post(
    "/cypher",
    response_model=CypherResult,
    responses=openapi_responses(400, 401, 403, 422, 501, 503, overrides={400: "QueryInvalid"}),
)
async def run_cypher(
    request: Request, caller: Analyst, store: Store, body: CypherRequest
) -> CypherResult:
    """Run a read-only Cypher query with ``$parameters`` (analyst role; at most ``ROW_CAP``
    rows and ``BYTE_CAP`` bytes, ``CHAINATLAS_CYPHER_TIMEOUT`` seconds, a few at once per
    key)."""
    if store.kind != "neo4j":
        raise Problem(
            "cypher-unavailable",
            "Cypher runs on the Neo4j store; this server uses the embedded store.",
        )
    timeout = request.app.state.settings.guards.cypher_timeout
    future = guards_of(request).cypher.submit(
        caller.who,
        lambda: store.run_cypher(
            body.query, body.params, timeout_s=timeout, row_cap=ROW_CAP, byte_cap=BYTE_CAP
        ),
    )
    try:
        answer = await asyncio.wait_for(asyncio.wrap_future(future), timeout + GRACE_S)
    except TimeoutError:
        raise QueryTimeout(f"the query ran longer than its limit of {timeout:g} s") from None
    return cast(CypherResult, answer)
