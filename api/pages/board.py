"""The board's pages: ``/board`` (posts filtered by kind, chain and district, with the
committee's view) and ``/board/{post_id}`` (one post and who answers it). Text is escaped by
the templates (HTML and formulas show as written); contacts only for roles that may see them.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from fastapi import Path, Query, Request
from fastapi.responses import Response

from chainatlas.api.auth import Viewer, for_caller
from chainatlas.api.deps import ID_PATTERN, Holder
from chainatlas.api.pages.responses import page_response
from chainatlas.api.pages.signin import page_router
from chainatlas.graph.board.committee import board_summary
from chainatlas.graph.board.matching import match_post
from chainatlas.graph.board.posts import list_posts
from chainatlas.graph.model import CoopKind, Label

router = page_router()
Id = Annotated[str | None, Query(pattern=ID_PATTERN)]


@router.get("/board")
def board_page(
    request: Request,
    caller: Viewer,
    holder: Holder,
    kind: CoopKind | None = None,
    chain: Id = None,
    region: Id = None,
) -> Response:
    """Posts of the board and the committee's view."""
    store, today = holder.check(), date.today()
    page = list_posts(store, kind=kind, chain=chain, region=region, as_of=today, limit=200)
    return page_response(
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
    )


@router.get("/board/{post_id}")
def board_post_page(
    request: Request,
    caller: Viewer,
    holder: Holder,
    post_id: Annotated[str, Path(pattern=ID_PATTERN)],
) -> Response:
    """One post and its matches with their reasons."""
    answer = for_caller(caller, match_post(holder.check(), post_id, as_of=date.today()))
    title = answer["post"]["title"]
    return page_response(
        request,
        "board_post",
        (title, title),
        None,
        post=answer["post"],
        contacts=caller.sees_contacts,
        candidates=answer["candidates"],
    )
