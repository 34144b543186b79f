"""Editing one fact from the API: ``POST /api/edits`` (editor role; docs/changes.md).

The body names a table, an action (add, change, end), the fact's fields as text and the
change set the editor saw it at (``base``). The fields go through the loaders' rules
(:func:`loaders.edit.edit`): 422 ``edit-invalid`` lists each problem as ``table:field``;
409 ``conflict`` names both change sets when another one wrote the fact after ``base``; a
region editor touching a firm outside its region gets 403 ``out-of-scope``. Every edit is one
change set, listed by ``GET /api/changes`` and undone by its revert.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from fastapi import APIRouter

from chainatlas.api.auth import Editor, Principal
from chainatlas.api.deps import AppSettings, Holder
from chainatlas.api.edit_schemas import EditIn, EditResult
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.scopes import require_scope
from chainatlas.graph.model import Row, Table
from chainatlas.graph.scopes import firms_touched
from chainatlas.graph.store import GraphStore
from chainatlas.graph.stores import durable_path
from chainatlas.loaders.edit import EditReport, edit

router = APIRouter(prefix="/api", tags=["changes"])


def check_edit_scope(caller: Principal, store: GraphStore, table: Table, row: Row) -> None:
    """Every edit passes here, checked and before anything is written: a region editor may
    touch only its region's firms (a firm's new region too); 403 ``out-of-scope`` else."""
    regions = [row.get("region_id")] if table is Table.ENTERPRISES else []
    require_scope(caller, store, firms_touched(table, row), regions=regions)


def run_edit(
    holder: Any,
    settings: Any,
    caller: Principal,
    table: str,
    action: str,
    fields: Mapping[str, str | None],
    base: int | None,
) -> EditReport:
    """One edit by ``caller`` as one change set on the store a load would write, then served
    and saved (the API and the pages both edit through here)."""
    with holder.writing(settings) as target:
        report = edit(
            target,
            table,
            action,
            fields,
            author=caller.author,
            base=base,
            gate=lambda t, row: check_edit_scope(caller, target, t, row),
        )
        if report.change_set is not None:
            target.commit(durable_path(settings) if holder.persist else None)
            holder.replace(target)
    return report


@router.post(
    "/edits",
    response_model=EditResult,
    responses=openapi_responses(400, 401, 403, 409, 422, 503, overrides={422: "EditRejected"}),
)
def create_edit(
    body: EditIn, caller: Editor, holder: Holder, settings: AppSettings
) -> dict[str, Any]:
    """Add, change or end one firm, product, produces, needs, supply or cooperation fact as
    one change set (editor role). 422 ``edit-invalid`` locates each problem (``table:field:
    reason``, the loaders' rules); 409 ``conflict`` names the change set the edit was based on
    and the one that wrote the fact since; 403 ``out-of-scope`` for a region editor outside
    its region."""
    report = run_edit(holder, settings, caller, body.table, body.action, body.fields, body.base)
    return report.to_dict()
