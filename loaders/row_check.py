"""One row of a table, as a form gives it, checked by the loaders' own rules against the store.

An edit (:mod:`loaders.edit`) is a bundle of one row: its text fields are read as a sheet
(:func:`loaders.tables.parse_sheet`: the same cell parsers), and the row is checked by the
same rules as a load (:func:`loaders.validate.validate`: references, self-loops, credit
codes, likely duplicates, units, trade, places, lifetimes). The rules read whole tables, so
the row is put among what they need of the store: the nodes it references, the firms that
share its credit code or its name's core, the supplier's produces and the buyer's needs.
Problems of those stored rows are not the editor's and are dropped; the row's own are located
as ``table:field: reason`` (:class:`~graph.errors.Issue` with ``row`` 0).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from chainatlas.graph.changes import NODE_TABLE
from chainatlas.graph.errors import Issue
from chainatlas.graph.model import Label, Row, Table
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.names import name_parts
from chainatlas.loaders.read import Sheet
from chainatlas.loaders.schema import SPECS
from chainatlas.loaders.tables import TableData, parse_sheet
from chainatlas.loaders.validate import validate

#: the spreadsheet row the edited row stands on; stored rows stand on :data:`STORED`
ROW = 2
STORED = -1


def check_row(
    store: GraphStore, table: Table, fields: Mapping[str, str], *, today: date
) -> tuple[Row, list[Issue]]:
    """The row ``fields`` (column name → text, as a CSV cell holds it) of ``table``, parsed
    and checked by the loaders' rules among what ``store`` holds, and its issues (errors and
    warnings, located ``table:field``); a cell that could not be read is ``None`` in it."""
    names = list(fields)
    sheet = Sheet(table, table.value, 1, names, [(ROW, [fields[n] for n in names])], False)
    issues: list[Issue] = []
    data, _ = parse_sheet(sheet, issues)
    row = data.rows[0]  # one record, never too wide for a workbook's sheet: always a row
    found = validate(_context(store, data, row), today=today)
    assert isinstance(found, list)  # without ``into``, a list
    issues += found
    mine = [_located(table, i) for i in issues if i.file == table.value and i.row != STORED]
    return row, sorted(mine, key=lambda i: (i.severity, i.column, i.code))


def _located(table: Table, issue: Issue) -> Issue:
    # a rule names the earlier row it compared with; a stored one is in the map, not a row
    said = issue.message.replace(f", row {STORED})", ")").replace(f"(row {STORED})", "(in the map)")
    return Issue(table.value, 0, issue.column, said, issue.severity, issue.code)


def _context(store: GraphStore, data: TableData, row: Row) -> dict[Table, TableData]:
    """Every table the rules read: ``row`` last in its own, after the stored rows it must be
    compared with."""
    table = data.table
    tables = {t: TableData(t, t.value, present=t in NODE_TABLE.values()) for t in Table}
    tables[Table.PRODUCES].present = tables[Table.NEEDS].present = True
    refs: dict[Table, set[str]] = {}
    for col in SPECS[table]:
        if col.ref is not None and isinstance(row.get(col.name), str):
            refs.setdefault(col.ref, set()).add(row[col.name])
    firm = refs.get(Table.ENTERPRISES, set())
    for ref, ids in refs.items():
        for node in store.fact_rows(ref, [(i,) for i in sorted(ids)]):
            _add(tables[ref], node)
    if table is Table.ENTERPRISES:
        for other in _alike(store, row):
            _add(tables[table], other)
    if table is Table.SUPPLIES and firm:
        for edge in (Table.PRODUCES, Table.NEEDS):
            end = row["supplier_id"] if edge is Table.PRODUCES else row["buyer_id"]
            for fact in store.incident_rows(edge, [end]):
                _add(tables[edge], fact)  # the firm's own: the other end is a product
    tables[table].rows.append(row)
    tables[table].headers, tables[table].bad = data.headers, data.bad
    return tables


def _alike(store: GraphStore, row: Row) -> list[Row]:
    """Other firms the credit-code and duplicate-name rules compare a firm with."""
    core = name_parts(row["name"])[0] if row.get("name") else None
    code = row.get("credit_code")
    return [
        f
        for f in store.nodes(Label.ENTERPRISE)
        if f["id"] != row.get("id")
        and ((code and f.get("credit_code") == code) or name_parts(f.get("name", ""))[0] == core)
    ]


def _add(data: TableData, stored: Row) -> None:
    columns = {c.name: stored.get(c.name) for c in SPECS[data.table]}
    data.rows.append({**columns, "source_row": STORED})
