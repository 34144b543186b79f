"""Firms and products: filtered lists, profiles, current suppliers and customers, tiers."""

from __future__ import annotations

from enum import StrEnum
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
    PathId,
    Store,
    StoreOnDay,
)
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.schemas import Page, Paged, page, trade_page
from chainatlas.graph.model import Label, StageName
from chainatlas.graph.queries.answers import EnterpriseProfile, ProductProfile, Tiers
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.listing import listed
from chainatlas.graph.queries.paths import MAX_DEPTH, tier_walk, tiers
from chainatlas.graph.queries.profiles import enterprise_profile, product_profile
from chainatlas.graph.shapes import EntityProps, TradeRow
from chainatlas.graph.store import GraphStore

#: every route here reads about one firm or product, or a page of a label: a local read
router = APIRouter(prefix="/api", dependencies=[Depends(require_viewer), LOCAL_READ])

BY_ID = openapi_responses(401, 403, 404, 422, 503)


class Direction(StrEnum):
    upstream = "upstream"
    downstream = "downstream"


def _id_filter(description: str) -> Any:
    return Query(pattern=ID_PATTERN, description=description)


RegionQ = Annotated[str | None, _id_filter("Only firms in this region (id).")]
ChainQ = Annotated[str | None, _id_filter("Only this chain (id).")]
StageQ = Annotated[
    StageName | None,
    Query(description="Only this stage: 上游/中游/下游 or upstream/midstream/downstream."),
]
DirectionQ = Annotated[
    Direction, Query(description="upstream: suppliers or inputs; downstream: customers or outputs.")
]
DepthQ = Annotated[int, Query(ge=1, le=MAX_DEPTH, description=f"Tiers to follow (1–{MAX_DEPTH}).")]


# -- enterprises ------------------------------------------------------------------------------
@router.get("/enterprises", response_model=Page[EntityProps], tags=["enterprises"], responses=BY_ID)
def enterprises(
    caller: Viewer,
    store: Store,
    region: RegionQ = None,
    chain: ChainQ = None,
    stage: StageQ = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Paged[dict[str, Any]]:
    """Firms, by id, filtered by region, chain and stage."""
    firms = listed(store, Label.ENTERPRISE, region=region, chain=chain, stage=stage)
    return page(for_caller(caller, firms), limit, offset)


@router.get(
    "/enterprises/{id}", response_model=EnterpriseProfile, tags=["enterprises"], responses=BY_ID
)
def enterprise(
    caller: Viewer,
    store: StoreOnDay,
    id: PathId,
    limit: HubLimit = HUB_LIMIT,
    offset: Offset = 0,
) -> EnterpriseProfile:
    """A firm's profile: region, chain, what it makes and needs (with local producers), its
    suppliers, customers and partners, needs without local supply, and its subgraph.

    A hub's suppliers and customers come one page at a time (``limit`` from ``offset``;
    ``totals`` counts them, ``next`` is the next page's offset). Contact details only for
    analysts and above."""
    # the profile leaves out every contact the caller may not see (contacts=...): a second
    # pass over its answer (for_caller) was an eighth of a hub profile's server time
    return enterprise_profile(store, id, contacts=caller.sees_contacts, limit=limit, offset=offset)


@router.get(
    "/enterprises/{id}/suppliers",
    response_model=Page[TradeRow],
    tags=["enterprises"],
    responses=BY_ID,
)
def suppliers(
    store: StoreOnDay, id: PathId, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> Paged[dict[str, Any]]:
    """Current suppliers: one item per (supplier, product), by product id then supplier id."""
    return trade_page(store, id, "in", limit, offset)


@router.get(
    "/enterprises/{id}/customers",
    response_model=Page[TradeRow],
    tags=["enterprises"],
    responses=BY_ID,
)
def customers(
    store: StoreOnDay, id: PathId, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> Paged[dict[str, Any]]:
    """Current customers: one item per (customer, product), by product id then customer id."""
    return trade_page(store, id, "out", limit, offset)


@router.get("/enterprises/{id}/tiers", response_model=Tiers, tags=["enterprises"], responses=BY_ID)
def enterprise_tiers(
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    id: PathId,
    direction: DirectionQ = Direction.upstream,
    depth: DepthQ = 3,
    limit: HubLimit = HUB_LIMIT,
    offset: Offset = 0,
) -> Tiers:
    """Tier 1..depth of suppliers (upstream) or customers (downstream) of a firm, one page of
    ``total`` nodes at a time, by (tier, id)."""
    return for_caller(
        caller, tier_page(store, cache, Label.ENTERPRISE, id, direction, depth, limit, offset)
    )


def tier_page(
    store: GraphStore,
    cache: AnalyticsCache,
    label: Label,
    id: str,
    direction: Direction,
    depth: int,
    limit: int | None,
    offset: int,
) -> Tiers:
    """One page of a node's tiers; the walk and the page are kept per version of the graph
    (AnalyticsCache.page, graph.queries.paths.tier_walk)."""
    return cache.page(
        store,
        "tiers",
        (label.value, id, direction.value, depth),
        lambda: tier_walk(store, label, id, direction=direction.value, depth=depth),
        lambda steps: tiers(
            store,
            label,
            id,
            direction=direction.value,
            depth=depth,
            limit=limit,
            offset=offset,
            steps=steps,
        ),
        (limit, offset),
    )


# -- products ---------------------------------------------------------------------------------
@router.get("/products", response_model=Page[EntityProps], tags=["products"], responses=BY_ID)
def products(
    store: Store,
    chain: ChainQ = None,
    stage: StageQ = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Paged[dict[str, Any]]:
    """Products and materials, by id, filtered by chain and stage."""
    items = listed(store, Label.PRODUCT, region=None, chain=chain, stage=stage)
    return page(items, limit, offset)


@router.get("/products/{id}", response_model=ProductProfile, tags=["products"], responses=BY_ID)
def product(
    caller: Viewer,
    store: StoreOnDay,
    id: PathId,
    limit: HubLimit = HUB_LIMIT,
    offset: Offset = 0,
) -> ProductProfile:
    """A product's profile: chain, producers, consumers (one page of each: ``totals`` counts
    them, ``next`` is the next page's offset), inputs, outputs, and its subgraph."""
    return for_caller(caller, product_profile(store, id, limit=limit, offset=offset))


@router.get("/products/{id}/tiers", response_model=Tiers, tags=["products"], responses=BY_ID)
def product_tiers(
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    id: PathId,
    direction: DirectionQ = Direction.upstream,
    depth: DepthQ = 3,
    limit: HubLimit = HUB_LIMIT,
    offset: Offset = 0,
) -> Tiers:
    """Tier 1..depth of a product's inputs (upstream) or outputs (downstream), one page of
    ``total`` nodes at a time, by (tier, id)."""
    return for_caller(
        caller, tier_page(store, cache, Label.PRODUCT, id, direction, depth, limit, offset)
    )
