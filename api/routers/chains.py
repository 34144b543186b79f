"""Chains by stage and region, and the gaps where local demand has no local supply."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query

from chainatlas.api.auth import Viewer, for_caller, require_viewer
from chainatlas.api.deps import DEFAULT_LIMIT, Analytics, Limit, Offset, PathId, StoreOnDay
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.schemas import GapItem, Page, Paged, page, ranked_page
from chainatlas.graph.queries.ahead import kept_chain, kept_chains, kept_gaps
from chainatlas.graph.queries.answers import ChainPanorama, ChainSummary
from chainatlas.graph.queries.chains import chain_firm_list
from chainatlas.graph.queries.panorama_groups import ChainFirm, pick_firms

router = APIRouter(prefix="/api", tags=["chains"], dependencies=[Depends(require_viewer)])


@router.get(
    "/chains", response_model=Page[ChainSummary], responses=openapi_responses(401, 403, 422, 503)
)
def chains(
    store: StoreOnDay, cache: Analytics, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> Paged[ChainSummary]:
    """Every chain with its figures (firms and products per stage, regions, links, local
    supply coverage), by id."""
    return page(kept_chains(cache, store), limit, offset)


@router.get(
    "/chains/{id}",
    response_model=ChainPanorama,
    responses=openapi_responses(401, 403, 404, 422, 503),
)
def chain(caller: Viewer, store: StoreOnDay, cache: Analytics, id: PathId) -> ChainPanorama:
    """A chain's panorama: firms and products by stage (上游→中游→下游) and region, links
    between stages, local-supply coverage, and its subgraph. A chain of more than 2,000 firms
    and products answers groups (``aggregated``: the busiest firms per stage, a graph of
    stage × district groups); ``/api/chains/{id}/firms`` pages every firm."""
    return for_caller(caller, kept_chain(cache, store, id))


@router.get(
    "/chains/{id}/firms",
    response_model=Page[ChainFirm],
    responses=openapi_responses(401, 403, 404, 422, 503),
)
def chain_firms(
    store: StoreOnDay,
    cache: Analytics,
    id: PathId,
    stage: Annotated[
        str | None, Query(max_length=20, description="Only this stage (上游…).")
    ] = None,
    region: Annotated[
        str | None, Query(max_length=80, description="Only firms of this region id.")
    ] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Paged[ChainFirm]:
    """Every firm of a chain, the firm-level detail of a grouped panorama: most supply edges
    inside the chain first (``links``), then id; optionally one stage and one region."""
    firms = cache.get(store, "chain_firms", (id,), lambda: chain_firm_list(store, id))
    return page(pick_firms(firms, stage, region), limit, offset)


@router.get("/gaps", response_model=Page[GapItem], responses=openapi_responses(401, 403, 422, 503))
def gap_list(
    store: StoreOnDay, cache: Analytics, limit: Limit = DEFAULT_LIMIT, offset: Offset = 0
) -> dict[str, Any]:
    """Products firms need that no firm in the map makes (补链 targets): most firms first,
    then most demand, then id. Each item's ``id`` is its ``product_id``; ``needed_by`` names
    the first 50 firms by id and ``firms`` counts them all (the product's profile pages
    through its consumers)."""
    answer = kept_gaps(cache, store)
    return ranked_page(answer["gaps"], answer["total"], limit, offset)
