"""Editing one fact: a form's text fields in, one change set out (docs/changes.md, "Editing").

:func:`edit` adds, changes or ends one firm, product, produces, needs, supply or cooperation
fact. Its ``fields`` are the bundle's columns (docs/bundle.md) as text, as a form or a CSV
cell gives them; they are read and checked by the loaders' one rule set
(:mod:`loaders.row_check`), so an edit can say nothing a bundle could not. Problems are
located ``table:field: reason`` and nothing is written (:class:`~graph.errors.EditInvalid`).

- ``add``: every required field; a fact with the same key must not exist.
- ``change``: the key fields name a stored fact; the fields given replace its values (an
  empty text empties a column), the others keep theirs; the whole row is checked again.
- ``end``: the key fields name a stored fact in force; it ends on ``until`` (a firm: leaves
  the map on ``left``), by default the day of the edit. Products do not end.

Every edit is one change set by ``author`` (:func:`graph.edits.write_edit`); ``base`` guards
against overwriting what another change set wrote since (409, both ids).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from typing import Any

from chainatlas.graph.changes import end_column
from chainatlas.graph.edits import (
    ACTIONS,
    EDITABLE,
    check_base,
    check_state,
    refusal,
    write_edit,
)
from chainatlas.graph.errors import EditInvalid, InvalidOption, Issue
from chainatlas.graph.model import TABLE_KEYS, Row, Table, clean_row
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.cells import CellError, parse_cell
from chainatlas.loaders.row_check import check_row
from chainatlas.loaders.schema import SPECS, column

#: the provenance of an edited fact (a load's is its bundle, file and row)
EDIT_SOURCE = "edit"


@dataclass
class EditReport:
    """What an edit did: the change set it recorded (``None``: the fact was already so), the
    fact's key, and the rules' warnings."""

    table: str
    action: str
    key: list[Any]
    change_set: dict[str, Any] | None
    warnings: list[Issue] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        return {**asdict(self), "warnings": [asdict(w) for w in self.warnings]}


def edit(
    store: GraphStore,
    table: Table | str,
    action: str,
    fields: Mapping[str, str | None],
    *,
    author: str,
    base: int | None = None,
    today: date | None = None,
    gate: Callable[[Table, Row], None] | None = None,
) -> EditReport:
    """Add, change or end one fact of ``table`` on ``store`` as one change set (see the module
    docstring). Raises :class:`~graph.errors.EditInvalid` (located issues; nothing written),
    :class:`~graph.errors.EditConflict` (409: written after ``base``) or
    :class:`~graph.errors.InvalidOption` (a table or action that cannot be edited).
    ``gate`` sees the checked row before anything is written and may refuse it by raising
    (the API's region scopes)."""
    table = _table(table)
    if action not in ACTIONS:
        raise InvalidOption("action", f"action must be one of {', '.join(ACTIONS)}, not {action!r}")
    if action == "end" and table is Table.PRODUCTS:
        msg = "a product does not end: end the facts of who makes, needs or supplies it"
        raise refusal(table, "id", msg, "no-end")
    today = today or date.today()
    text = {k: "" if v is None else str(v) for k, v in fields.items()}
    _known_fields(table, text)
    if action == "add":
        row, warnings = _checked(store, table, text, today)
    else:
        key = parse_key(table, text)
        found = store.fact_rows(table, [key])
        stored = found[0] if found else None
        check_base(table, key, stored, base)
        check_state(table, action, key, stored)
        assert stored is not None  # check_state refuses a change or end of an unknown fact
        merged = {**stored_text(table, stored), **text}
        if action == "end":
            col = end_column(table)
            merged[col] = text.get(col) or today.isoformat()
        row, warnings = _checked(store, table, merged, today)
    if gate is not None:
        gate(table, row)
    record = write_edit(store, table, action, row, base=base, author=author)
    key_values = [row[k] for k in TABLE_KEYS[table]]
    return EditReport(table.value, action, key_values, record, warnings)


def _table(table: Table | str) -> Table:
    try:
        found = Table(table)
    except ValueError:
        found = None
    if found not in EDITABLE:
        names = ", ".join(t.value for t in EDITABLE)
        raise InvalidOption("table", f"table must be one of {names}, not {table!r}")
    assert found is not None
    return found


def _known_fields(table: Table, text: Mapping[str, str]) -> None:
    names = {c.name for c in SPECS[table]}
    unknown = sorted(set(text) - names)
    if unknown:
        allowed = ", ".join(c.name for c in SPECS[table])
        raise EditInvalid(
            [
                Issue(
                    table.value,
                    0,
                    n,
                    f"unknown field {n!r} (fields: {allowed})",
                    code="unknown-column",
                )
                for n in unknown
            ]
        )


def parse_key(table: Table, text: Mapping[str, str]) -> tuple[Any, ...]:
    """The key of the fact ``text`` names, each field read as its column's kind."""
    issues, key = [], []
    for name in TABLE_KEYS[table]:
        raw = (text.get(name) or "").strip()
        try:
            if not raw:
                raise CellError("missing-value", "required value is empty")
            key.append(parse_cell(column(table, name).kind, raw))
        except CellError as e:
            issues.append(Issue(table.value, 0, name, e.message, code=e.code))
    if issues:
        raise EditInvalid(issues)
    return tuple(key)


def cell_text(value: Any) -> str:
    """A stored value as the text of a bundle's cell (read back to the same value).

    >>> cell_text(None), cell_text(True), cell_text(["a", "b"]), cell_text(2019), cell_text(0.5)
    ('', 'true', 'a|b', '2019', '0.5')
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        return "|".join(str(v) for v in value)
    return repr(value) if isinstance(value, float) else str(value)


def stored_text(table: Table, stored: Row) -> dict[str, str]:
    """The bundle's columns of a stored fact as text (what a change starts from)."""
    return {c.name: cell_text(stored.get(c.name)) for c in SPECS[table]}


def _checked(
    store: GraphStore, table: Table, text: dict[str, str], today: date
) -> tuple[Row, list[Issue]]:
    row, issues = check_row(store, table, text, today=today)
    if any(i.severity == "error" for i in issues):
        raise EditInvalid(issues)
    clean = clean_row(table, row)
    clean.update(source_bundle=EDIT_SOURCE, source_file=EDIT_SOURCE, source_row=None)
    return clean, issues
