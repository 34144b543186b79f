"""Reading and validating a whole bundle: :func:`read_bundle` and :func:`check_bundle`.

Validation runs to the end whatever it meets, so one run lists every problem: file problems
from :mod:`loaders.read`, cell problems from :mod:`loaders.tables`, problems between rows from
:mod:`loaders.validate`. Errors block a load; warnings do not, unless ``strict``.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path

from chainatlas.graph.errors import BundleInvalid, Issue
from chainatlas.graph.model import Row, Table, clean_row
from chainatlas.loaders.read import WHOLE, read_source
from chainatlas.loaders.schema import REQUIRED_TABLES
from chainatlas.loaders.tables import TableData, parse_sheet
from chainatlas.loaders.validate import validate

#: issues after which nothing of the path could be read, so no table is "missing" on top
UNREADABLE = frozenset({"not-a-bundle", "unreadable"})


@dataclass
class Bundle:
    """A valid bundle: rows per table and its warnings.

    Every row has exactly the columns of ``graph.model.TABLE_COLUMNS`` (provenance included)
    holding native values or None; the derived columns (``pinyin``, ``initials``,
    ``*_base``, ``base_unit``) are None until a store writes the row.
    """

    name: str
    tables: dict[Table, list[Row]]
    warnings: list[Issue]


def _collect(path: Path, today: date | None) -> tuple[str, dict[Table, TableData], list[Issue]]:
    if not path.exists():
        raise FileNotFoundError(
            f"no bundle at {path}: expected a folder of CSV files or an .xlsx workbook"
        )
    source = read_source(path)
    issues = list(source.issues)
    unreadable = any(i.code in UNREADABLE for i in issues)
    tables: dict[Table, TableData] = {}
    for table in Table:
        sheet = source.sheets.get(table)
        if sheet is None:
            tables[table] = TableData(table, source.label(table), present=False)
            if table in REQUIRED_TABLES and table not in source.found and not unreadable:
                issues.append(
                    Issue(
                        source.label(table),
                        0,
                        WHOLE,
                        f"missing required table {table.value}",
                        code="missing-table",
                    )
                )
            continue
        tables[table], found = parse_sheet(sheet)
        issues.extend(found)
    issues.extend(validate(tables, today=today))
    return source.name, tables, issues


def _severity(issues: list[Issue], strict: bool) -> list[Issue]:
    if strict:
        issues = [replace(i, severity="error") for i in issues]
    return sorted(issues)


def check_bundle(path: Path, *, strict: bool = False, today: date | None = None) -> list[Issue]:
    """Every issue of the bundle at ``path``, sorted by file, row and column.

    Never raises for bad data; raises :class:`FileNotFoundError` if ``path`` does not exist.
    With ``strict`` every warning is an error. ``today`` is the load date that ``since`` and
    ``until`` may not pass (by default the day it runs).
    """
    _, _, issues = _collect(Path(path), today)
    return _severity(issues, strict)


def read_bundle(path: Path, *, strict: bool = False, today: date | None = None) -> Bundle:
    """The validated rows of the bundle at ``path``.

    Raises :class:`~graph.errors.BundleInvalid` carrying every issue (errors and warnings,
    sorted) when there is any error; with ``strict`` warnings count as errors. ``today`` as
    for :func:`check_bundle`.
    """
    name, tables, found = _collect(Path(path), today)
    issues = _severity(found, strict)
    if any(i.severity == "error" for i in issues):
        raise BundleInvalid(issues)
    return Bundle(name, {t: _rows(name, data) for t, data in tables.items()}, issues)


def _rows(name: str, data: TableData) -> list[Row]:
    # derived columns (pinyin, base quantities) stay None: the stores derive them as they write
    # (graph.rows.prepare_rows), and deriving them twice would double the cost of a load
    return [
        clean_row(data.table, {**row, "source_bundle": name, "source_file": data.file})
        for row in data.rows
    ]
