"""The board's pages: ``/board`` (posts filtered by kind, chain and district, the committee's
view, and a form to post) and ``/board/{post_id}`` (one post, who answers it as a table and as
an interactive graph, and an Accept button per candidate). Text is escaped by the templates
(HTML and formulas show as written); contacts only for roles that may see them.

The forms post as every page form does: a signed-in browser's cookie only counts on an unsafe
method when the request comes from this site's own pages (``api.auth.same_origin``, behind
SameSite=Strict). Posting and accepting follow the API's rules (api.routers.board): the firm's
own ``member@`` key, an editor or an admin; everyone else sees no form.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import Form, Path, Query, Request
from fastapi.responses import RedirectResponse, Response

from chainatlas.api.auth import Principal, Viewer, for_caller, guards_of
from chainatlas.api.deps import ID_PATTERN, AppSettings, Holder
from chainatlas.api.pages.board_forms import PostForm, accept_problem, post_values
from chainatlas.api.pages.board_graph import match_graph
from chainatlas.api.pages.responses import page_response, product_names, root_path
from chainatlas.api.pages.signin import page_router
from chainatlas.api.routers.board import _allow, _write
from chainatlas.graph.board.actions import accept_match, create_post
from chainatlas.graph.board.committee import board_summary
from chainatlas.graph.board.matching import match_post
from chainatlas.graph.board.posts import get_post, list_posts
from chainatlas.graph.errors import PostConflict, PostInvalid
from chainatlas.graph.model import CoopKind, Label
from chainatlas.viz import build_view

router = page_router()
Id = Annotated[str | None, Query(pattern=ID_PATTERN)]
PostId = Annotated[str, Path(pattern=ID_PATTERN)]


def may_post(caller: Principal) -> bool:
    return caller.at_least("editor") or caller.firm is not None


def _board(
    request: Request,
    caller: Principal,
    holder: Any,
    *,
    kind: CoopKind | None = None,
    chain: str | None = None,
    region: str | None = None,
    form: dict[str, Any] | None = None,
    errors: dict[str, list[str]] | None = None,
    status: int = 200,
) -> Response:
    store, today = holder.check(), date.today()
    page = list_posts(store, kind=kind, chain=chain, region=region, as_of=today, limit=200)
    firms = store.nodes(Label.ENTERPRISE) if caller.at_least("editor") else []
    if caller.firm is not None:
        firms = store.nodes(Label.ENTERPRISE, [caller.firm])
    response = page_response(
        request,
        "board",
        ("供需看板", "Board of offers and needs"),
        None,
        posts=for_caller(caller, page["items"]),
        contacts=caller.sees_contacts,
        total=page["total"],
        kinds=[k.value for k in CoopKind],
        chains=store.nodes(Label.CHAIN),
        regions=store.nodes(Label.REGION),
        chosen={"kind": kind.value if kind else "", "chain": chain or "", "region": region or ""},
        summary=for_caller(caller, board_summary(store, today=today)),
        can_post=may_post(caller),
        firms=[{"id": f["id"], "name": f.get("name") or f["id"]} for f in firms],
        form=form or {"side": "need", "reach": "cluster"},
        errors=errors or {},
    )
    response.status_code = status
    return response


@router.get("/board")
def board_page(
    request: Request,
    caller: Viewer,
    holder: Holder,
    kind: CoopKind | None = None,
    chain: Id = None,
    region: Id = None,
) -> Response:
    """Posts of the board, the committee's view and, for those who may post, the form."""
    return _board(request, caller, holder, kind=kind, chain=chain, region=region)


@router.post("/board")
def board_post_form(
    request: Request, caller: Viewer, holder: Holder, settings: AppSettings, form: PostForm
) -> Response:
    """Post from the form: the API's validation; errors go back to their fields (422) and
    nothing is written; a post made opens its own page (303)."""
    shown = form.model_dump()
    values, errors = post_values(shown)
    if errors or values is None:
        return _board(request, caller, holder, form=shown, errors=errors, status=422)
    _allow(caller, [values["enterprise_id"]], "Posting for this firm")
    guards_of(request).posts.check(caller.who)
    try:
        made = _write(
            holder, settings, caller, lambda s: create_post(s, values, today=date.today())
        )
    except PostInvalid as e:
        found: dict[str, list[str]] = {}
        for field, message, _ in e.problems:
            found.setdefault(field, []).append(message)
        return _board(request, caller, holder, form=shown, errors=found, status=422)
    return RedirectResponse(f"{root_path(request)}/board/{made['id']}", status_code=303)


def _post_page(
    request: Request,
    caller: Principal,
    holder: Any,
    post_id: str,
    *,
    accepted: dict[str, Any] | None = None,
    refused: tuple[str, str] | None = None,
    status: int = 200,
) -> Response:
    store = holder.check()
    answer = for_caller(caller, match_post(store, post_id, as_of=date.today()))
    post, candidates = answer["post"], answer["candidates"]
    mine = post["enterprise_id"]
    open_post = post["status"] == "open"
    for c in candidates:
        c["accept"] = c.get("post_id") or c["enterprise_id"]
        c["may_accept"] = open_post and (
            caller.at_least("editor") or caller.firm in (mine, c["enterprise_id"])
        )
    graph = for_caller(caller, match_graph(store, answer))
    view = build_view(
        graph,
        focus=[f"Enterprise:{mine}"],
        highlight=[f"Enterprise:{c['enterprise_id']}" for c in candidates],
        product_names=product_names(request),
    )
    response = page_response(
        request,
        "board_post",
        (post["title"], post["title"]),
        view if graph["edges"] else None,
        post=post,
        contacts=caller.sees_contacts,
        candidates=candidates,
        accepted=accepted,
        refused=refused,
        panel=[],
        links={},
    )
    response.status_code = status
    return response


@router.get("/board/{post_id}")
def board_post_page(request: Request, caller: Viewer, holder: Holder, post_id: PostId) -> Response:
    """One post, its matches with their reasons and the graph that explains them."""
    return _post_page(request, caller, holder, post_id)


@router.post("/board/{post_id}/accept")
def board_accept_form(
    request: Request,
    caller: Viewer,
    holder: Holder,
    settings: AppSettings,
    post_id: PostId,
    candidate: Annotated[str, Form(pattern=ID_PATTERN)],
) -> Response:
    """Accept a candidate from the post's page; the page then shows the cooperation made, or
    (409) why the post or the candidate cannot be accepted."""
    store = holder.check()
    post = get_post(store, post_id, as_of=date.today())
    other = store.nodes(Label.POST, [candidate])
    firms = [post["enterprise_id"], other[0]["enterprise_id"] if other else candidate]
    _allow(caller, firms, "Accepting a match")
    try:
        done = _write(
            holder,
            settings,
            caller,
            lambda s: accept_match(s, post_id, candidate, today=date.today()),
        )
    except PostConflict as e:
        return _post_page(request, caller, holder, post_id, refused=accept_problem(e), status=409)
    return _post_page(request, caller, holder, post_id, accepted=done["cooperation"])
