"""The FastAPI app factory: routers per user job, problem details, self-hosted API docs.

``create_app(settings, store)`` builds the app. The lifespan owns the store: given none, it
opens one from the settings at start (``api.stores.open_store``: one Neo4j driver for the
process, or the embedded graph) and closes it at the end. A store that cannot be reached at
start does not stop the app: routes answer 503 until it comes back (see :mod:`api.deps`).

Run it with ``chainatlas serve`` (or ``uvicorn --factory api.app:create_app``). JSON lives
under ``/api``; the OpenAPI document at ``/api/openapi.json``; Swagger UI at ``/docs``, served
from the app's own files so the docs work offline.
"""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from importlib import resources
from pathlib import Path

from fastapi import Depends, FastAPI, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from chainatlas.api import headers, openapi, problems
from chainatlas.api.deps import StoreHolder, app_analytics, known_query
from chainatlas.api.hosts import AllowedHosts
from chainatlas.api.pages import errors as page_errors
from chainatlas.api.pages import routes as pages
from chainatlas.api.precompute import Precomputer
from chainatlas.api.routers import (
    analytics,
    board,
    bundles,
    chains,
    changes,
    committee,
    cypher,
    edits,
    entities,
    geo,
    health,
    match,
    paths,
    risk,
    search,
    session,
)
from chainatlas.graph.guards import LOOPBACK_HOSTS
from chainatlas.graph.release import code_version
from chainatlas.graph.settings import Settings, get_settings
from chainatlas.graph.store import GraphStore
from chainatlas.graph.stores import is_embedded
from chainatlas.loaders.stores import bundle_store, open_store

log = logging.getLogger("chainatlas.api")

DOCS_ASSETS = "/docs/static"
OPENAPI_URL = "/api/openapi.json"
#: the largest request body outside bundle uploads (views post back a drawn graph)
MAX_BODY = 32 * 2**20

TITLE = "ChainAtlas"
DESCRIPTION = """\
ChainAtlas (产业链图谱, "industry-chain atlas"): the industry-chain supply graph of the 上虞
advanced-materials cluster and its partner areas, as JSON.

**Access.** Send an API key as `X-API-Key: <key>` or `Authorization: Bearer <key>`.
Roles: viewer < analyst < editor < admin. Reads need viewer (anonymous callers are viewers
when the server allows anonymous reading); contact details of firms, Cypher and exports of
contacts need analyst; loading bundles needs editor.

**Errors** are RFC 9457 problem details (`application/problem+json`) with a stable `type`
URI under `https://chainatlas.dev/problems/` (see docs/api.md).

**Lists** are pages: `limit`, `offset`, `total`, and `items` that each carry their `id`.

**Versions.** `info.version` is the package's semantic version; a change that breaks a
client (a path, field or enum value removed, a parameter newly required) comes with a new
major version (a new minor one before 1.0) and a line in CHANGELOG.md.
"""
#: relative: the server that serves this document (behind a proxy, its root path comes first)
SERVERS = [{"url": "/", "description": "This server"}]

TAGS = [
    {"name": "health", "description": "Liveness, store reachability, headline figures."},
    {"name": "search", "description": "Find firms and products by name, alias, pinyin, codes."},
    {"name": "enterprises", "description": "Firms: lists, profiles, suppliers, customers, tiers."},
    {"name": "products", "description": "Products and materials: lists and profiles."},
    {"name": "match", "description": "Supplier and buyer matchmaking with scores and reasons."},
    {
        "name": "paths",
        "description": "Supply paths between firms; routes from material to product.",
    },
    {"name": "chains", "description": "Chain panoramas by stage and region; gaps (补链 targets)."},
    {"name": "risk", "description": "Single-source products; impact of losing a firm or product."},
    {"name": "analytics", "description": "Centrality; exports for Gephi and notebooks."},
    {"name": "cypher", "description": "Read-only Cypher for analysts (Neo4j store)."},
    {"name": "bundles", "description": "Upload a bundle (zip of CSVs or one .xlsx) to load it."},
    {"name": "changes", "description": "Change sets: the history of the graph, and revert."},
]


def _open(settings: Settings, data: Path | None) -> StoreHolder:
    """The store the settings name, held for the app (opened here, so closed by us)."""
    if data is not None:
        holder = StoreHolder(bundle_store(data), owned=True)
    else:
        embedded = is_embedded(settings)
        stand_in = embedded and not settings.graph_file.exists()
        watch = settings.graph_file if embedded else None
        holder = StoreHolder(
            open_store(settings), owned=True, persist=embedded, stand_in=stand_in, watch=watch
        )
    return holder


def _settle(holder: StoreHolder) -> None:
    """Ready the store before the first request: the embedded store's graph built (100k: 9 s),
    and what is loaded by now, which lives as long as the app, kept out of the cyclic
    collector's full passes. Those walk every object (7.9M at 100,000 firms embedded): a first
    profile took 3.5 s instead of 56 ms (docs/performance.md, "The collector"). Unfrozen when
    the app stops."""
    holder.store.warm()
    gc.freeze()


