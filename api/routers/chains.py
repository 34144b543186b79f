"""Chains by stage and region, and the gaps where local demand has no local supply."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, Depends

from chainatlas.api.auth import Viewer, for_caller, require_viewer
from chainatlas.api.deps import DEFAULT_LIMIT, Analytics, Limit, Offset, PathId, StoreOnDay
from chainatlas.api.problems import openapi_responses
from chainatlas.api.schemas import GapItem, Page, Paged, page, ranked_page
from chainatlas.graph.queries.answers import ChainPanorama, ChainSummary
from chainatlas.graph.queries.chains import chain_list, chain_panorama
from chainatlas.graph.queries.risk import MAX_LIMIT, gaps

router = APIRouter(prefix="/api", tags=["chains"], dependencies=[Depends(require_viewer)])


@router.get(
    "/chains", response_model=Page[ChainSummary], responses=openapi_responses(401, 403, 422, 503)
)
def chains(
    store: StoreOnDay, cache: Analytics, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> Paged[ChainSummary]:
    """Every chain with its figures (firms and products per stage, regions, links, local
    supply coverage), by id."""
    return page(cache.get(store, "chains", (), lambda: chain_list(store)), limit, offset)


@router.get(
    "/chains/{id}",
    response_model=ChainPanorama,
    responses=openapi_responses(401, 403, 404, 422, 503),
)
def chain(caller: Viewer, store: StoreOnDay, id: PathId) -> ChainPanorama:
    """A chain's panorama: firms and products by stage (上游→中游→下游) and region, links
    between stages, local-supply coverage, and its subgraph."""
    return for_caller(caller, chain_panorama(store, id))


@router.get("/gaps", response_model=Page[GapItem], responses=openapi_responses(401, 403, 422, 503))
def gap_list(
    store: StoreOnDay, cache: Analytics, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Products firms need that no firm in the map makes (补链 targets): most firms first,
    then most demand, then id. Each item's ``id`` is its ``product_id``."""
    answer = cache.get(store, "gaps", (), lambda: gaps(store, limit=MAX_LIMIT))
    return ranked_page(answer["gaps"], answer["total"], limit, offset)
