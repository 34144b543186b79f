"""Matchmaking: who nearby can supply what a firm needs, who needs what it makes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from chainatlas.api.auth import Viewer, require_viewer
from chainatlas.api.deps import ID_PATTERN, AppSettings, StoreOnDay
from chainatlas.api.problems import openapi_responses
from chainatlas.graph.queries.answers import Match
from chainatlas.graph.queries.matching import match_buyers as buyers_query
from chainatlas.graph.queries.matching import match_suppliers as suppliers_query

router = APIRouter(prefix="/api/match", tags=["match"], dependencies=[Depends(require_viewer)])

RESPONSES = openapi_responses(401, 403, 404, 422, 503)

EnterpriseQ = Annotated[str, Query(pattern=ID_PATTERN, description="The firm (id).")]
ProductQ = Annotated[
    str | None, Query(pattern=ID_PATTERN, description="Only this product (id); default: all.")
]
RegionQ = Annotated[
    str | None, Query(pattern=ID_PATTERN, description="Only candidates in this region (id).")
]
ExcludeQ = Annotated[bool, Query(description="Leave out current trading partners.")]
LimitQ = Annotated[int, Query(ge=1, le=100, description="Candidates at most (1–100).")]


@router.get("/suppliers", response_model=Match, responses=RESPONSES)
def match_suppliers(
    caller: Viewer,
    store: StoreOnDay,
    settings: AppSettings,
    enterprise: EnterpriseQ,
    product: ProductQ = None,
    region: RegionQ = None,
    exclude_current: ExcludeQ = False,
    limit: LimitQ = 20,
) -> Match:
    """Ranked candidate suppliers for a firm's needs, each with a score, its parts and reasons
    (zh, en); best first, ties by product and id."""
    return suppliers_query(
        store,
        enterprise,
        product_id=product,
        region=region,
        exclude_current=exclude_current,
        limit=limit,
        weights=settings.match_weights,
    )


@router.get("/buyers", response_model=Match, responses=RESPONSES)
def match_buyers(
    caller: Viewer,
    store: StoreOnDay,
    settings: AppSettings,
    enterprise: EnterpriseQ,
    product: ProductQ = None,
    region: RegionQ = None,
    exclude_current: ExcludeQ = False,
    limit: LimitQ = 20,
) -> Match:
    """Ranked candidate buyers for what a firm makes: the same from the seller's side."""
    return buyers_query(
        store,
        enterprise,
        product_id=product,
        region=region,
        exclude_current=exclude_current,
        limit=limit,
        weights=settings.match_weights,
    )
