"""Change sets: the history of the graph, and reverting one (docs/changes.md).

Every load (and edit) is one change set. ``GET /api/changes`` pages them newest first,
``GET /api/changes/{id}`` shows one with the facts it touched, ``GET /api/changes/digest``
tells the committee what changed between two days, and ``POST
/api/changes/{id}/revert`` (editor role) undoes one as a new change set, answering 409 with
both ids when a later change set built on it.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated, Any

from fastapi import APIRouter, Path, Query

from chainatlas.api.auth import Editor, Viewer
from chainatlas.api.deps import Analytics, AppSettings, Holder, IsoDay, Limit, Offset, Store
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.schemas import ChangeSetDetail, ChangeSetPage, ChangeSetRecord, paged
from chainatlas.api.scopes import require_revert_scope
from chainatlas.graph.history import change_facts
from chainatlas.graph.queries.digest import CAPACITY_THRESHOLD, kept_digest
from chainatlas.graph.queries.digest_answers import Digest
from chainatlas.graph.revert import revert
from chainatlas.graph.stores import durable_path

router = APIRouter(prefix="/api", tags=["changes"])

ChangeId = Annotated[int, Path(ge=1, le=2**53, description="A change set's id.")]


@router.get("/changes", response_model=ChangeSetPage, responses=openapi_responses(401, 403, 503))
def changes(caller: Viewer, store: Store, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Change sets, newest first: id, time, author, source (file and SHA-256), counts."""
    items = store.change_sets(limit=limit, offset=offset)
    return dict(paged(items, store.head(), limit, offset))


@router.get(
    "/changes/digest", response_model=Digest, responses=openapi_responses(401, 403, 422, 503)
)
def digest(
    caller: Viewer,
    store: Store,
    cache: Analytics,
    since: Annotated[date, IsoDay, Query(description="The first day compared (ISO date).")],
    until: Annotated[
        date | None,
        IsoDay,
        Query(description="The second day compared (ISO date); default today."),
    ] = None,
    capacity_threshold: Annotated[
        float,
        Query(ge=0, le=10, description="Least share of its old value a capacity must move by."),
    ] = CAPACITY_THRESHOLD,
) -> Digest:
    """变更摘要 What changed from ``since`` to ``until``: firms that joined and left, supply
    relations that started and ended, capacities that moved by ``capacity_threshold`` or more,
    gaps and single-source products that opened and closed, and local-supply coverage before
    and after, per chain and district (docs/changes.md, "The digest"). 422 when ``since`` is
    after ``until``."""
    end = until or date.today()
    return kept_digest(cache, store, since=since, until=end, capacity_threshold=capacity_threshold)


@router.get(
    "/changes/{change_id}",
    response_model=ChangeSetDetail,
    responses=openapi_responses(401, 403, 404, 503),
)
def change(
    caller: Viewer, store: Store, change_id: ChangeId, limit: Limit = 50, offset: Offset = 0
) -> dict[str, Any]:
    """One change set and a page of the facts it added, changed, ended or removed, each
    with its provenance (file, row)."""
    record = store.change_set(change_id)
    facts = change_facts(store, change_id)
    return {**record, "facts_total": len(facts), "facts": facts[offset : offset + limit]}


@router.post(
    "/changes/{change_id}/revert",
    response_model=ChangeSetRecord,
    responses=openapi_responses(401, 403, 404, 409, 503),
)
def revert_change(
    caller: Editor, holder: Holder, settings: AppSettings, change_id: ChangeId
) -> dict[str, Any]:
    """Undo a change set as a new change set (editor role): facts it added leave the graph,
    facts it changed or ended get their earlier values back. 409 ``conflict`` names both
    change sets when a later one built on it (revert that one first). An ``editor@<region>``
    key reverts only change sets whose every fact its region may change: else 403
    ``out-of-scope`` naming the first facts that fail (docs/security.md)."""
    with holder.writing(settings) as target:
        require_revert_scope(caller, target, change_id)
        record = revert(target, change_id, author=caller.author)
        target.commit(durable_path(settings) if holder.persist else None)
        holder.replace(target)
    return record
