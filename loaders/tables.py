"""Sheets of text into rows of native values: headers mapped, every cell parsed and checked.

Problems of single cells are found here; problems between rows (duplicates, references) are
found by :mod:`loaders.validate` on what this module returns.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass, field
from typing import Any

from chainatlas.graph.errors import Issue
from chainatlas.graph.model import TABLE_KEYS, Row, Table
from chainatlas.loaders.cells import CONTROL, CellError, cell_parser, control_problem, parse_id
from chainatlas.loaders.issues import IssueLog
from chainatlas.loaders.read import WHOLE, Layout, Sheet
from chainatlas.loaders.schema import IGNORED_HEADERS, LOOKUP, SPECS, Col, header_key


@dataclass
class TableData:
    """The parsed rows of one table, and how to name its columns to the person who wrote it."""

    table: Table
    file: str
    headers: dict[str, str] = field(default_factory=dict)  #: column -> header as written
    rows: list[Row] = field(default_factory=list)  #: every column (None if empty) + source_row
    #: keys of rows skipped for a wrong field count: they still exist for references
    broken_keys: set[tuple[Any, ...]] = field(default_factory=set)
    #: (row, column) of cells that failed to parse: later rules leave them alone
    bad: set[tuple[int, str]] = field(default_factory=set)
    #: False when the file is absent or unreadable: no data, which is not data saying "none"
    present: bool = True
    layout: Layout | None = None  #: how a CSV file's records sit on its lines

    def header(self, column: str) -> str:
        return self.headers.get(column, column)

    def issue(
        self, row: int, column: str, message: str, code: str, *, warning: bool = False
    ) -> Issue:
        return Issue(
            self.file, row, self.header(column), message, "warning" if warning else "error", code
        )


def letter(index: int) -> str:
    """The spreadsheet letter of a 0-based column index (0 → A, 26 → AA)."""
    name = ""
    index += 1
    while index:
        index, rem = divmod(index - 1, 26)
        name = chr(ord("A") + rem) + name
    return name


def map_header(sheet: Sheet, data: TableData) -> tuple[dict[int, Col], list[Issue]]:
    """Which column each header cell names; unknown, duplicate and missing columns."""
    issues: list[Issue] = []
    columns: dict[int, Col] = {}
    seen: dict[str, int] = {}
    lookup = LOOKUP[sheet.table]
    for i, text in enumerate(sheet.header):
        key = header_key(text)
        if not key or key in IGNORED_HEADERS:
            continue
        col = lookup.get(key)
        if col is None:
            guess = difflib.get_close_matches(key, list(lookup), n=1)
            hint = (
                f"did you mean {guess[0]!r}?"
                if guess
                else "columns: " + ", ".join(c.name for c in SPECS[sheet.table])
            )
            issues.append(
                Issue(
                    sheet.file,
                    sheet.header_row,
                    text,
                    f"unknown column {text!r} ({hint})",
                    code="unknown-column",
                )
            )
        elif col.name in seen:
            msg = f"duplicate column {col.name} (first in column {letter(seen[col.name])})"
            issues.append(Issue(sheet.file, sheet.header_row, text, msg, code="duplicate-column"))
        else:
            seen[col.name] = i
            columns[i] = col
            data.headers[col.name] = text
    for col in SPECS[sheet.table]:
        if col.required and col.name not in seen:
            msg = f"missing required column {col.name} ({col.zh})"
            issues.append(Issue(sheet.file, 0, col.name, msg, code="missing-column"))
    return columns, issues


def _field_count(sheet: Sheet, cells: list[str]) -> str | None:
    width = len(sheet.header)
    if sheet.is_csv and len(cells) != width:
        hint = " (an unquoted comma in a value?)" if len(cells) > width else ""
        return f"{len(cells)} fields but the header has {width}{hint}"
    if not sheet.is_csv and len(cells) > width:
        return f"values beyond the last header column ({letter(width - 1)})"
    return None


def _broken_key(data: TableData, columns: dict[int, Col], cells: list[str]) -> None:
    # an id that precedes the misplaced comma is still where it should be
    try:
        where = {c.name: i for i, c in columns.items()}
        key = tuple(parse_id(cells[where[k]]) for k in TABLE_KEYS[data.table])
    except (KeyError, IndexError, CellError):
        return
    data.broken_keys.add(key)


#: what a code cell that Excel holds as a number is told: an 18-digit credit code typed into a
#: number cell keeps only 15 significant digits (and a leading zero is lost)
NUMBER_HINT = (
    "; the cell holds a number, and Excel keeps only 15 digits of a number:"
    " format the column as text (设置单元格格式 → 文本) and enter the code again"
)


def _controls(sheet: Sheet, issues: list[Issue] | IssueLog) -> set[tuple[int, int]]:
    """Report every cell holding a control character: (row, index) of each. A header cell
    that holds one is blanked (its column is then unnamed or missing)."""
    found: set[tuple[int, int]] = set()
    for n, cells in [(sheet.header_row, sheet.header), *sheet.records]:
        if CONTROL.search("\t".join(cells)) is None:  # one search per row, as a rule
            continue
        for i, raw in enumerate(cells):
            problem = control_problem(raw)
            if problem is None:
                continue
            head = sheet.header[i] if n != sheet.header_row and i < len(sheet.header) else ""
            where = head or letter(i)
            issues.append(Issue(sheet.file, n, where, problem, code="control-character"))
            found.add((n, i))
    for n, i in found:
        if n == sheet.header_row:
            sheet.header[i] = ""
    return found


def parse_sheet(
    sheet: Sheet, into: list[Issue] | IssueLog | None = None
) -> tuple[TableData, list[Issue] | IssueLog]:
    """The rows of ``sheet`` as native values, and every problem of its cells (appended to
    ``into`` when given: an :class:`~loaders.issues.IssueLog` keeps their memory bounded)."""
    data = TableData(sheet.table, sheet.file, layout=sheet.layout)
    issues: list[Issue] | IssueLog = [] if into is None else into
    controls = _controls(sheet, issues)
    columns, found = map_header(sheet, data)
    issues.extend(found)
    width = len(sheet.header)
    # per column, once: its spec (None: a column without one, never parsed) and parser. The
    # loop below runs for every cell of a province's bundle, millions: nothing is looked up twice
    plan = [
        (i, columns.get(i), cell_parser(columns[i].kind if i in columns else "text"))
        for i in range(width)
    ]
    blank: Row = {c.name: None for c in SPECS[sheet.table]}
    unnamed: set[int] = set()
    for n, cells in sheet.records:
        if len(cells) != width:
            problem = _field_count(sheet, cells)
            if problem:
                issues.append(Issue(sheet.file, n, WHOLE, problem, code="field-count"))
                _broken_key(data, columns, cells)
                continue
            cells = cells + [""] * (width - len(cells))
        row = blank.copy()
        for (i, col, parse), raw in zip(plan, cells, strict=True):
            if col is None:
                if raw and not header_key(sheet.header[i]) and i not in unnamed:
                    unnamed.add(i)
                    issues.append(
                        Issue(
                            sheet.file,
                            n,
                            letter(i),
                            "a value in a column without a header",
                            code="unnamed-column",
                        )
                    )
                continue
            if controls and (n, i) in controls:
                continue
            if not raw:
                if col.required:
                    msg = "required value is empty"
                    issues.append(data.issue(n, col.name, msg, "missing-value"))
                continue
            try:
                row[col.name] = parse(raw)
            except CellError as e:
                number = col.kind == "credit_code" and (n, i) in sheet.numbers
                message = e.message + (NUMBER_HINT if number else "")
                issues.append(data.issue(n, col.name, message, e.code))
                data.bad.add((n, col.name))
        row["source_row"] = n
        data.rows.append(row)
    return data, issues
