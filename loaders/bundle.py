"""Reading and validating a whole bundle: :func:`read_bundle` and :func:`check_bundle`.

Validation runs to the end whatever it meets, so one run lists every problem: file problems
from :mod:`loaders.read`, cell problems from :mod:`loaders.tables`, problems between rows from
:mod:`loaders.validate`. Errors block a load; warnings do not, unless ``strict``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from chainatlas.graph.acyclic import acyclic
from chainatlas.graph.errors import BundleInvalid, BundleTooLarge, Issue
from chainatlas.graph.limits import DEFAULT_LIMITS, TOO_LARGE, Limits
from chainatlas.graph.model import TABLE_COLUMNS, Row, Table
from chainatlas.loaders.issues import IssueLog, Issues
from chainatlas.loaders.read import WHOLE, Layout, read_source
from chainatlas.loaders.schema import REQUIRED_TABLES, SPECS
from chainatlas.loaders.tables import TableData, parse_sheet
from chainatlas.loaders.validate import validate

#: issues after which nothing of the path could be read, so no table is "missing" on top
UNREADABLE = frozenset({"not-a-bundle", "unreadable", "corrupt-archive", "xml-dtd"})


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
    #: how each CSV file's records sit on its lines (a workbook's sheets have none)
    layouts: dict[Table, Layout] = field(default_factory=dict)
    #: rows per table of the whole bundle when ``tables`` holds only the rows whose lines
    #: changed since the last load (:mod:`loaders.delta`); None when it holds every row
    whole: dict[str, int] | None = None
    #: the graph version those lines were read against: a load writes them only into a
    #: graph still at it (every other row is there as the bundle says only then)
    since: str | None = None


def _collect(
    path: Path, today: date | None, log: IssueLog, limits: Limits
) -> tuple[str, dict[Table, TableData]]:
    if not path.exists():
        raise FileNotFoundError(
            f"no bundle at {path}: expected a folder of CSV files or an .xlsx workbook"
        )
    source = read_source(path, limits, defer=True)
    log.extend(source.issues)
    tables: dict[Table, TableData] = {}
    if log.has(TOO_LARGE):
        return source.name, tables  # refused for its shape: nothing more is worth checking
    unreadable = log.has(UNREADABLE)
    # one table's cells at a time (Source.take); their problems wait in ``cells`` so that a
    # file refused for its shape further on still reports that alone, as an eager read did
    cells = IssueLog(log.keep, strict=log.strict)
    for table in Table:
        sheet, issues = source.take(table)
        log.extend(issues)
        if log.has(TOO_LARGE):
            return source.name, {}
        if sheet is None:
            tables[table] = TableData(table, source.label(table), present=False)
            if table in REQUIRED_TABLES and table not in source.found and not unreadable:
                cells.append(
                    Issue(
                        source.label(table),
                        0,
                        WHOLE,
                        f"missing required table {table.value}",
                        code="missing-table",
                    )
                )
            continue
        tables[table], _ = parse_sheet(sheet, cells)
        del sheet  # its cells: the parsed rows keep what they need
    log.absorb(cells)
    validate(tables, today=today, into=log)
    return source.name, tables


def check_bundle(
    path: Path,
    *,
    strict: bool = False,
    today: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Issues:
    """The issues of the bundle at ``path``, sorted by file, row and column: the first
    ``limits.issues`` errors and warnings, and (``.counts``, ``.total``) how many of each code.

    Never raises for bad data; raises :class:`FileNotFoundError` if ``path`` does not exist.
    With ``strict`` every warning is an error. ``today`` is the load date that ``since`` and
    ``until`` may not pass (by default the day it runs).
    """
    log = IssueLog(limits.issues, strict=strict)
    with acyclic():
        _collect(Path(path), today, log, limits)
    return log.result()


def read_bundle(
    path: Path,
    *,
    strict: bool = False,
    today: date | None = None,
    limits: Limits = DEFAULT_LIMITS,
) -> Bundle:
    """The validated rows of the bundle at ``path``.

    Raises :class:`~graph.errors.BundleInvalid` carrying its issues (as :func:`check_bundle`
    gives them) when there is any error, :class:`~graph.errors.BundleTooLarge` when the bundle
    is over a limit; with ``strict`` warnings count as errors. ``today`` as for
    :func:`check_bundle`.
    """
    log = IssueLog(limits.issues, strict=strict)
    with acyclic():
        name, tables = _collect(Path(path), today, log, limits)
        issues = log.result()
        if log.has(TOO_LARGE):
            raise BundleTooLarge(issues)
        if log.has_errors:
            raise BundleInvalid(issues)
        rows = {t: clean_rows(name, data) for t, data in tables.items()}
        layouts = {t: data.layout for t, data in tables.items() if data.layout is not None}
        return Bundle(name, rows, issues, layouts)


def clean_rows(name: str, data: TableData) -> list[Row]:
    """The parsed rows of ``data`` as a bundle holds them (the class docstring), in place."""
    # derived columns (pinyin, base quantities) stay None: the stores derive them as they write
    # (graph.rows.prepare_rows), and deriving them twice would double the cost of a load.
    # Each parsed row is replaced in its list as it is cleaned: one copy of a table, not two.
    # A copy of a blank row in column order, then the parsed values: what clean_row gives, at
    # a third of its cost (a province's bundle has millions of rows)
    blank = dict.fromkeys(TABLE_COLUMNS[data.table])
    blank.update(source_bundle=name, source_file=data.file)
    extra = [c.name for c in SPECS[data.table] if c.name not in blank]  # read, not stored
    rows = data.rows
    for i, row in enumerate(rows):
        for col in extra:
            del row[col]
        clean = blank.copy()
        clean.update(row)
        rows[i] = clean
    return rows
