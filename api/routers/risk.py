"""Supply risk: products with one producer, and what breaks if a firm or product is lost."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from chainatlas.api.auth import Viewer, for_caller, require_viewer
from chainatlas.api.deps import (
    DEFAULT_LIMIT,
    HUB_LIMIT,
    ID_PATTERN,
    LOCAL_READ,
    Analytics,
    HubLimit,
    Limit,
    Offset,
    StoreOnDay,
)
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.problems import Problem
from chainatlas.api.schemas import Page, SingleSourcedItem, ranked_page
from chainatlas.graph.queries.ahead import kept_single_source
from chainatlas.graph.queries.answers import Impact
from chainatlas.graph.queries.risk import MAX_TIERS, cascade, impact

router = APIRouter(prefix="/api/risk", tags=["risk"], dependencies=[Depends(require_viewer)])

ONE_OF = [
    {
        "in": "query",
        "name": "enterprise",
        "message": "give exactly one of enterprise and product",
        "type": "exactly_one",
    }
]


@router.get(
    "/single-source",
    response_model=Page[SingleSourcedItem],
    responses=openapi_responses(401, 403, 422, 503),
)
def single_sourced(
    store: StoreOnDay, cache: Analytics, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Products with exactly one producer in the map that other firms need: most consumers
    first, then id. Each item's ``id`` is its ``product_id``."""
    answer = kept_single_source(cache, store)
    return ranked_page(answer["products"], answer["total"], limit, offset)


@router.get(
    "/impact",
    response_model=Impact,
    responses=openapi_responses(401, 403, 404, 422, 503),
    dependencies=[LOCAL_READ],
)
def disruption(
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    enterprise: Annotated[
        str | None, Query(pattern=ID_PATTERN, description="The firm that stops (id).")
    ] = None,
    product: Annotated[
        str | None, Query(pattern=ID_PATTERN, description="The product that is lost (id).")
    ] = None,
    max_tiers: Annotated[
        int, Query(ge=1, le=MAX_TIERS, description=f"Tiers to follow (1–{MAX_TIERS}).")
    ] = 3,
    limit: HubLimit = HUB_LIMIT,
    offset: Offset = 0,
) -> Impact:
    """Firms that lose every current supplier of something they buy, tier by tier, when
    ``enterprise`` stops or ``product`` is lost (give exactly one); one page of the ``total``
    affected firms at a time (``next``: the next page's offset), ``tiers`` counting them all."""
    if (enterprise is None) == (product is None):
        raise Problem("validation", "Give exactly one of enterprise and product.", errors=ONE_OF)
    # the walk and each page of it are kept per version of the graph (AnalyticsCache.page)
    answer = cache.page(
        store,
        "impact",
        (enterprise, product, max_tiers),
        lambda: cascade(store, enterprise_id=enterprise, product_id=product, max_tiers=max_tiers),
        lambda hits: impact(
            store,
            enterprise_id=enterprise,
            product_id=product,
            max_tiers=max_tiers,
            limit=limit,
            offset=offset,
            hits=hits,
        ),
        (limit, offset),
    )
    return for_caller(caller, answer)
