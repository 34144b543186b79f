"""The map on the ground as GeoJSON: district outlines, firm points and supply flows."""

from __future__ import annotations

import json
from typing import Annotated

from fastapi import APIRouter, Depends, Query
from fastapi.responses import JSONResponse, Response

from chainatlas.api.auth import require_viewer
from chainatlas.api.deps import ID_PATTERN, Analytics, StoreOnDay
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.graph.model import StageName
from chainatlas.graph.queries.geo import (
    FLOW_LIMIT,
    MAX_FLOW_LIMIT,
    GeoCollection,
    geo_collection,
)

router = APIRouter(prefix="/api", tags=["geo"], dependencies=[Depends(require_viewer)])

GEOJSON = "application/geo+json"


class GeoJSONResponse(JSONResponse):
    media_type = GEOJSON


def _id(description: str) -> object:
    return Query(pattern=ID_PATTERN, description=description)


@router.get(
    "/geo",
    response_model=GeoCollection,
    response_class=GeoJSONResponse,
    responses=openapi_responses(401, 403, 404, 422, 503),
)
def geo(
    store: StoreOnDay,
    cache: Analytics,
    chain: Annotated[str | None, _id("Only firms of this chain (id).")] = None,
    stage: Annotated[
        StageName | None,
        Query(
            description="Only firms of this stage: 上游/中游/下游 or upstream/midstream/downstream."
        ),
    ] = None,
    region: Annotated[str | None, _id("Only firms of this region (id).")] = None,
    product: Annotated[
        str | None, _id("Only firms that make, need, sell or buy this product (id).")
    ] = None,
    flows: Annotated[bool, Query(description="Add a LineString per supply relation.")] = False,
    flow_limit: Annotated[
        int,
        Query(
            ge=1,
            le=MAX_FLOW_LIMIT,
            description="The most flows drawn: the largest by volume (in base units).",
        ),
    ] = FLOW_LIMIT,
) -> Response:
    """One RFC 7946 FeatureCollection (WGS-84): an outline per district with its counts and
    local-supply coverage, a point per firm (``approximate`` when placed at its park or
    district), and with ``flows=1`` a line per supply relation between drawn firms (the
    ``flow_limit`` largest; ``properties.counts.supplies_total`` says how many there are)."""
    staged = stage.stage.value if stage else None

    def encoded() -> bytes:
        # the map of a province is tens of megabytes: encoded once per version of the graph
        # (and filters), sent as it is (the model documents it; tests check answers against it)
        answer = geo_collection(
            store,
            chain=chain,
            stage=staged,
            region=region,
            product=product,
            flows=flows,
            flow_limit=flow_limit,
        )
        return json.dumps(answer, ensure_ascii=False, separators=(",", ":")).encode()

    key = (chain, staged, region, product, flows, flow_limit)
    return Response(cache.get(store, "geo", key, encoded), media_type=GEOJSON)
