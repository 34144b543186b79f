"""Matchmaking: who nearby can supply what a firm needs, who needs what it makes."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from chainatlas.api.auth import Viewer, require_viewer
from chainatlas.api.deps import ID_PATTERN, LOCAL_READ, AppSettings, StoreOnDay
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.graph.queries.answers import Match
from chainatlas.graph.queries.matching import Exclude
from chainatlas.graph.queries.matching import match_buyers as buyers_query
from chainatlas.graph.queries.matching import match_suppliers as suppliers_query

router = APIRouter(
    prefix="/api/match", tags=["match"], dependencies=[Depends(require_viewer), LOCAL_READ]
)

RESPONSES = openapi_responses(401, 403, 404, 422, 503)

EnterpriseQ = Annotated[str, Query(pattern=ID_PATTERN, description="The firm (id).")]
ProductQ = Annotated[
    str | None, Query(pattern=ID_PATTERN, description="Only this product (id); default: all.")
]
RegionQ = Annotated[
    str | None, Query(pattern=ID_PATTERN, description="Only candidates in this region (id).")
]
ExcludeQ = Annotated[
    Exclude | None,
    Query(
        description="Whom to leave out: `same_product`, the firms already trading this product"
        " with the firm in this direction; `any_partner`, every firm already trading with it"
        " (any product, either direction; cooperation alone does not count). Default: nobody."
    ),
]
ExcludeCurrentQ = Annotated[
    bool,
    Query(
        deprecated=True,
        description="Deprecated: `true` means `exclude=same_product` (only the firms already"
        " trading this product with the firm are left out); beside `exclude`, `exclude`"
        " decides (`any_partner` leaves out every firm `same_product` does).",
    ),
]
LimitQ = Annotated[int, Query(ge=1, le=100, description="Candidates at most (1–100).")]
OffsetQ = Annotated[int, Query(ge=0, description="Candidates to skip (a page's start).")]


@router.get("/suppliers", response_model=Match, responses=RESPONSES)
def match_suppliers(
    caller: Viewer,
    store: StoreOnDay,
    settings: AppSettings,
    enterprise: EnterpriseQ,
    product: ProductQ = None,
    region: RegionQ = None,
    exclude: ExcludeQ = None,
    exclude_current: ExcludeCurrentQ = False,
    limit: LimitQ = 20,
    offset: OffsetQ = 0,
) -> Match:
    """Ranked candidate suppliers for a firm's needs, each with a score, its parts and reasons
    (zh, en); best first, ties by product and id; one page of ``total`` (``limit`` from
    ``offset``)."""
    return suppliers_query(
        store,
        enterprise,
        product_id=product,
        region=region,
        exclude=exclude,
        exclude_current=exclude_current,
        limit=limit,
        offset=offset,
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
    exclude: ExcludeQ = None,
    exclude_current: ExcludeCurrentQ = False,
    limit: LimitQ = 20,
    offset: OffsetQ = 0,
) -> Match:
    """Ranked candidate buyers for what a firm makes: the same from the seller's side."""
    return buyers_query(
        store,
        enterprise,
        product_id=product,
        region=region,
        exclude=exclude,
        exclude_current=exclude_current,
        limit=limit,
        offset=offset,
        weights=settings.match_weights,
    )