@asynccontextmanager
async def lifespan(app: FastAPI) -> AsyncIterator[None]:
    holder: StoreHolder | None = getattr(app.state, "store_holder", None)
    opened = holder is None
    if holder is None:
        holder = await run_in_threadpool(_open, app.state.settings, app.state.data)
        app.state.store_holder = holder
    await run_in_threadpool(_settle, holder)
    # the global answers computed ahead of their readers, when asked for and kept somewhere
    every, cache = app.state.settings.guards.precompute, app_analytics(app.state)
    ahead = Precomputer(holder, cache, every).start() if every and cache.size else None
    app.state.precompute = ahead
    if not await run_in_threadpool(holder.probe):
        log.warning(
            "the %s store is not reachable (%s); answering 503 until it is",
            holder.store.kind,
            holder.why_down,
        )
    try:
        yield
    finally:
        if ahead is not None:
            await run_in_threadpool(ahead.stop)
        guards = getattr(app.state, "guards", None)
        if guards is not None:
            guards.cypher.close()
        gc.unfreeze()
        if opened:
            del app.state.store_holder
            await run_in_threadpool(holder.store.close)


def create_app(
    settings: Settings | None = None, store: GraphStore | None = None, *, data: Path | None = None
) -> FastAPI:
    """The ChainAtlas app.

    ``store``: serve this store (the caller opened it and closes it); otherwise the lifespan
    opens the store of ``settings`` (the bundle at ``data`` if given) and closes it.
    """
    settings = settings or get_settings()
    app = FastAPI(
        title=TITLE,
        version=code_version(),
        description=DESCRIPTION,
        openapi_tags=TAGS,
        # a copy: FastAPI inserts the root path it is served under into its list
        servers=[dict(s) for s in SERVERS],
        generate_unique_id_function=openapi.operation_id,
        openapi_url=OPENAPI_URL,
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.data = data
    if store is not None:
        app.state.store_holder = StoreHolder(store)
    problems.install(app)
    page_errors.install(app)
    openapi.install(app)
    for module in (
        health,
        search,
        entities,
        match,
        paths,
        chains,
        risk,
        geo,
        analytics,
        committee,
        cypher,
        bundles,
        board,
        changes,
        edits,
    ):
        # every JSON route refuses query parameters it does not take (api.deps.known_query)
        app.include_router(module.router, dependencies=[Depends(known_query)])
    app.include_router(pages.router)
    app.include_router(session.router)
    _docs(app)
    app.add_middleware(
        BodyLimit,
        default=MAX_BODY,
        limits={"/api/bundles": settings.limits.upload_bytes + 2**20},
    )
    app.add_middleware(headers.ApiHeaders)
    # outermost: a request for another host name gets no further (DNS rebinding)
    app.add_middleware(AllowedHosts, hosts=settings.guards.allowed_hosts or LOOPBACK_HOSTS)
    return app


class BodyLimit:
    """Refuse request bodies over a size with 413 before anything reads them whole (a bundle
    upload is spooled to disk by the form parser, so the check cannot wait for the route)."""

    def __init__(self, app: ASGIApp, *, default: int, limits: dict[str, int]) -> None:
        self.app = app
        self.default = default
        self.limits = limits

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path: str = scope["path"]
        limit = next((n for p, n in self.limits.items() if path.startswith(p)), self.default)
        detail = f"A request body here may be at most {limit // 2**20} MB."
        length = dict(scope["headers"]).get(b"content-length", b"")
        if length.isdigit() and int(length) > limit:
            response = problems.problem_response(Request(scope), "payload-too-large", detail)
            await response(scope, receive, send)
            return
        seen, over = 0, False

        async def counted() -> Message:
            nonlocal seen, over
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > limit:
                over = True
                raise problems.Problem("payload-too-large", detail)
            return message

        async def answer(message: Message) -> None:
            # a body cut short mid-stream makes the framework answer 400; say what happened
            if not over:
                await send(message)
            elif message["type"] == "http.response.body" and not message.get("more_body"):
                refusal = problems.problem_response(Request(scope), "payload-too-large", detail)
                await refusal(scope, receive, send)

        await self.app(scope, counted, answer)


def _docs(app: FastAPI) -> None:
    assets = resources.files("chainatlas.api").joinpath("static", "swagger")
    app.mount(DOCS_ASSETS, StaticFiles(directory=Path(str(assets))), name="swagger-assets")

    @app.get("/docs", include_in_schema=False)
    def swagger_ui(request: Request) -> HTMLResponse:
        root = request.scope.get("root_path", "").rstrip("/")
        page = get_swagger_ui_html(
            openapi_url=root + OPENAPI_URL,
            title="ChainAtlas API 产业链图谱 — Swagger UI",
            swagger_js_url=f"{root}{DOCS_ASSETS}/swagger-ui-bundle.js",
            swagger_css_url=f"{root}{DOCS_ASSETS}/swagger-ui.css",
            swagger_favicon_url=f"{root}{DOCS_ASSETS}/favicon-32x32.png",
            # no badge fetched from validator.swagger.io: the docs stay offline
            swagger_ui_parameters=headers.SWAGGER_PARAMETERS,
        )
        return headers.docs_page(page)
