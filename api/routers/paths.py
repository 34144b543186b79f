"""Path questions: how goods reach one firm from another; how material A becomes product B."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query

from chainatlas.api.auth import require_viewer
from chainatlas.api.deps import ID_PATTERN, LOCAL_READ, StoreOnDay
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.graph.queries.answers import ProductRoutes, SupplyPaths
from chainatlas.graph.queries.answers_network import WeightedPaths
from chainatlas.graph.queries.flows import weighted_paths
from chainatlas.graph.queries.paths import MAX_K, product_routes, supply_paths
from chainatlas.graph.store import MAX_HOPS, ROUTE_MAX_HOPS

router = APIRouter(prefix="/api/paths", tags=["paths"], dependencies=[Depends(require_viewer)])

RESPONSES = openapi_responses(401, 403, 404, 422, 503)

KQ = Annotated[int, Query(ge=1, le=MAX_K, description=f"Paths at most (1–{MAX_K}).")]
HopsQ = Annotated[int, Query(ge=1, le=MAX_HOPS, description=f"Hops at most (1–{MAX_HOPS}).")]
StepsQ = Annotated[
    int,
    Query(ge=1, le=ROUTE_MAX_HOPS, description=f"Steps at most (1–{ROUTE_MAX_HOPS})."),
]


@router.get("/supply", response_model=SupplyPaths, responses=RESPONSES, dependencies=[LOCAL_READ])
def supply(
    store: StoreOnDay,
    source: Annotated[str, Query(pattern=ID_PATTERN, description="Supplying firm (id).")],
    target: Annotated[str, Query(pattern=ID_PATTERN, description="Receiving firm (id).")],
    k: KQ = 5,
    max_hops: HopsQ = 4,
) -> SupplyPaths:
    """Up to ``k`` simple supply paths from ``source`` to ``target``, shortest first, each hop
    with its product. 404 ``no-path`` when none is within ``max_hops``. The search has a
    budget (docs/queries.md): ``complete`` is false when it cut the search."""
    return supply_paths(store, source, target, k=k, max_hops=max_hops)


@router.get("/route", response_model=ProductRoutes, responses=RESPONSES, dependencies=[LOCAL_READ])
def route(
    store: StoreOnDay,
    source: Annotated[str, Query(pattern=ID_PATTERN, description="Material (product id).")],
    target: Annotated[str, Query(pattern=ID_PATTERN, description="Product (id).")],
    k: KQ = 5,
    max_hops: StepsQ = ROUTE_MAX_HOPS,
) -> ProductRoutes:
    """Up to ``k`` process routes from material ``source`` to product ``target``, shortest
    first. 404 ``no-path`` when none is within ``max_hops``; its ``shortest`` member gives the
    steps of the shortest route when one exists beyond the bound. ``complete`` as for
    supply paths."""
    return product_routes(store, source, target, k=k, max_hops=max_hops)


@router.get("/weighted", response_model=WeightedPaths, responses=RESPONSES)
def weighted(
    store: StoreOnDay,
    source: Annotated[str, Query(pattern=ID_PATTERN, description="Supplying firm (id).")],
    target: Annotated[str, Query(pattern=ID_PATTERN, description="Receiving firm (id).")],
    k: KQ = 5,
    max_hops: HopsQ = 4,
) -> WeightedPaths:
    """Up to ``k`` supply paths from ``source`` to ``target`` weighted by volume, heaviest
    first: each hop weighs its share of what the buyer receives of that product, a path the
    product of its hops' shares. 404 ``no-path`` when none is within ``max_hops``."""
    return weighted_paths(store, source, target, k=k, max_hops=max_hops)
