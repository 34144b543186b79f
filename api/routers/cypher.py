"""Read-only Cypher for analysts, on the Neo4j store.

The store runs the query in a read transaction with a timeout and a row cap, and refuses
anything that writes (``QueryRefused`` → 403). Neither the query nor its parameters are ever
echoed in an error answer or logged.
"""

from __future__ import annotations

from typing import cast

from fastapi import APIRouter

from chainatlas.api.auth import Analyst
from chainatlas.api.deps import Store
from chainatlas.api.problems import Problem, openapi_responses
from chainatlas.api.schemas import CypherRequest
from chainatlas.graph.shapes import CypherResult

router = APIRouter(prefix="/api", tags=["cypher"])

TIMEOUT_S = 10.0
ROW_CAP = 1_000


@router.post(
    "/cypher",
    response_model=CypherResult,
    responses=openapi_responses(400, 401, 403, 422, 501, 503, overrides={400: "QueryInvalid"}),
)
def run_cypher(caller: Analyst, store: Store, body: CypherRequest) -> CypherResult:
    """Run a read-only Cypher query with ``$parameters`` (analyst role; at most
    ``ROW_CAP`` rows, ``TIMEOUT_S`` seconds)."""
    if store.kind != "neo4j":
        raise Problem(
            "cypher-unavailable",
            "Cypher runs on the Neo4j store; this server uses the embedded store.",
        )
    answer = store.run_cypher(body.query, body.params, timeout_s=TIMEOUT_S, row_cap=ROW_CAP)
    return cast(CypherResult, answer)
