"""HTML pages: a view for every graph-shaped answer, the map, match and paths pages, assets.

``/view/...`` mirrors ``/api/...`` route for route and parameter for parameter, calls the same
query function (``graph.queries``), and draws the answer's ``graph`` with :mod:`viz`. Every view
also answers ``?format=json`` (the answer and the styled, laid-out view, for the pages' own
scripts) and ``?format=standalone`` (one self-contained HTML file to download). Errors are the
API's problem details: an unknown id is a 404, an invalid parameter a 422.

Pages carry a strict Content-Security-Policy: scripts and styles from this host only (there is
no inline script to allow), no ``eval``, no other host for anything.

With anonymous reading off, a browser navigating to a page without credentials is sent to
``/login?next=…`` (303) rather than shown a 401 problem; ``/api/...`` and the pages' own
``fetch`` calls keep answering problem details. The header names the role of a browser signed
in by session cookie and offers to sign out.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Coroutine, Mapping
from enum import StrEnum
from inspect import Parameter, Signature, signature
from typing import Annotated, Any, get_type_hints
from urllib.parse import quote, urlencode

from fastapi import APIRouter, Depends, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response
from fastapi.routing import APIRoute
from pydantic import BaseModel, ConfigDict, Field

from chainatlas.api.auth import (
    SESSION_COOKIE,
    Principal,
    Viewer,
    for_caller,
    require_viewer,
    safe_next,
)
from chainatlas.api.deps import DEFAULT_LIMIT, ID_PATTERN, Limit, Offset, Store
from chainatlas.api.problems import Problem
from chainatlas.api.routers import chains, entities, match, paths, risk
from chainatlas.api.routers.paths import KQ, HopsQ
from chainatlas.graph.errors import NoPath, UnknownEntity
from chainatlas.graph.model import Label
from chainatlas.graph.queries.chains import chain_panorama, chains_of, full_map
from chainatlas.graph.queries.matching import match_buyers, match_suppliers
from chainatlas.graph.queries.paths import product_routes, supply_paths
from chainatlas.graph.queries.profiles import enterprise_profile
from chainatlas.graph.queries.risk import MAX_LIMIT as RANKING_MAX
from chainatlas.graph.queries.risk import gaps, single_source
from chainatlas.graph.store import GraphStore
from chainatlas.viz import ASSETS, asset_bytes, build_view, render_page, render_standalone
from chainatlas.viz.answers import present
from chainatlas.viz.style import STAGES

#: the Content-Security-Policy of every page; no inline script exists to need a nonce
PAGE_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
#: expand at most this many folded groups at once
MAX_EXPAND = 24
#: an export may carry at most this many nodes and edges
MAX_EXPORT_NODES, MAX_EXPORT_EDGES = 20_000, 100_000


def _navigation(request: Request) -> bool:
    """A person's browser opening a page: GET or HEAD, HTML wanted, no key in a header."""
    return (
        request.method in ("GET", "HEAD")
        and "text/html" in request.headers.get("accept", "")
        and "x-api-key" not in request.headers
        and "authorization" not in request.headers
    )


