"""The board of offers and needs (供需看板, docs/board.md): posts, their matches, accepting a
match (a COOPERATES fact) and withdrawing a post.

Everyone with ``viewer`` reads, without contact fields. A firm's own key (``member@E0001``)
posts, withdraws and accepts for that firm only and sees contacts; editors and admins post for
any firm and moderate (withdraw any post, with a reason). Anything else is 403. Posting is
rate-limited per key (``CHAINATLAS_BOARD_POSTS_PER_HOUR``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Annotated, Any, TypeVar

from fastapi import APIRouter, Depends, Query, Request

from chainatlas.api.auth import CHALLENGE, Principal, for_caller, guards_of, require_viewer
from chainatlas.api.board_schemas import (
    BoardAccepted,
    BoardAcceptIn,
    BoardMatches,
    BoardPost,
    BoardPostIn,
    BoardPostPage,
    BoardWithdrawIn,
    Kind,
    Side,
    Status,
)
from chainatlas.api.deps import AppSettings, Holder, Limit, Offset, PathId, get_as_of
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.problems import Problem
from chainatlas.graph.board.actions import accept_match, create_post, withdraw_post
from chainatlas.graph.board.matching import match_post
from chainatlas.graph.board.posts import get_post, list_posts
from chainatlas.graph.changes import edited
from chainatlas.graph.model import Label
from chainatlas.graph.store import GraphStore
from chainatlas.graph.stores import durable_path

router = APIRouter(tags=["board"])
READS = openapi_responses(401, 403, 404, 422, 503)
WRITES = openapi_responses(400, 401, 403, 404, 409, 422, 429, 503)  # 400: a body not JSON
Caller = Annotated[Principal, Depends(require_viewer)]
Day = Annotated[date, Depends(get_as_of)]
T = TypeVar("T")


def _allow(caller: Principal, firms: Iterable[str], what: str) -> None:
    """Let editors, admins and a member of one of ``firms`` through; else 401 or 403."""
    if caller.at_least("editor") or (caller.firm is not None and caller.firm in set(firms)):
        return
    if caller.anonymous:
        raise Problem("unauthorized", f"{what} needs an API key.", headers=CHALLENGE)
    raise Problem(
        "forbidden", f"{what} needs the firm's own key (member@firm), an editor or an admin."
    )


def _write(holder: Any, settings: Any, caller: Principal, work: Callable[[GraphStore], T]) -> T:
    """Run ``work`` on the store a load would write into as one change set (kind ``edit``,
    by ``caller``: the history lists it and a revert undoes it), then serve and persist it."""
    with holder.write_lock:
        target = holder.load_target()
        result = edited(target, work, author=caller.author, source="board")
        target.commit(durable_path(settings) if holder.persist else None)
        holder.replace(target)
    return result


@router.get(
    "/api/board/posts",
    response_model=BoardPostPage,
    responses=READS,
    response_model_exclude_none=True,
)
def board_posts(
    holder: Holder,
    caller: Caller,
    as_of: Day,
    kind: Kind | None = None,
    side: Side | None = None,
    chain: Annotated[str | None, Query(max_length=64)] = None,
    region: Annotated[str | None, Query(max_length=64)] = None,
    status: Status | None = None,
    product: Annotated[str | None, Query(max_length=64)] = None,
    text: Annotated[str | None, Query(max_length=100)] = None,
    limit: Limit = 50,
    offset: Offset = 0,
) -> dict[str, Any]:
    """Posts of the board, newest first, filtered by kind, side, chain, the posting firm's
    district (``region``), status on ``as_of``, a product, and words of the text (segmented
    Chinese, docs/board.md)."""
    page = list_posts(
        holder.check(),
        kind=kind,
        side=side,
        chain=chain,
        region=region,
        status=status,
        product=product,
        text=text,
        as_of=as_of,
        offset=offset,
        limit=min(limit, 200),
    )
    return for_caller(caller, page)


@router.post(
    "/api/board/posts",
    response_model=BoardPost,
    responses=WRITES,
    response_model_exclude_none=True,
)
def board_post(
    body: BoardPostIn, request: Request, holder: Holder, settings: AppSettings, caller: Caller
) -> dict[str, Any]:
    """Put an offer or a need on the board for ``enterprise_id`` (its own key, an editor or an
    admin). 422 names each invalid field; nothing is written then."""
    _allow(caller, [body.enterprise_id], "Posting for this firm")
    guards_of(request).posts.check(caller.who)
    values = body.model_dump(mode="json")
    if values["quantity"] is not None and float(values["quantity"]).is_integer():
        values["quantity"] = int(values["quantity"])
    post = _write(holder, settings, caller, lambda s: create_post(s, values, today=date.today()))
    return for_caller(caller, post)


@router.get(
    "/api/board/posts/{post_id}",
    response_model=BoardPost,
    responses=READS,
    response_model_exclude_none=True,
)
def board_post_one(post_id: PathId, holder: Holder, caller: Caller, as_of: Day) -> dict[str, Any]:
    """One post with its status on ``as_of``."""
    return for_caller(caller, get_post(holder.check(), post_id, as_of=as_of))


@router.get(
    "/api/board/posts/{post_id}/matches",
    response_model=BoardMatches,
    responses=READS,
    response_model_exclude_none=True,
)
def board_matches(
    post_id: PathId, holder: Holder, caller: Caller, as_of: Day, limit: Limit = 20
) -> dict[str, Any]:
    """Who answers the post: counterpart posts of its kind and firms the graph says can
    answer it, each with a score and its reasons in Chinese and English, best first."""
    return for_caller(caller, match_post(holder.check(), post_id, as_of=as_of, limit=limit))


@router.post(
    "/api/board/posts/{post_id}/accept",
    response_model=BoardAccepted,
    responses=WRITES,
    response_model_exclude_none=True,
)
def board_accept(
    post_id: PathId, body: BoardAcceptIn, holder: Holder, settings: AppSettings, caller: Caller
) -> dict[str, Any]:
    """Accept a match: ``candidate`` is a post answering this one, or a firm. Makes a
    COOPERATES fact of the post's kind from today (once: accepting again answers the same
    one). 409 ``post-conflict`` with the post's status when it is withdrawn, expired, matched
    to another, or the candidate does not answer it. Either side's key may accept."""
    store = holder.check()
    post = get_post(store, post_id, as_of=date.today())
    other = store.nodes(Label.POST, [body.candidate])
    firms = [post["enterprise_id"], other[0]["enterprise_id"] if other else body.candidate]
    _allow(caller, firms, "Accepting a match")
    done = _write(
        holder,
        settings,
        caller,
        lambda s: accept_match(s, post_id, body.candidate, today=date.today()),
    )
    return for_caller(caller, done)


@router.post(
    "/api/board/posts/{post_id}/withdraw",
    response_model=BoardPost,
    responses=WRITES,
    response_model_exclude_none=True,
)
def board_withdraw(
    post_id: PathId, body: BoardWithdrawIn, holder: Holder, settings: AppSettings, caller: Caller
) -> dict[str, Any]:
    """Take an open post off the board: its firm's key, or an editor or admin moderating
    (then ``reason`` is required). 409 when it is not open."""
    post = get_post(holder.check(), post_id, as_of=date.today())
    _allow(caller, [post["enterprise_id"]], "Withdrawing this post")
    own = caller.firm == post["enterprise_id"]
    if not own and not (body.reason or "").strip():
        raise Problem("validation", "A moderator withdraws with a reason.", errors=[])
    done = _write(
        holder,
        settings,
        caller,
        lambda s: withdraw_post(s, post_id, reason=body.reason, today=date.today()),
    )
    return for_caller(caller, done)
