"""A view for every graph-shaped answer: ``/view/...`` mirrors ``/api/...``.

Each view has its API route's very parameters, calls the same query function
(``graph.queries``) and draws the answer's ``graph`` with :mod:`viz`. Every view also answers
``?format=json`` (the answer and the styled, laid-out view, for the pages' own scripts) and
``?format=standalone`` (one self-contained HTML file to download), and ``?format=csv`` /
``?format=xlsx`` (the answer's table, :func:`answer_file`). Errors are the API's problem
details: an unknown id is a 404, an invalid parameter a 422.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from inspect import Parameter, Signature, signature
from typing import Any, get_type_hints

from fastapi import Request
from fastapi.responses import JSONResponse, Response

from chainatlas.api.auth import Viewer, for_caller
from chainatlas.api.deps import DEFAULT_LIMIT, Analytics, Limit, Offset, StoreOnDay
from chainatlas.api.pages import tables
from chainatlas.api.pages.params import TABLE_FORMATS, ExpandQ, FormatQ, ViewFormat, check_expand
from chainatlas.api.pages.responses import (
    html_response,
    page_response,
    product_names,
    root_path,
    same_url,
)
from chainatlas.api.pages.signin import page_router
from chainatlas.api.routers import chains, entities, match, paths, risk
from chainatlas.graph.queries.ahead import kept_gaps, kept_single_source
from chainatlas.viz import build_view, render_standalone
from chainatlas.viz.answers import present

#: the profile views an editor opens the editing page of (api.pages.edit): kind → its page
EDITABLE_VIEWS = {"enterprise": "enterprises", "product": "products"}


def answer_id(answer: Mapping[str, Any]) -> str:
    """The id of the firm or product a profile answer is about."""
    return str((answer.get("enterprise") or answer.get("product") or {}).get("id", ""))


#: an API route's function: its parameters are the view's, its answer is what the view draws
Endpoint = Callable[..., Mapping[str, Any]]

router = page_router()


def respond(
    request: Request,
    fmt: ViewFormat,
    kind: str,
    answer: Mapping[str, Any],
    expand: list[str] | None,
) -> Response:
    """An answer of ``kind`` drawn as a page, as JSON for the pages' scripts, or as a file."""
    groups = check_expand(expand)
    names = product_names(request)
    if fmt in TABLE_FORMATS:
        return answer_file(kind, answer, fmt, names)
    shown = present(kind, answer, names)
    view = build_view(
        answer.get("graph") or {"nodes": [], "edges": []},
        expand=groups,
        product_names=names,
        **shown.build,
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
    links = {f: same_url(request, format=f) for f in ("standalone", "json", "csv", "xlsx")}
    caller = getattr(request.state, "caller", None)
    if kind in EDITABLE_VIEWS and caller is not None and caller.at_least("editor"):
        links["edit"] = f"{root_path(request)}/edit/{EDITABLE_VIEWS[kind]}/{answer_id(answer)}"
    return page_response(
        request,
        "view",
        shown.title,
        view,
        subtitle=shown.subtitle,
        panel=list(shown.panel),
        links=links,
    )


def answer_file(
    kind: str, answer: Mapping[str, Any], fmt: ViewFormat, names: Mapping[str, str]
) -> Response:
    """The answer's table (:mod:`chainatlas.graph.tables`, headed "中文 English") as a CSV
    (UTF-8 with BOM) or XLSX file; products named by ``names`` (id → name) where the answer
    gives only ids."""
    tab = tables.table(kind, answer, {f"Product:{k}": v for k, v in names.items()})
    return tables.download(f"chainatlas-{kind}", fmt.value, {kind: tab})


def mirror(endpoint: Endpoint, kind: str) -> Callable[..., Response]:
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
        return respond(request, fmt, kind, endpoint(**kwargs), expand)

    # FastAPI reads the parameters from inspect.signature, which honours __signature__;
    # typeshed does not declare the attribute on function objects.
    view.__signature__ = Signature(own + extra, return_annotation=Response)  # type: ignore[attr-defined]
    view.__name__ = f"{endpoint.__name__}_view"
    view.__doc__ = endpoint.__doc__
    return view


MIRRORED: tuple[tuple[str, Endpoint, str], ...] = (
    ("/view/enterprises/{id}", entities.enterprise, "enterprise"),
    ("/view/enterprises/{id}/tiers", entities.enterprise_tiers, "tiers"),
    ("/view/products/{id}", entities.product, "product"),
    ("/view/products/{id}/tiers", entities.product_tiers, "tiers"),
    ("/view/match/suppliers", match.match_suppliers, "match"),
    ("/view/match/buyers", match.match_buyers, "match"),
    ("/view/paths/supply", paths.supply, "supply_paths"),
    ("/view/paths/route", paths.route, "routes"),
    ("/view/paths/weighted", paths.weighted, "weighted_paths"),
    ("/view/chains/{id}", chains.chain, "chain"),
    ("/view/risk/impact", risk.disruption, "impact"),
)
for _path, _endpoint, _kind in MIRRORED:
    router.get(_path)(mirror(_endpoint, _kind))


def _ranking(answer: Mapping[str, Any], member: str, limit: int, offset: int) -> dict[str, Any]:
    """A page of a ranking (gaps, single-source products) with the part of the graph it
    touches: its products and the firms linked to them."""
    items = answer[member][offset : offset + limit]
    keep = {f"Product:{i['product_id']}" for i in items}
    edges = [e for e in answer["graph"]["edges"] if e["target"] in keep or e["source"] in keep]
    keep |= {e["source"] for e in edges} | {e["target"] for e in edges}
    graph = {"nodes": [n for n in answer["graph"]["nodes"] if n["key"] in keep], "edges": edges}
    return {**answer, member: items, "graph": graph, "limit": limit, "offset": offset}


@router.get("/view/gaps")
def gaps_view(
    request: Request,
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    fmt: FormatQ = ViewFormat.html,
    expand: ExpandQ = None,
) -> Response:
    """Products firms need that no firm in the map makes (补链 targets), as /api/gaps ranks
    them (its answer, kept per version), with the firms that need them."""
    answer = kept_gaps(cache, store)
    return respond(
        request, fmt, "gaps", for_caller(caller, _ranking(answer, "gaps", limit, offset)), expand
    )


@router.get("/view/risk/single-source")
def single_source_view(
    request: Request,
    caller: Viewer,
    store: StoreOnDay,
    cache: Analytics,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
    fmt: FormatQ = ViewFormat.html,
    expand: ExpandQ = None,
) -> Response:
    """Products with one producer that others need, as /api/risk/single-source ranks them
    (its answer, kept per version)."""
    answer = kept_single_source(cache, store)
    shown = _ranking(answer, "products", limit, offset)
    return respond(request, fmt, "single_source", for_caller(caller, shown), expand)