class PageRoute(APIRoute):
    """A page route: an unauthenticated browser navigation goes to the sign-in page (303)
    instead of getting the 401 problem that scripts and API clients get."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handle(request)
            except Problem as problem:
                if problem.kind.slug != "unauthorized" or not _navigation(request):
                    raise
                return _to_login(request)

        return route


def _to_login(request: Request) -> Response:
    root = _root(request)
    path = request.url.path
    if root and path.startswith(root + "/"):
        path = path[len(root) :]
    query = request.url.query
    target = safe_next(f"{path}?{query}" if query else path)
    response = RedirectResponse(
        f"{root}/login?{urlencode({'next': target})}",
        status_code=303,
        headers={"Cache-Control": "no-store"},
    )
    if SESSION_COOKIE in request.cookies:  # expired or unknown: let it go
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


router = APIRouter(include_in_schema=False)
pages = APIRouter(
    include_in_schema=False, dependencies=[Depends(require_viewer)], route_class=PageRoute
)


class ViewFormat(StrEnum):
    html = "html"
    json = "json"
    standalone = "standalone"


FormatQ = Annotated[ViewFormat, Query(alias="format", description="html, json or standalone.")]
EXPAND_RE = re.compile(r"(?:Group:)?((?:Enterprise|Product):[A-Za-z0-9_.-]{1,64})")
ExpandQ = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_EXPAND,
        description="Folded groups to open, e.g. Group:Enterprise:shangyu (repeatable).",
    ),
]
OptId = Annotated[str | None, Query(pattern=ID_PATTERN)]


# -- responses -------------------------------------------------------------------------------
def html_response(content: str, *, download: str | None = None) -> HTMLResponse:
    headers = dict(SECURITY_HEADERS)
    if download:
        headers["Content-Disposition"] = (
            f"attachment; filename=\"chainatlas.html\"; filename*=UTF-8''{quote(download)}"
        )
    return HTMLResponse(content, headers=headers)


def _respond(
    request: Request,
    fmt: ViewFormat,
    kind: str,
    answer: dict[str, Any],
    expand: list[str] | None,
    *,
    limit: int | None = None,
) -> Response:
    expand = _check_expand(expand)
    names = product_names(request)
    shown = present(kind, answer, names)
    options = dict(shown.build)
    if limit:
        options["limit"] = limit
    view = build_view(
        answer.get("graph") or {"nodes": [], "edges": []},
        expand=expand,
        product_names=names,
        **options,
    )
    if fmt is ViewFormat.json:
        return JSONResponse(
            {"answer": answer, "view": view.to_json()},
            headers={"X-Content-Type-Options": "nosniff"},
        )
    if fmt is ViewFormat.standalone:
        html = render_standalone(
            view, title=shown.title, subtitle=shown.subtitle, panel=shown.panel
        )
        return html_response(html, download=f"{shown.title[0]}-{shown.subtitle[0] or 'view'}.html")
    links = {
        "standalone": _same(request, format="standalone"),
        "json": _same(request, format="json"),
    }
    return html_response(
        render_page(
            "view",
            title=shown.title,
            view=view,
            root=_root(request),
            subtitle=shown.subtitle,
            panel=list(shown.panel),
            links=links,
            **signed_in(request),
        )
    )


def signed_in(request: Request) -> dict[str, Any]:
    """What the page header says about the caller: the role of a session cookie (with a
    sign-out button), or a sign-in link for an anonymous reader when keys exist."""
    caller: Principal | None = getattr(request.state, "caller", None)
    if caller is not None and caller.session:
        return {"account": {"role": caller.role}, "sign_in": False}
    keys = bool(request.app.state.settings.api_keys)
    return {"account": None, "sign_in": keys and (caller is None or caller.anonymous)}


def product_names(request: Request) -> dict[str, str]:
    """Every product's name by id, to label what answers name by id (SUPPLIES edges, lists)."""
    store: GraphStore = request.app.state.store_holder.check()
    return {p["id"]: p.get("name") or p["id"] for p in store.nodes(Label.PRODUCT)}


def _check_expand(expand: list[str] | None) -> list[str]:
    """Group keys only (FastAPI checks ``pattern`` on single values, not on list items)."""
    expand = expand or []
    found = [EXPAND_RE.fullmatch(g) for g in expand]
    bad = [g for g, m in zip(expand, found, strict=True) if m is None]
    if bad:
        raise Problem(
            "validation",
            "Invalid value in expand.",
            errors=[
                {
                    "in": "query",
                    "name": "expand",
                    "message": "a group such as Enterprise:shangyu",
                    "type": "string_pattern_mismatch",
                }
            ],
        )
    return [f"Group:{m.group(1)}" for m in found if m is not None]


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _same(request: Request, **change: str) -> str:
    """This request's URL (path and query) with some parameters replaced."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in change]
    params += list(change.items())
    return f"{_root(request)}{request.url.path}?{urlencode(params)}"


# -- assets ----------------------------------------------------------------------------------
@router.get("/view/assets/{name}")
def asset(name: str) -> Response:
    """vis-network (from pyvis) and the pages' own scripts and styles; versioned URLs."""
    if name not in ASSETS:
        raise Problem("not-found", "No such asset.")
    return Response(
        asset_bytes(name),
        media_type=ASSETS[name],
        headers={
            "Cache-Control": "public, max-age=31536000, immutable",
            "X-Content-Type-Options": "nosniff",
            "Cross-Origin-Resource-Policy": "same-origin",
        },
    )


