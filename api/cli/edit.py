"""``chainatlas edit TABLE ACTION FIELD=VALUE…``: one fact added, changed or ended from the
command line, as one change set by the OS user (docs/changes.md, "Editing").

The fields are the bundle's columns as text, checked by the loaders' rules
(:func:`chainatlas.loaders.edit.edit`); a refused edit prints each problem located
``table:field: reason`` and exits 1, writing nothing; ``--base`` guards against overwriting
what a later change set wrote (exit 1 naming both). Registered in :mod:`api.cli.app`.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

import typer

from chainatlas.api.cli.changes import counts_text
from chainatlas.api.cli.common import JsonOpt, emit_json, err, out
from chainatlas.graph.edits import ACTIONS, EDITABLE
from chainatlas.graph.settings import get_settings
from chainatlas.graph.stores import durable_path, open_load_target, write_guard
from chainatlas.loaders.edit import edit as edit_fact
from chainatlas.loaders.source import os_user

EditTable = StrEnum("EditTable", {t.value: t.value for t in EDITABLE})  # type: ignore[misc]
EditAction = StrEnum("EditAction", {a: a for a in ACTIONS})  # type: ignore[misc]


def fields_of(items: list[str]) -> dict[str, str]:
    """``FIELD=VALUE`` arguments as a mapping (a value may hold ``=``; an empty one empties
    the column).

    >>> fields_of(["supplier_id=E0001", "note=a=b", "until="])
    {'supplier_id': 'E0001', 'note': 'a=b', 'until': ''}
    """
    found = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise typer.BadParameter(f"{item!r} is not FIELD=VALUE", param_hint="FIELDS")
        found[name.strip()] = value
    return found


def edit(
    table: Annotated[EditTable, typer.Argument(help="The table of the fact.")],
    action: Annotated[EditAction, typer.Argument(help="add, change or end.")],
    fields: Annotated[
        list[str],
        typer.Argument(help="FIELD=VALUE: the bundle's columns as text (docs/bundle.md)."),
    ],
    base: Annotated[
        int | None,
        typer.Option(
            "--base", min=0, help="The change set the fact was seen at (exit 1 if older)."
        ),
    ] = None,
    json_out: JsonOpt = False,
) -> None:
    """Add, change or end one fact 编辑 as one change set (the loaders' rules)."""
    values = fields_of(fields)
    settings = get_settings()
    with write_guard(settings), open_load_target(settings) as store:
        report = edit_fact(store, table.value, action.value, values, author=os_user(), base=base)
        if report.change_set is not None:
            store.commit(durable_path(settings))
    if json_out:
        emit_json(report.to_dict())
        return
    for warning in report.warnings:
        err.print(str(warning), markup=False, highlight=False)
    record, key = report.change_set, " ".join(map(str, report.key))
    said = (
        f"{action.value} {table.value} {key}: nothing changed 无变化"
        if record is None
        else f"change set {record['id']} {action.value} {table.value} {key} 已保存: "
        + counts_text(record["counts"])
    )
    out.print(said, markup=False, highlight=False)
