"""Writing one edited fact as one change set, refusing to overwrite what the editor did not see.

An edit adds, changes or ends one fact of a table an editor may touch (:data:`EDITABLE`).
It is one change set of kind ``edit`` (source ``edit``, the caller as author), listed by the
history and undone by :func:`graph.revert.revert` like any other. The row written has been
checked by the loaders' rules first (:mod:`loaders.edit` reads the form's text); this module
only writes it, on either store.

``base`` is the change set the editor saw the fact at (the history's head when the form was
drawn, or the change set an earlier edit answered). When the fact was written after it —
changed or ended by another editor or a load, added meanwhile — the edit is refused with
:class:`~graph.errors.EditConflict` naming both change sets (the API's 409). The check runs
inside the change set's transaction, which on Neo4j holds the change-set lock, so two edits
of one fact cannot both pass it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chainatlas.graph.changes import change_set, end_column
from chainatlas.graph.errors import EditConflict, EditInvalid, Issue
from chainatlas.graph.model import TABLE_KEYS, Row, Table, row_key

if TYPE_CHECKING:
    from chainatlas.graph.store import GraphStore

#: the tables whose facts an editor adds, changes and ends (products have no end)
EDITABLE = (
    Table.ENTERPRISES,
    Table.PRODUCTS,
    Table.PRODUCES,
    Table.NEEDS,
    Table.SUPPLIES,
    Table.COOPERATIONS,
)
ACTIONS = ("add", "change", "end")
#: what a fact of each table is called in a message
FACT_NAMES = {
    Table.ENTERPRISES: "firm",
    Table.PRODUCTS: "product",
    Table.PRODUCES: "produces fact",
    Table.NEEDS: "needs fact",
    Table.SUPPLIES: "supply",
    Table.COOPERATIONS: "cooperation",
}


def describe(table: Table, key: tuple[Any, ...]) -> str:
    """A fact as a message names it.

    >>> describe(Table.SUPPLIES, ("E1", "E2", "pta"))
    'the supply E1 → E2 (pta)'
    >>> describe(Table.ENTERPRISES, ("E1",))
    'the firm E1'
    """
    name = FACT_NAMES[table]
    if len(key) == 1:
        return f"the {name} {key[0]}"
    return f"the {name} {key[0]} → {key[1]}" + (f" ({key[2]})" if len(key) > 2 else "")


def ended(table: Table, stored: Row) -> Any:
    """When a stored fact stopped holding (a firm: it closed or left), or ``None``."""
    return stored.get("member_until" if table is Table.ENTERPRISES else "until")


def refusal(table: Table, column: str, message: str, code: str) -> EditInvalid:
    """An edit refused for one reason, located at ``table:column``."""
    return EditInvalid([Issue(table.value, 0, column, message, code=code)])


def check_base(table: Table, key: tuple[Any, ...], stored: Row | None, base: int | None) -> None:
    """Refuse (409) when the stored fact was written after ``base``."""
    if base is None or stored is None:
        return
    written = int(stored.get("changed_in") or stored.get("created_in") or 0)
    if written > base:
        what = describe(table, key)
        raise EditConflict(base, written, what[0].upper() + what[1:])


def check_state(table: Table, action: str, key: tuple[Any, ...], stored: Row | None) -> None:
    """Refuse an add of a fact that exists, a change or end of one that does not, and an end
    of one that ended already: located at the key's first field."""
    what, at = describe(table, key), TABLE_KEYS[table][0]
    if action == "add" and stored is not None:
        by = stored.get("created_in")
        since = f" (change set {by})" if by else ""
        msg = f"{what} exists already{since}: change it instead"
        raise refusal(table, at, msg, "exists")
    if action != "add" and stored is None:
        raise refusal(table, at, f"unknown {what[4:]}: it is not in the map", "unknown-fact")
    if action == "end" and stored is not None and ended(table, stored) is not None:
        by = stored.get("ended_in")
        when = f" by change set {by}" if by else ""
        msg = f"{what} ended already on {ended(table, stored)}{when}"
        raise refusal(table, end_column(table), msg, "ended-already")


def write_edit(
    store: GraphStore,
    table: Table,
    action: str,
    row: Row,
    *,
    base: int | None,
    author: str,
) -> Row | None:
    """Write the checked ``row`` of ``table`` as one change set of kind ``edit`` by
    ``author``, after checking (in its transaction) that the fact is still as the editor saw
    it at ``base``. Returns the change set's record (``None`` when the row was the stored
    fact already: nothing changed, nothing recorded)."""
    key = row_key(table, row)
    with change_set(store, author=author, source="edit", kind="edit") as cs:
        found = store.fact_rows(table, [key])
        stored = found[0] if found else None
        check_base(table, key, stored, base)
        check_state(table, action, key, stored)
        cs.upsert(table, [row])
    return cs.record