@router.get("/favicon.ico")
def favicon() -> Response:
    """Browsers ask for it on every page; the same icon as the pages name."""
    return Response(
        asset_bytes("favicon.svg"),
        media_type="image/svg+xml",
        headers={"Cache-Control": "public, max-age=86400", "X-Content-Type-Options": "nosniff"},
    )


# -- views: one per graph-shaped answer ------------------------------------------------------
def mirror(endpoint: Callable[..., dict[str, Any]], kind: str) -> Callable[..., Response]:
    """A view of the API route ``endpoint``: its very parameters (names, types, defaults,
    validation), its call (the same query, the same redaction), then drawn; plus ``format``
    and ``expand``."""
    hints = get_type_hints(endpoint, include_extras=True)
    own = [
        p.replace(annotation=hints.get(p.name, p.annotation), kind=Parameter.KEYWORD_ONLY)
        for p in signature(endpoint).parameters.values()
    ]
    extra = [
        Parameter("view_request", Parameter.KEYWORD_ONLY, annotation=Request),
        Parameter("fmt", Parameter.KEYWORD_ONLY, default=ViewFormat.html, annotation=FormatQ),
        Parameter("expand", Parameter.KEYWORD_ONLY, default=None, annotation=ExpandQ),
    ]

    def view(**kwargs: Any) -> Response:
        request, fmt, expand = kwargs.pop("view_request"), kwargs.pop("fmt"), kwargs.pop("expand")
        return _respond(request, fmt, kind, endpoint(**kwargs), expand)

    view.__signature__ = Signature(own + extra, return_annotation=Response)  # type: ignore[attr-defined]
    view.__name__ = f"{endpoint.__name__}_view"
    view.__doc__ = endpoint.__doc__
    return view


for _path, _endpoint, _kind in (
    ("/view/enterprises/{id}", entities.enterprise, "enterprise"),
    ("/view/enterprises/{id}/tiers", entities.enterprise_tiers, "tiers"),
    ("/view/products/{id}", entities.product, "product"),
    ("/view/products/{id}/tiers", entities.product_tiers, "tiers"),
    ("/view/match/suppliers", match.match_suppliers, "match"),
    ("/view/match/buyers", match.match_buyers, "match"),
    ("/view/paths/supply", paths.supply, "supply_paths"),
    ("/view/paths/route", paths.route, "routes"),
    ("/view/chains/{id}", chains.chain, "chain"),
    ("/view/risk/impact", risk.disruption, "impact"),
):
    pages.get(_path)(mirror(_endpoint, _kind))


def _ranking(answer: dict[str, Any], member: str, limit: int, offset: int) -> dict[str, Any]:
    """A page of a ranking (gaps, single-source products) with the part of the graph it
    touches: its products and the firms linked to them."""
    items = answer[member][offset : offset + limit]
    keep = {f"Product:{i['product_id']}" for i in items}
    edges = [e for e in answer["graph"]["edges"] if e["target"] in keep or e["source"] in keep]
    keep |= {e["source"] for e in edges} | {e["target"] for e in edges}
    graph = {"nodes": [n for n in answer["graph"]["nodes"] if n["key"] in keep], "edges": edges}
    return {**answer, member: items, "graph": graph, "limit": limit, "offset": offset}


@pages.get("/view/gaps")
def gaps_view(
    request: Request,
    caller: Viewer,
    store: Store,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    fmt: FormatQ = ViewFormat.html,
    expand: ExpandQ = None,
) -> Response:
    """Products firms need that no firm in the map makes (补链 targets), as /api/gaps ranks
    them, with the firms that need them."""
    answer = gaps(store, limit=min(offset + limit, RANKING_MAX))
    return _respond(
        request, fmt, "gaps", for_caller(caller, _ranking(answer, "gaps", limit, offset)), expand
    )


