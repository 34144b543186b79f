"""Editing in the pages (docs/changes.md, "Editing"): ``/edit/enterprises/{id}`` and
``/edit/products/{id}``, opened from a firm's or a product's profile view by editors.

A firm's page has forms to change or end the firm, add a firm, change or end each of its
supplies and cooperations and add new ones; a product's page to change it or add a product.
Every form posts to ``POST /edit`` with the table, the action, the columns it carries and
``base`` (the history's head when the page was drawn): the API's edit (:func:`api.routers.
edits.run_edit`, the loaders' rules, one change set, the region scope). A refused edit comes
back on the page with each problem beside its field (422) or the two change sets of a
conflict (409); a saved one opens the page again naming its change set, linked to /changes.

The forms post as every page form does: a signed-in browser's cookie counts on an unsafe
method only when the request comes from this site's own pages (``api.auth.same_origin``,
behind SameSite=Strict). Only editors and admins see these pages and may post (403 else).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Path, Query, Request
from fastapi.responses import RedirectResponse, Response
from starlette.concurrency import run_in_threadpool

from chainatlas.api.auth import Editor, Principal
from chainatlas.api.deps import ID_PATTERN, AppSettings, Holder
from chainatlas.api.pages.edit_forms import fact_form, new_form, refill, whole_form
from chainatlas.api.pages.responses import page_response, root_path
from chainatlas.api.pages.signin import page_router
from chainatlas.api.routers.edits import run_edit
from chainatlas.graph.errors import EditConflict, EditInvalid, InvalidOption, UnknownEntity
from chainatlas.graph.model import Row, Table

router = page_router()
Id = Annotated[str, Path(pattern=ID_PATTERN)]
Done = Annotated[int | None, Query(ge=0, le=2**53)]
#: the page of each kind: its table and its title
PAGES = {
    "enterprises": (Table.ENTERPRISES, ("编辑企业", "Edit firm")),
    "products": (Table.PRODUCTS, ("编辑产品", "Edit product")),
}
#: form fields that are not columns
CONTROL = ("table", "action", "base", "columns", "form", "page")


def _stored(store: Any, table: Table, id: str) -> Row:
    found = store.fact_rows(table, [(id,)])
    if not found:
        raise UnknownEntity(table.value, id)
    return dict(found[0])


def _forms(store: Any, kind: str, id: str) -> list[dict[str, Any]]:
    table, _ = PAGES[kind]
    stored = _stored(store, table, id)
    if table is Table.PRODUCTS:
        return [
            whole_form("product", table, stored, ("产品信息", "Product"), ("change",)),
            whole_form("product-add", table, None, ("新增产品", "Add a product"), ("add",)),
        ]
    ended = stored.get("member_until")
    actions = ("change",) if ended else ("change", "end")
    forms = [whole_form("firm", table, stored, ("企业信息", "Firm"), actions)]
    for t, prefix in ((Table.SUPPLIES, "supply"), (Table.COOPERATIONS, "coop")):
        facts = [fact_form(prefix, t, r) for r in store.incident_rows(t, [id])]
        forms += sorted(facts, key=lambda f: f["key"])
    forms.append(
        new_form("supply-add", Table.SUPPLIES, ("新增供应", "Add a supply"), supplier_id=id)
    )
    heading = ("新增合作", "Add a cooperation")
    forms.append(new_form("coop-add", Table.COOPERATIONS, heading, from_id=id))
    forms.append(whole_form("firm-add", table, None, ("新增企业", "Add a firm"), ("add",)))
    return forms


def _page(
    request: Request,
    holder: Any,
    kind: str,
    id: str,
    *,
    done: int | None = None,
    failed: dict[str, Any] | None = None,
    status: int = 200,
) -> Response:
    store = holder.check()
    forms = _forms(store, kind, id)
    if failed is not None:
        forms = [refill(f, failed["values"]) if f["id"] == failed["form"] else f for f in forms]
    _, title = PAGES[kind]
    response = page_response(
        request,
        "edit",
        (f"{title[0]} · {id}", f"{title[1]} · {id}"),
        None,
        kind=kind,
        id=id,
        base=store.head(),
        forms=forms,
        done=done,
        failed=failed,
        profile=f"{root_path(request)}/view/{kind}/{id}",
    )
    response.status_code = status
    return response


@router.get("/edit/{kind}/{id}")
def edit_page(
    request: Request, caller: Editor, holder: Holder, kind: str, id: Id, done: Done = None
) -> Response:
    """The forms of one firm or product (editors and admins)."""
    if kind not in PAGES:
        raise UnknownEntity("page", kind)
    return _page(request, holder, kind, id, done=done)


@router.post("/edit")
async def edit_post(
    request: Request, caller: Editor, holder: Holder, settings: AppSettings
) -> Response:
    """One edit from a form of the editing pages (see the module docstring)."""
    sent = await request.form()
    values = {k: v for k, v in sent.items() if isinstance(v, str)}
    return await run_in_threadpool(_submit, request, caller, holder, settings, values)


def _submit(
    request: Request, caller: Principal, holder: Any, settings: Any, values: dict[str, str]
) -> Response:
    kind, _, id = values.get("page", "").partition("/")
    if kind not in PAGES or not id:
        raise InvalidOption("page", "page must be enterprises/<id> or products/<id>")
    base_text = values.get("base", "")
    base = int(base_text) if base_text.isdigit() else None
    columns = [c for c in values.get("columns", "").split(",") if c and c not in CONTROL]
    fields = {c: values.get(c, "") for c in columns}
    table, action = values.get("table", ""), values.get("action", "")
    errors: dict[str, list[str]] = {}
    failed: dict[str, Any] = {"form": values.get("form", ""), "values": fields, "errors": errors}
    try:
        report = run_edit(holder, settings, caller, table, action, fields, base)
    except EditInvalid as e:
        for issue in e.issues:
            errors.setdefault(issue.column, []).append(str(issue))
        return _page(request, holder, kind, id, failed=failed, status=422)
    except EditConflict as e:
        failed["conflict"] = (e.change_set, e.blocking)
        return _page(request, holder, kind, id, failed=failed, status=409)
    if action == "add" and table == PAGES[kind][0].value:
        id = report.key[0]  # a new firm or product opens its own page
    record = report.change_set
    done = int(record["id"]) if record is not None else 0
    return RedirectResponse(f"{root_path(request)}/edit/{kind}/{id}?done={done}", status_code=303)
