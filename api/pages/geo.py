"""The page ``/geo``: the map on the ground (district outlines, firm points, supply flows).

The page carries only the form (chain, stage, product, the measure that shades districts);
its script draws ``/api/geo`` on a canvas of its own (no third-party library), so no request
leaves the host; an operator may set ``CHAINATLAS_TILE_URL`` to an internal tile server, which
the page's CSP then admits for images. ``?format=csv|xlsx`` answers the form's choices as a
table (a row per district, firm and flow; ``graph.tables``).
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import Query, Request
from fastapi.responses import Response

from chainatlas.api.auth import Viewer, for_caller
from chainatlas.api.deps import AppSettings
from chainatlas.api.pages import tables
from chainatlas.api.pages.params import FormId, StoreOnFormDay, asked_day
from chainatlas.api.pages.responses import PAGE_CSP, page_response, same_url
from chainatlas.api.pages.signin import page_router
from chainatlas.graph import outlines
from chainatlas.graph.model import Label, StageName
from chainatlas.graph.queries.chains import chains_of
from chainatlas.graph.queries.geo import geo_collection
from chainatlas.viz.style import STAGES

router = page_router()

#: a stage as the form sends it (Chinese or English), or nothing picked
FormStage = Annotated[
    str | None, Query(pattern="^(" + "|".join(["", *(s.value for s in StageName)]) + ")$")
]


class GeoFile(StrEnum):
    csv = "csv"
    xlsx = "xlsx"


#: what shades a district: (value, 中文, English)
MEASURES = (
    ("enterprises", "企业数", "firms"),
    ("local_supply_share", "本地配套率", "local-supply coverage"),
    ("gaps", "缺链产品", "open gaps"),
)


@router.get("/geo")
def geo_page(
    request: Request,
    caller: Viewer,
    store: StoreOnFormDay,
    settings: AppSettings,
    chain: FormId = None,
    stage: FormStage = None,
    product: FormId = None,
    fmt: Annotated[GeoFile | None, Query(alias="format", description="csv or xlsx.")] = None,
) -> Response:
    if fmt is not None:  # the form's choices as a table: districts, firms and flows
        picked = StageName(stage).stage.value if stage else None
        answer = geo_collection(
            store, chain=chain or None, stage=picked, product=product or None, flows=True
        )
        tab = tables.table("geo", for_caller(caller, answer))
        return tables.download("地理分布-geo", fmt.value, {"地理分布 geo": tab})
    products = sorted(
        ({"id": p["id"], "name": p.get("name") or p["id"]} for p in store.nodes(Label.PRODUCT)),
        key=lambda p: p["id"],
    )
    response = page_response(
        request,
        "geo",
        ("地理分布图", "Map on the ground"),
        None,
        chains=chains_of(store),
        products=products,
        stages=list(STAGES),
        measures=MEASURES,
        chain=chain or "",
        stage=StageName(stage).stage.value if stage else "",
        product=product or "",
        as_of=asked_day(request),
        attribution=outlines.attribution(),
        tile_url=settings.tile_url or "",
        exports={f.value: same_url(request, format=f.value) for f in GeoFile},
    )
    if settings.tile_origin:  # the operator's tile server, and nothing else, may serve images
        images = "img-src 'self' data: blob:"
        response.headers["Content-Security-Policy"] = PAGE_CSP.replace(
            images, f"{images} {settings.tile_origin}"
        )
    return response