@pages.get("/view/risk/single-source")
def single_source_view(
    request: Request,
    caller: Viewer,
    store: Store,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    fmt: FormatQ = ViewFormat.html,
    expand: ExpandQ = None,
) -> Response:
    """Products with one producer that others need, as /api/risk/single-source ranks them."""
    answer = single_source(store, limit=min(offset + limit, RANKING_MAX))
    shown = _ranking(answer, "products", limit, offset)
    return _respond(request, fmt, "single_source", for_caller(caller, shown), expand)


# -- pages -----------------------------------------------------------------------------------
@router.get("/")
def home(request: Request) -> RedirectResponse:
    return RedirectResponse(f"{_root(request)}/map", status_code=307)


@pages.get("/map")
def map_page(
    request: Request, caller: Viewer, store: Store, chain: OptId = None, expand: ExpandQ = None
) -> Response:
    expand = _check_expand(expand)
    chains = chains_of(store)
    if chain:
        graph = for_caller(caller, chain_panorama(store, chain))["graph"]
        picked = next((c for c in chains if c["id"] == chain), {"id": chain, "name": chain})
        title = (
            f"产业链全景图 · {picked.get('name')}",
            f"Chain panorama · {picked.get('name_en') or chain}",
        )
    else:
        graph = for_caller(caller, full_map(store, chains))
        title = ("产业链全景图", "Industry-chain panorama")
    view = build_view(
        graph,
        layout="stages",
        expand=expand,
        hide_rels=["IN_CHAIN", "PRODUCES"],
        product_names=product_names(request),
    )
    return html_response(
        render_page(
            "map",
            title=title,
            view=view,
            root=_root(request),
            chains=chains,
            chain=chain or "",
            stages=list(STAGES),
            **signed_in(request),
        )
    )


class MatchSide(StrEnum):
    suppliers = "suppliers"
    buyers = "buyers"


@pages.get("/match")
def match_page(
    request: Request,
    caller: Viewer,
    store: Store,
    enterprise: OptId = None,
    side: MatchSide = MatchSide.suppliers,
    product: Annotated[str | None, Query(pattern=r"^$|" + ID_PATTERN)] = None,
    region: Annotated[str | None, Query(pattern=r"^$|" + ID_PATTERN)] = None,
    exclude_current: bool = False,
) -> Response:
    context: dict[str, Any] = {
        "firm": None,
        "side": side.value,
        "product": product or "",
        "region": region or "",
        "exclude_current": exclude_current,
        "products": [],
        "regions": store.nodes(Label.REGION),
        "view": None,
        "panel": [],
        "error": None,
        "links": {},
    }
    title = ("供需匹配", "Supplier and buyer matchmaking")
    if enterprise:
        profile = enterprise_profile(store, enterprise)
        firm = profile["enterprise"]
        context["firm"] = {"id": firm["id"], "name": firm.get("name", firm["id"])}
        own = profile["needs"] if side is MatchSide.suppliers else profile["produces"]
        context["products"] = [
            {"id": p["product_id"], "name": p.get("name") or p["product_id"]} for p in own
        ]
        if product and product not in {p["id"] for p in context["products"]}:
            context["product"] = product = ""
        run = match_suppliers if side is MatchSide.suppliers else match_buyers
        answer = for_caller(
            caller,
            run(
                store,
                enterprise,
                product_id=product or None,
                region=region or None,
                exclude_current=exclude_current,
            ),
        )
        names = product_names(request)
        shown = present("match", answer, names)
        context["view"] = build_view(answer["graph"], product_names=names, **shown.build)
        context["panel"] = shown.panel
        params = {
            "enterprise": enterprise,
            **({"product": product} if product else {}),
            **({"region": region} if region else {}),
            **({"exclude_current": "true"} if exclude_current else {}),
        }
        base = f"{_root(request)}/view/match/{side.value}?{urlencode(params)}"
        context["links"] = {"standalone": base + "&format=standalone", "view": base}
        if not answer["candidates"]:
            context["error"] = ("没有找到候选企业。", "No candidates found.")
    return _page(request, "match", title, context)


class PathMode(StrEnum):
    supply = "supply"
    route = "route"


