"""Reverting a change set: a new change set that puts every fact it touched back.

For each fact change set ``X`` touched, the revert sets it to what it was before ``X``: a fact
``X`` added is removed from the graph (its record stays in ``X``'s history), a fact ``X``
changed or ended gets its earlier values back, a fact ``X`` removed (``X`` was itself a revert)
comes back. The revert is a change set like any other (``kind`` ``revert``, ``reverts`` = X),
so it can be reverted in turn, and ``X`` is marked ``reverted_by`` it.

It is refused (:class:`~graph.errors.ChangeConflict`, nothing written) when a later change set
built on ``X``: one of ``X``'s facts is no longer as ``X`` left it (a later load changed or
ended it), or a fact of a later change set hangs on a node ``X`` added. The error names both
change sets; revert the later one first. A change set already reverted is refused too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chainatlas.graph.changes import Key, change_set
from chainatlas.graph.errors import ChangeConflict
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Row, Table, row_key

if TYPE_CHECKING:
    from chainatlas.graph.store import GraphStore

#: (table, key) -> (the fact before X, whether X left it absent)
Plan = dict[tuple[Table, Key], tuple[Row | None, bool]]


def revert(store: GraphStore, id: int, *, author: str) -> Row:
    """Revert change set ``id`` on ``store``; return the record of the new change set."""
    target = store.change_set(id)
    if target.get("reverted_by"):
        by = int(target["reverted_by"])
        raise ChangeConflict(id, by, f"change set {by} reverted it already")
    with change_set(store, author=author, source=f"revert {id}", kind="revert", reverts=id) as cs:
        plan = _plan(store, id)
        current = _current(store, plan)
        _check(store, id, plan, current)
        for table, facts in _ordered(plan):
            cs.restore(table, [(key, before, current.get((table, key))) for key, before in facts])
        store.mark_reverted(id, cs.id)
        if target.get("kind") == "revert" and target.get("reverts"):
            store.mark_reverted(int(target["reverts"]), None)
    assert cs.record is not None  # a change set that did something always records
    return cs.record


def _plan(store: GraphStore, id: int) -> Plan:
    """Every fact ``id`` touched: its state before ``id``, and whether ``id`` removed it."""
    plan: Plan = {}
    for entry in store.change_entries(id):
        k = (Table(entry["table"]), tuple(entry["key"]))
        before = plan[k][0] if k in plan else entry["before"]
        plan[k] = (before, entry["op"] == "removed")
    for table in Table:
        for row in store.stamped_rows(table, id):
            k = (table, row_key(table, row))
            if k not in plan and row.get("created_in") == id:
                plan[k] = (None, False)  # added by id: absent before it
    return plan


def _current(store: GraphStore, plan: Plan) -> dict[tuple[Table, Key], Row]:
    """The facts of ``plan`` as they are now (absent ones missing)."""
    now: dict[tuple[Table, Key], Row] = {}
    for table in Table:
        keys = [key for t, key in plan if t is table]
        if keys:
            for row in store.fact_rows(table, keys):
                now[(table, row_key(table, row))] = row
    return now


def _check(store: GraphStore, id: int, plan: Plan, current: dict[tuple[Table, Key], Row]) -> None:
    for (table, key), (_, removed) in plan.items():
        row = current.get((table, key))
        what = f"a fact of {table.value}"
        if removed and row is not None:
            _refuse(id, row.get("changed_in"), store, f"a later change set brought back {what}")
        if not removed and row is None:
            _refuse(id, None, store, f"a later change set removed {what}")
        if row is not None and not removed and row.get("changed_in") != id:
            _refuse(id, row.get("changed_in"), store, f"a later change set rewrote {what}")
    added = {
        NODE_TABLES[t]: {key[0] for (tt, key), (b, _) in plan.items() if tt is t and b is None}
        for t in NODE_TABLES
    }
    for table, (_, (src, src_col), (dst, dst_col)) in EDGE_TABLES.items():
        ids = added[src] | added[dst]
        for row in store.incident_rows(table, sorted(ids)) if ids else []:
            ends = {(src, row[src_col]), (dst, row[dst_col])}
            hangs = any(i in added[label] for label, i in ends)
            if hangs and (table, row_key(table, row)) not in plan:
                what = f"a later fact of {table.value} hangs on a node it added"
                _refuse(id, row.get("changed_in"), store, what)


def _refuse(id: int, blocking: Any, store: GraphStore, reason: str) -> None:
    later = int(blocking) if blocking is not None else store.head()
    raise ChangeConflict(id, later, f"{reason} (change set {later}); revert {later} first")


def _ordered(plan: Plan) -> list[tuple[Table, list[tuple[Key, Row | None]]]]:
    """Per table, the facts to put back: nodes back before the edges that need them, edges
    removed before the nodes they hang on."""
    tables = list(Table)

    def facts(table: Table, back: bool | None) -> list[tuple[Key, Row | None]]:
        found = [
            (key, before)
            for (t, key), (before, _) in plan.items()
            if t is table and (back is None or (before is not None) == back)
        ]
        return sorted(found, key=lambda f: repr(f[0]))

    steps = [(t, facts(t, True)) for t in tables if t in NODE_TABLES]
    steps += [(t, facts(t, None)) for t in tables if t in EDGE_TABLES]
    steps += [(t, facts(t, False)) for t in reversed(tables) if t in NODE_TABLES]
    return [(t, f) for t, f in steps if f]
