"""Files in, cells of text out: folders of CSV files and ``.xlsx`` workbooks.

Nothing here guesses types. Every cell is a trimmed string ("" when empty), so ``0575``
keeps its leading zero and ``=1+1`` stays text. CSV goes through the :mod:`csv` module on the
decoded text, which keeps the field count of every record (pandas would silently shift the
columns of a row with an unquoted comma). Workbooks are read by :mod:`loaders.workbook`
without evaluating formulas: a formula cell yields its formula text. A file or sheet wider
than ``limits.columns`` is refused at its first such row (graph/limits.py).
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field
from datetime import date, datetime, time
from pathlib import Path
from sys import intern
from typing import Any

from chainatlas.graph.errors import Issue
from chainatlas.graph.limits import DEFAULT_LIMITS, Limits
from chainatlas.graph.model import Table
from chainatlas.loaders.schema import table_named

WHOLE = "*"  #: the column of an issue about a whole file or a whole row


@dataclass(frozen=True)
class Layout:
    """How a CSV file's records sit on its lines: what reading changed lines alone needs
    (:mod:`loaders.delta`)."""

    encoding: str  #: ``utf-8`` (with or without BOM) or ``gb18030``
    one_line: bool  #: every record is one line: no quoted value spans lines


@dataclass
class Sheet:
    """One table as read: its header and its non-blank records, numbered as a spreadsheet."""

    table: Table
    file: str
    header_row: int
    header: list[str]
    records: list[tuple[int, list[str]]]
    is_csv: bool
    #: (row, column index) of workbook cells that held a number, not text
    numbers: set[tuple[int, int]] = field(default_factory=set)
    layout: Layout | None = None  #: a CSV file's (:func:`read_csv_file`)


@dataclass
class Source:
    """What a bundle path holds: sheets per table, and problems met while reading."""

    name: str
    path: Path
    is_xlsx: bool
    sheets: dict[Table, Sheet] = field(default_factory=dict)
    found: set[Table] = field(default_factory=set)  #: tables with a file, readable or not
    issues: list[Issue] = field(default_factory=list)
    #: the sheet or file stem each table was read from, as written (企业 or enterprises)
    names: dict[Table, str] = field(default_factory=dict)
    #: CSV files claimed but not read yet (``read_source(..., defer=True)``): see :meth:`take`
    deferred: dict[Table, Path] = field(default_factory=dict)
    limits: Limits = DEFAULT_LIMITS

    def take(self, table: Table) -> tuple[Sheet | None, list[Issue]]:
        """The sheet of ``table`` and the problems met reading it now (a deferred file), or
        ``(None, [])`` when the bundle has none; the source keeps neither, so a bundle read
        table by table holds one table's cells at a time (a million-firm bundle's
        ``supplies.csv`` alone is 10 million records)."""
        file = self.deferred.pop(table, None)
        if file is not None:
            return read_csv_file(file, table, self.limits)
        return self.sheets.pop(table, None), []

    def label(self, table: Table) -> str:
        """How issues name the file of ``table``: ``supplies.csv`` or ``book.xlsx[supplies]``
        (``供应.csv``, ``book.xlsx[供应]`` when so named)."""
        name = self.names.get(table, table.value)
        return f"{self.path.name}[{name}]" if self.is_xlsx else f"{name}.csv"

    def claim(self, table: Table | None, name: str, file: str) -> bool:
        """Whether ``name`` (a sheet, or a file stem) is read as ``table``: not when it names no
        table (a warning) or a table already read under another name (an error)."""
        tables = ", ".join(t.value for t in Table)  # (or their Chinese names, docs/bundle.md)
        if table is None:
            msg = f"not a bundle table; ignored (tables: {tables})"
            self.issues.append(Issue(file, 0, WHOLE, msg, severity="warning", code="unknown-table"))
            return False
        if table in self.found:
            msg = f"a second {table.value} table: {self.names[table]} and {name}; keep one"
            self.issues.append(Issue(file, 0, WHOLE, msg, code="duplicate-table"))
            return False
        self.found.add(table)
        self.names[table] = name
        return True


def decode(data: bytes) -> tuple[str, str]:
    """``data`` as text and the encoding it was in: UTF-8 (with or without BOM), else GB18030.

    GB18030 is a superset of GBK and GB2312, so it also reads files saved as "ANSI" on a
    Chinese Windows. Raises :class:`UnicodeDecodeError` when neither fits.
    """
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise UnicodeDecodeError("utf-16", data, 0, 2, "it is UTF-16")
    try:
        return data.decode("utf-8-sig"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            return data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError as gb_error:
            # the encoding that read further is the one the file was meant to be in
            raise max(utf8_error, gb_error, key=lambda e: e.start) from None


def parse_csv(
    text: str,
    file: str,
    table: Table,
    limits: Limits = DEFAULT_LIMITS,
    encoding: str = "utf-8",
) -> tuple[Sheet | None, list[Issue]]:
    """The records of CSV ``text`` (decoded from ``encoding``); record n (from 1) is
    spreadsheet row n, header included."""
    rows: list[tuple[int, list[str]]] = []
    reader = csv.reader(io.StringIO(text, newline=""), strict=True)
    n = 0
    try:
        for n, record in enumerate(reader, start=1):
            if len(record) > limits.columns:
                return None, [too_wide(file, n, len(record), limits)]
            cells = record_cells(record)
            if any(cells):
                rows.append((n, cells))
    except csv.Error as e:
        hint = "a quoted value is never closed" if "end of data" in str(e) else str(e)
        issue = Issue(
            file,
            n + 1,
            WHOLE,
            f"CSV syntax: {hint}; the rest of the file was not read",
            code="csv-syntax",
        )
        return sheet_of(table, file, rows, is_csv=True), [issue]
    sheet = sheet_of(table, file, rows, is_csv=True)
    if sheet is not None:  # as many lines read as records: each record was one line
        sheet.layout = Layout(encoding, reader.line_num == n)
    return sheet, []


def record_cells(record: list[str]) -> list[str]:
    """A CSV record's cells as every reader keeps them: trimmed, and one object per distinct
    text (a province's ids, units and dates repeat millions of times: a third of a parsed
    bundle's memory, docs/performance.md)."""
    return [intern(c.strip()) for c in record]


def too_wide(file: str, row: int, width: int, limits: Limits) -> Issue:
    msg = f"{width} fields; a file may be at most {limits.columns} columns wide; refused"
    return Issue(file, row, WHOLE, msg, code="too-wide")


def sheet_of(
    table: Table, file: str, rows: list[tuple[int, list[str]]], *, is_csv: bool
) -> Sheet | None:
    if not rows:
        return None
    # the header is the first non-blank row (row 1, unless the file starts with blank lines)
    (header_row, header), *records = rows
    return Sheet(table, file, header_row, header, records, is_csv)


def read_csv_file(
    path: Path, table: Table, limits: Limits = DEFAULT_LIMITS
) -> tuple[Sheet | None, list[Issue]]:
    file = path.name
    data = path.read_bytes()
    try:
        text, encoding = decode(data)
    except UnicodeDecodeError as e:
        line = data[: e.start].count(b"\n") + 1
        why = e.reason if e.encoding == "utf-16" else f"byte 0x{data[e.start]:02x} is not text"
        msg = f"not UTF-8 or GB18030 text ({why}); save the file as CSV UTF-8"
        return None, [Issue(file, line, WHOLE, msg, code="encoding")]
    sheet, issues = parse_csv(text, file, table, limits, encoding)
    if sheet is None and not issues:
        issues = [Issue(file, 0, WHOLE, "the file is empty: no header row", code="missing-header")]
    return sheet, issues


def cell_text(value: Any) -> str:
    """The text of a workbook cell as a person reads it (no float noise, formulas as text)."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    text = getattr(value, "text", value)  # ArrayFormula and friends keep their formula in .text
    return str(text).strip()


def bundle_name(path: Path) -> str:
    """The name a bundle's rows carry (``source_bundle``): a folder's, a workbook's stem."""
    return path.stem if path.is_file() and path.suffix.lower() == ".xlsx" else path.name


def read_source(path: Path, limits: Limits = DEFAULT_LIMITS, *, defer: bool = False) -> Source:
    """Read the bundle at ``path``: a folder of ``<table>.csv`` files or one ``.xlsx`` workbook.
    With ``defer`` the CSV files are claimed but read only when :meth:`Source.take` asks for
    them (a workbook is read whole: its sheets share one archive)."""
    is_xlsx = path.is_file() and path.suffix.lower() == ".xlsx"
    source = Source(name=bundle_name(path), path=path, is_xlsx=is_xlsx, limits=limits)
    if is_xlsx:
        from chainatlas.loaders.workbook import read_xlsx  # it builds on this module

        read_xlsx(path, source, limits)
    elif path.is_dir():
        for file in sorted(p for p in path.iterdir() if p.suffix.lower() == ".csv"):
            table = table_named(file.stem)
            if not source.claim(table, file.stem, file.name) or table is None:
                continue
            if defer:
                source.deferred[table] = file
                continue
            sheet, issues = read_csv_file(file, table, limits)
            source.issues.extend(issues)
            if sheet is not None:
                source.sheets[table] = sheet
    else:
        msg = "a bundle is a folder of CSV files or one .xlsx workbook"
        source.issues.append(Issue(path.name, 0, WHOLE, msg, code="not-a-bundle"))
    return source
