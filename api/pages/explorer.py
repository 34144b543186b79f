"""The pages a reader explores from: the map, matchmaking and paths (``/`` opens the map).

Match and paths are forms: with nothing picked they show the form alone; with their choices
they show the answer drawn as on its ``/view/...`` page, with links to that view and to its
standalone file.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Literal, TypedDict
from urllib.parse import urlencode

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from chainatlas.api.auth import Principal, Viewer, for_caller
from chainatlas.api.deps import Analytics
from chainatlas.api.pages.params import (
    ExpandQ,
    FormId,
    OptId,
    StoreOnFormDay,
    asked_day,
    check_expand,
)
from chainatlas.api.pages.responses import Bilingual, page_response, product_names, root_path
from chainatlas.api.pages.signin import page_router
from chainatlas.api.routers.paths import KQ, StepsQ
from chainatlas.graph.errors import InvalidOption, NoPath, UnknownEntity
from chainatlas.graph.model import Label
from chainatlas.graph.queries.chains import chains_of
from chainatlas.graph.queries.map_fold import kept_map
from chainatlas.graph.queries.matching import Exclude, match_buyers, match_suppliers
from chainatlas.graph.queries.paths import product_routes, supply_paths
from chainatlas.graph.queries.profiles import enterprise_profile
from chainatlas.graph.store import MAX_HOPS, ROUTE_MAX_HOPS, GraphStore
from chainatlas.viz import ViewData, build_view
from chainatlas.viz.answers import Section, present
from chainatlas.viz.style import STAGES

#: the files an answer under a form offers: the view alone, and its table
FILES = ("standalone", "csv", "xlsx")
#: ``/`` itself: open to anyone, it only redirects
entry = APIRouter(include_in_schema=False)
router = page_router()


class Choice(TypedDict):
    """An enterprise or product the reader picked, or may pick, by id and name."""

    id: str
    name: str


class Result(TypedDict):
    """An answer as the match and paths pages show it under their form."""

    view: ViewData | None
    panel: list[Section]
    error: Bilingual | None
    links: dict[str, str]


def _nothing_yet() -> Result:
    return {"view": None, "panel": [], "error": None, "links": {}}


@entry.get("/")
def home(request: Request) -> RedirectResponse:
    return RedirectResponse(f"{root_path(request)}/map", status_code=307)


@router.get("/map")
def map_page(
    request: Request,
    caller: Viewer,
    store: StoreOnFormDay,
    cache: Analytics,
    chain: OptId = None,
    expand: ExpandQ = None,
) -> Response:
    groups = check_expand(expand)
    chains = chains_of(store)
    # the panorama folded where it is read, once per version of the graph and groups opened
    # (graph.queries.map_fold: a province's map never holds every firm and edge)
    folded = kept_map(cache, store, chain or None, groups)
    graph = for_caller(caller, folded["graph"])
    if chain:
        picked = next((c for c in chains if c["id"] == chain), {"id": chain, "name": chain})
        title = (
            f"产业链全景图 · {picked.get('name')}",
            f"Chain panorama · {picked.get('name_en') or chain}",
        )
    else:
        title = ("产业链全景图", "Industry-chain panorama")
    view = build_view(
        graph,
        layout="stages",
        expand=groups,
        hide_rels=["IN_CHAIN", "PRODUCES"],
        product_names=product_names(request),
        fold=folded,
    )
    return page_response(
        request,
        "map",
        title,
        view,
        chains=chains,
        chain=chain or "",
        stages=list(STAGES),
        drawn=folded["drawn"],
        as_of=asked_day(request),
    )


class MatchSide(StrEnum):
    suppliers = "suppliers"
    buyers = "buyers"


@router.get("/match")
def match_page(
    request: Request,
    caller: Viewer,
    store: StoreOnFormDay,
    enterprise: OptId = None,
    side: MatchSide = MatchSide.suppliers,
    product: FormId = None,
    region: FormId = None,
    exclude: Exclude | Literal[""] = "",
    exclude_current: bool = False,  # the deprecated spelling of exclude=same_product
) -> Response:
    whom: Exclude | Literal[""] = exclude or ("same_product" if exclude_current else "")
    firm: Choice | None = None
    products: list[Choice] = []
    result = _nothing_yet()
    if enterprise:
        profile = enterprise_profile(store, enterprise, limit=1)  # its own products only
        found = profile["enterprise"]
        firm = {"id": found["id"], "name": found.get("name", found["id"])}
        own = profile["needs"] if side is MatchSide.suppliers else profile["produces"]
        products = [{"id": p["product_id"], "name": p.get("name") or p["product_id"]} for p in own]
        if product and product not in {p["id"] for p in products}:
            product = ""
        result = _matches(request, caller, store, enterprise, side, product, region, whom)
    return page_response(
        request,
        "match",
        ("供需匹配", "Supplier and buyer matchmaking"),
        result["view"],
        firm=firm,
        side=side.value,
        product=product or "",
        region=region or "",
        exclude=whom,
        products=products,
        regions=store.nodes(Label.REGION),
        panel=result["panel"],
        error=result["error"],
        links=result["links"],
        as_of=asked_day(request),
    )


def _matches(
    request: Request,
    caller: Principal,
    store: GraphStore,
    enterprise: str,
    side: MatchSide,
    product: str | None,
    region: str | None,
    exclude: Exclude | Literal[""],
) -> Result:
    run = match_suppliers if side is MatchSide.suppliers else match_buyers
    answer = for_caller(
        caller,
        run(
            store,
            enterprise,
            product_id=product or None,
            region=region or None,
            exclude=exclude or None,
        ),
    )
    names = product_names(request)
    shown = present("match", answer, names)
    params = {
        "enterprise": enterprise,
        **({"product": product} if product else {}),
        **({"region": region} if region else {}),
        **({"exclude": exclude} if exclude else {}),
        **_day(request),
    }
    base = f"{root_path(request)}/view/match/{side.value}?{urlencode(params)}"
    return {
        "view": build_view(answer["graph"], product_names=names, **shown.build),
        "panel": shown.panel,
        "error": None if answer["candidates"] else ("没有找到候选企业。", "No candidates found."),
        "links": {"view": base} | {f: f"{base}&format={f}" for f in FILES},
    }


class PathMode(StrEnum):
    supply = "supply"
    route = "route"


@router.get("/paths")
def paths_page(
    request: Request,
    caller: Viewer,
    store: StoreOnFormDay,
    mode: PathMode = PathMode.supply,
    source: FormId = None,
    target: FormId = None,
    k: KQ = 3,
    max_hops: StepsQ | None = None,
) -> Response:
    label = Label.ENTERPRISE if mode is PathMode.supply else Label.PRODUCT
    if max_hops is None:  # each mode walks as far as its own bound
        max_hops = MAX_HOPS if mode is PathMode.supply else ROUTE_MAX_HOPS
    ends: dict[str, Choice | None] = {"source": None, "target": None}
    result = _nothing_yet()
    try:
        for end, value in (("source", source), ("target", target)):
            if value:
                props = store.node(label, value)
                ends[end] = {"id": value, "name": props.get("name", value)}
        if source and target:
            result = _paths(request, caller, store, mode, source, target, k, max_hops)
    except NoPath as e:
        result["error"] = _no_path_message(e, max_hops)
    except InvalidOption as e:
        result["error"] = (f"参数无效：{e}", f"Invalid option: {e}")
    except UnknownEntity as e:
        result["error"] = (f"未知编号：{e.id}", f"Unknown id: {e.id}")
    return page_response(
        request,
        "paths",
        ("路径", "Paths"),
        result["view"],
        mode=mode.value,
        k=k,
        max_hops=max_hops,
        hops_cap=MAX_HOPS if mode is PathMode.supply else ROUTE_MAX_HOPS,
        panel=result["panel"],
        error=result["error"],
        links=result["links"],
        as_of=asked_day(request),
        **ends,
    )


def _day(request: Request) -> dict[str, str]:
    """The day asked for, as a view link carries it (none: the view's default, today)."""
    day = asked_day(request)
    return {"as_of": day} if day else {}


def _no_path_message(e: NoPath, max_hops: int) -> Bilingual:
    if e.shortest is None:
        return (f"在 {max_hops} 跳以内没有找到路径。", f"No path within {max_hops} hops.")
    return (
        f"在 {max_hops} 步以内没有找到路线；最短的路线需要 {e.shortest} 步。",
        f"No route within {max_hops} steps; the shortest takes {e.shortest} steps.",
    )


def _paths(
    request: Request,
    caller: Principal,
    store: GraphStore,
    mode: PathMode,
    source: str,
    target: str,
    k: int,
    max_hops: int,
) -> Result:
    run = supply_paths if mode is PathMode.supply else product_routes
    answer = for_caller(caller, run(store, source, target, k=k, max_hops=max_hops))
    names = product_names(request)
    shown = present("supply_paths" if mode is PathMode.supply else "routes", answer, names)
    base = f"{root_path(request)}/view/paths/{mode.value}?" + urlencode(
        {"source": source, "target": target, "k": k, "max_hops": max_hops, **_day(request)}
    )
    return {
        "view": build_view(answer["graph"], product_names=names, **shown.build),
        "panel": shown.panel,
        "error": None,
        "links": {"view": base} | {f: f"{base}&format={f}" for f in FILES},
    }