@pages.get("/paths")
def paths_page(
    request: Request,
    caller: Viewer,
    store: Store,
    mode: PathMode = PathMode.supply,
    source: Annotated[str | None, Query(pattern=r"^$|" + ID_PATTERN)] = None,
    target: Annotated[str | None, Query(pattern=r"^$|" + ID_PATTERN)] = None,
    k: KQ = 3,
    max_hops: HopsQ = 6,
) -> Response:
    label = Label.ENTERPRISE if mode is PathMode.supply else Label.PRODUCT
    context: dict[str, Any] = {
        "mode": mode.value,
        "k": k,
        "max_hops": max_hops,
        "view": None,
        "panel": [],
        "error": None,
        "links": {},
        "source": None,
        "target": None,
    }
    title = ("路径", "Paths")
    try:
        for end, value in (("source", source), ("target", target)):
            if value:
                props = store.node(label, value)
                context[end] = {"id": value, "name": props.get("name", value)}
        if source and target:
            run = supply_paths if mode is PathMode.supply else product_routes
            answer = for_caller(caller, run(store, source, target, k=k, max_hops=max_hops))
            names = product_names(request)
            shown = present("supply_paths" if mode is PathMode.supply else "routes", answer, names)
            context["view"] = build_view(answer["graph"], product_names=names, **shown.build)
            context["panel"] = shown.panel
            base = f"{_root(request)}/view/paths/{mode.value}?" + urlencode(
                {"source": source, "target": target, "k": k, "max_hops": max_hops}
            )
            context["links"] = {"standalone": base + "&format=standalone", "view": base}
    except NoPath:
        context["error"] = (
            f"在 {max_hops} 跳以内没有找到路径。",
            f"No path within {max_hops} hops.",
        )
    except UnknownEntity as e:
        context["error"] = (f"未知编号：{e.id}", f"Unknown id: {e.id}")
    return _page(request, "paths", title, context)


def _page(
    request: Request, page: str, title: tuple[str, str], context: Mapping[str, Any]
) -> Response:
    ctx = dict(context)
    view = ctx.pop("view", None)
    ctx.update(signed_in(request))
    return html_response(render_page(page, title=title, view=view, root=_root(request), **ctx))


# -- export of what a reader arranged --------------------------------------------------------
class ExportGraph(BaseModel):
    model_config = ConfigDict(extra="forbid")
    nodes: list[dict[str, Any]] = Field(max_length=MAX_EXPORT_NODES)
    edges: list[dict[str, Any]] = Field(max_length=MAX_EXPORT_EDGES)


class Lane(BaseModel):
    """A band or column painted behind the graph (viz.layout.Layered.lanes)."""

    model_config = ConfigDict(extra="forbid")
    kind: str = Field(pattern="^(band|layer)$")
    key: str = Field(max_length=80)
    x: float
    y: float
    w: float
    h: float
    zh: str = Field(max_length=80)
    en: str = Field(max_length=80)
    colour: str = Field(pattern="^#[0-9A-Fa-f]{6}$")


class ExportRequest(BaseModel):
    """A subgraph in the shared shape, where each node sits, the lanes behind, a title."""

    model_config = ConfigDict(extra="forbid")
    title: tuple[str, str] | str = Field(default=("ChainAtlas", ""))
    graph: ExportGraph
    positions: dict[str, tuple[float, float]] = Field(
        default_factory=dict, max_length=MAX_EXPORT_NODES
    )
    lanes: list[Lane] = Field(default_factory=list, max_length=200)
    dense: bool | None = None


@pages.post("/view/export")
def export_view(body: ExportRequest, caller: Viewer) -> Response:
    """The current view of a page as one standalone HTML file (everything inlined)."""
    nodes = [
        n
        for n in body.graph.nodes
        if isinstance(n.get("key"), str) and isinstance(n.get("label"), str)
    ]
    graph = for_caller(caller, {"nodes": nodes, "edges": body.graph.edges})
    title = (body.title, "") if isinstance(body.title, str) else body.title
    view = build_view(graph, positions=body.positions, limit=MAX_EXPORT_NODES, dense=body.dense)
    view.lanes = [lane.model_dump() for lane in body.lanes]
    return html_response(
        render_standalone(view, title=(title[0][:200], title[1][:200])),
        download=f"{title[0][:80] or 'chainatlas'}.html",
    )


router.include_router(pages)
__all__ = ["router"]
