"""Change sets: the history of the graph, and reverting one (docs/changes.md).

Every load (and edit) is one change set. ``GET /api/changes`` pages them newest first,
``GET /api/changes/{id}`` shows one with the facts it touched, and ``POST
/api/changes/{id}/revert`` (editor role) undoes one as a new change set, answering 409 with
both ids when a later change set built on it.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Path

from chainatlas.api.auth import Editor, Viewer
from chainatlas.api.deps import AppSettings, Holder, Limit, Offset, Store
from chainatlas.api.problems import openapi_responses
from chainatlas.api.schemas import ChangeSetDetail, ChangeSetPage, ChangeSetRecord
from chainatlas.graph.history import change_facts
from chainatlas.graph.revert import revert
from chainatlas.graph.stores import durable_path

router = APIRouter(prefix="/api", tags=["changes"])

ChangeId = Annotated[int, Path(ge=1, le=2**53, description="A change set's id.")]


@router.get("/changes", response_model=ChangeSetPage, responses=openapi_responses(401, 403, 503))
def changes(caller: Viewer, store: Store, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    """Change sets, newest first: id, time, author, source (file and SHA-256), counts."""
    items = store.change_sets(limit=limit, offset=offset)
    return {"total": store.head(), "limit": limit, "offset": offset, "items": items}


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
    change sets when a later one built on it (revert that one first)."""
    with holder.writing(settings) as target:
        record = revert(target, change_id, author=caller.author)
        target.commit(durable_path(settings) if holder.persist else None)
        holder.replace(target)
    return record
