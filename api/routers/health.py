"""Liveness and store reachability (open to every caller), and the headline figures."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool

from chainatlas.api.auth import Viewer
from chainatlas.api.deps import Analytics, Holder, StoreOnDay
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.problems import RETRY_AFTER_S, Problem
from chainatlas.api.schemas import Health
from chainatlas.graph.queries.ahead import kept_stats
from chainatlas.graph.shapes import Stats

router = APIRouter(prefix="/api", tags=["health"])


@router.get("/health", response_model=Health, responses=openapi_responses(503))
async def health(request: Request, holder: Holder) -> dict[str, Any]:
    """200 when the process is up and its store answers; 503 (a problem) when the store does not.

    Needs no API key, so container health checks can call it.
    """
    reachable = await run_in_threadpool(holder.probe)
    store = {"kind": holder.store.kind, "reachable": reachable}
    if not reachable:
        raise Problem(
            "store-unavailable",
            "The graph store cannot be reached right now.",
            headers={"Retry-After": str(RETRY_AFTER_S)},
            version=request.app.version,
            store=store,
        )
    return {"status": "ok", "version": request.app.version, "store": store}


@router.get("/stats", response_model=Stats, responses=openapi_responses(401, 403, 503))
def stats(caller: Viewer, store: StoreOnDay, cache: Analytics) -> Stats:
    """Headline figures (enterprises, collaborating enterprises, supplied products, chains,
    regions) and counts of every node and edge kind."""
    # counting every firm and edge: seconds at a province's size, so once per graph version
    return kept_stats(cache, store)
