"""What a change set did, fact by fact: the history view of ``GET /api/changes/{id}``.

Facts it added are the stored facts whose ``created_in`` is its id; facts it changed, ended
or removed are its entries. Each comes with its provenance (``source_file``, ``source_row``)
as the fact now states it, when the fact is still as that change set left it.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from chainatlas.graph.model import Row, Table, row_key

if TYPE_CHECKING:
    from chainatlas.graph.store import GraphStore


def change_facts(store: GraphStore, id: int) -> list[Row]:
    """``{table, key, op, source_file, source_row}`` for every fact change set ``id``
    touched, in table order (nodes first) and then key order."""
    entries = store.change_entries(id)
    ops = {(Table(e["table"]), tuple(e["key"])): e["op"] for e in entries}
    where: dict[tuple[Table, tuple[Any, ...]], Row] = {}
    for table in Table:
        for row in store.stamped_rows(table, id):
            k = (table, row_key(table, row))
            if row.get("changed_in") == id:
                where[k] = row
            if k not in ops and row.get("created_in") == id:
                ops[k] = "added"
    order = list(Table)
    found = [
        {
            "table": table.value,
            "key": list(key),
            "op": op,
            "source_file": where.get((table, key), {}).get("source_file"),
            "source_row": where.get((table, key), {}).get("source_row"),
        }
        for (table, key), op in ops.items()
    ]
    found.sort(key=lambda f: (order.index(Table(f["table"])), [str(k) for k in f["key"]]))
    return found
