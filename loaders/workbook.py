"""``.xlsx`` workbooks as sheets of text, read with bounded memory and time.

The archive is verified first (:mod:`chainatlas.loaders.archive`: member count, unpacked size,
CRC, no DTD). openpyxl then reads the workbook's parts (sheet names, shared strings, styles);
the worksheets themselves are streamed here, cell by cell, with openpyxl's own cell parser
(types, shared strings, dates, formulas as their text): every element is dropped as soon as it
is read, the size a sheet claims (``<dimension>``) is ignored, rows that are absent cost
nothing, and a cell beyond ``limits.columns`` or past ``limits.cells`` stops the read with a
located issue. openpyxl's own row iterator pads every row to the claimed width and yields
every missing row, which is how a 6 KB workbook once took gigabytes.
"""

from __future__ import annotations

import warnings
import zipfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import Element, ParseError, iterparse

from chainatlas.graph.errors import Issue
from chainatlas.graph.limits import Limits
from chainatlas.loaders.archive import READ_ERRORS, ArchiveRefused, check_directory, open_zip
from chainatlas.loaders.archive import verify as verify_archive
from chainatlas.loaders.read import WHOLE, Source, cell_text, sheet_of
from chainatlas.loaders.schema import table_named

_NS = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
ROW, CELL = _NS + "row", _NS + "c"
SHARED_STRINGS = "xl/sharedstrings.xml"
#: what openpyxl or the XML parser raise on a damaged or malformed workbook
BOOK_ERRORS: tuple[type[Exception], ...] = (
    *READ_ERRORS,
    OSError,
    KeyError,
    ParseError,
    IndexError,
    TypeError,
)


class SheetRefused(Exception):
    """A worksheet over a limit, or one that cannot be parsed; ``issue`` locates it."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue


def read_xlsx(path: Path, source: Source, limits: Limits) -> None:
    """Fill ``source`` with the sheets of the workbook at ``path`` that name a table."""
    try:
        with open_zip(path, path.name, ".xlsx workbook") as zf:
            members = zf.infolist()
            check_directory(members, path.name, limits)
            _count_strings(zf, members, path.name, limits)
            verify_archive(zf, members, path.name)
        with warnings.catch_warnings():
            # openpyxl warns about workbook features it drops (data validation, styles)
            warnings.simplefilter("ignore")
            from openpyxl import load_workbook

            book = load_workbook(path, read_only=True, data_only=False)
    except ArchiveRefused as e:
        source.issues.append(e.issue)
        return
    except BOOK_ERRORS as e:
        msg = f"not a readable .xlsx workbook ({type(e).__name__})"
        source.issues.append(Issue(path.name, 0, WHOLE, msg, code="unreadable"))
        return
    try:
        _read_sheets(book, source, limits)
    finally:
        book.close()


def _count_strings(
    zf: zipfile.ZipFile, members: list[zipfile.ZipInfo], label: str, limits: Limits
) -> None:
    # the shared-strings table is read whole before any sheet: bound its entries as cells
    for m in members:
        if m.filename.lower() != SHARED_STRINGS:
            continue
        n, tail = 0, b""
        try:
            with zf.open(m) as fh:
                while chunk := fh.read(2**20):
                    n += (tail + chunk).count(b"<si") - tail.count(b"<si")
                    tail = chunk[-3:]
        except READ_ERRORS:
            return  # verify() names the damage
        if n > limits.cells:
            msg = f"{n} shared strings; a workbook may hold at most {limits.cells} cells"
            raise ArchiveRefused(Issue(label, 0, WHOLE, msg, code="too-many-cells"))


def _read_sheets(book: Any, source: Source, limits: Limits) -> None:
    budget = [limits.cells]
    for ws in book.worksheets:
        title = ws.title.strip()
        table = table_named(title)  # English or Chinese (企业, 供应 …)
        if not source.claim(table, title, f"{source.path.name}[{ws.title}]") or table is None:
            continue
        label = source.label(table)
        numbers: set[tuple[int, int]] = set()
        try:
            rows = list(_rows(book, ws, label, limits, budget, numbers))
        except SheetRefused as e:
            source.issues.append(e.issue)
            return
        sheet = sheet_of(table, label, rows, is_csv=False)
        if sheet is not None:
            sheet.numbers = numbers  # cells Excel held as numbers: a credit code's hint
        if sheet is None:
            msg = "the sheet is empty: no header row"
            source.issues.append(Issue(label, 0, WHOLE, msg, code="missing-header"))
        else:
            source.sheets[table] = sheet


def _rows(
    book: Any, ws: Any, label: str, limits: Limits, budget: list[int], numbers: set[tuple[int, int]]
) -> Iterator[tuple[int, list[str]]]:
    """The non-blank rows of ``ws`` as (row number, cells), trailing empty cells dropped."""
    from openpyxl.worksheet._reader import WorkSheetParser

    with ws._get_source() as src:
        parser = WorkSheetParser(
            src,
            ws._shared_strings,
            data_only=False,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        try:
            yield from _stream(src, parser, label, limits, budget, numbers)
        except SheetRefused:
            raise
        except BOOK_ERRORS as e:
            # ValueError (in READ_ERRORS) covers a bad cell reference or number too
            where = f"row {parser.row_counter}" if parser.row_counter else "its start"
            msg = f"the sheet cannot be read at {where} ({type(e).__name__}); nothing was read"
            raise SheetRefused(Issue(label, 0, WHOLE, msg, code="unreadable")) from None


def _stream(
    src: Any,
    parser: Any,
    label: str,
    limits: Limits,
    budget: list[int],
    numbers: set[tuple[int, int]],
) -> Iterator[tuple[int, list[str]]]:
    stack: list[Element] = []
    in_cell = False
    values: dict[int, str] = {}
    for event, el in iterparse(src, events=("start", "end")):
        if event == "start":
            stack.append(el)
            if el.tag == ROW:
                r = el.get("r")
                parser.row_counter = int(r) if r else parser.row_counter + 1
                parser.col_counter = 0
                values = {}
            in_cell = in_cell or el.tag == CELL
            continue
        stack.pop()
        if el.tag == CELL:
            in_cell = False
            cell = parser.parse_cell(el)
            _cell(cell, values, label, limits, budget)
            value = cell["value"]
            if isinstance(value, int | float) and not isinstance(value, bool):
                numbers.add((cell["row"], cell["column"] - 1))
        elif el.tag == ROW and values:
            cells = [""] * max(values)
            for column, text in values.items():
                cells[column - 1] = text
            yield parser.row_counter, cells
        if not in_cell and stack:
            stack[-1].remove(el)  # nothing read stays in memory


def _cell(
    cell: dict[str, Any], values: dict[int, str], label: str, limits: Limits, budget: list[int]
) -> None:
    column, text = cell["column"], cell_text(cell["value"])
    if not text:
        return
    row = cell["row"]
    if column > limits.columns:
        msg = f"a value in column {column}; a sheet may be at most {limits.columns} columns wide"
        raise SheetRefused(Issue(label, row, WHOLE, msg, code="too-wide"))
    budget[0] -= 1
    if budget[0] < 0:
        msg = f"more than {limits.cells} cells in the workbook; nothing more was read"
        raise SheetRefused(Issue(label, row, WHOLE, msg, code="too-many-cells"))
    values[column] = text
