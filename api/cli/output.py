"""How a query command answers: a table on the terminal (names beside ids), the API's JSON
with ``--json``, or the answer's table as a file with ``--csv`` / ``--xlsx`` (the columns
``Answer.to_pandas`` has: :mod:`chainatlas.graph.tables`, written by
:mod:`chainatlas.graph.sheets`).

The commands read through an :class:`~chainatlas.api.atlas.Atlas`, so each answers exactly as
its route and its Python method do. A Neo4j store is pinged first: an unreachable server is
one line and exit 3 (:func:`chainatlas.api.cli.app.main`), not a minute of driver retries.
"""

from __future__ import annotations

import inspect
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.table import Table as RichTable

from chainatlas.api.atlas import Answer, Atlas
from chainatlas.api.cli.common import AsOfOpt, DataOpt, JsonOpt, emit_json, err, opened, out
from chainatlas.graph.queries.reasons import plain
from chainatlas.graph.settings import get_settings
from chainatlas.graph.tables import Tabular

CsvOpt = Annotated[
    Path | None,
    typer.Option(
        "--csv", help="Write the answer's table as CSV (UTF-8, BOM) to this file; - for stdout."
    ),
]
XlsxOpt = Annotated[
    Path | None, typer.Option("--xlsx", help="Write the answer's table as an XLSX workbook.")
]
OffsetOpt = Annotated[int, typer.Option("--offset", min=0, help="Rows to skip.")]
PageOpt = Annotated[int, typer.Option("--limit", min=1, max=500, help="Rows at most.")]
#: one page of a hub's answer (profile, tiers, impact), as its route pages it
HubPageOpt = Annotated[
    int, typer.Option("--limit", min=1, max=1000, help="Items per list at most.")
]
#: right-aligned columns (numbers)
NUMERIC = ("Int64", "Float64")


def day(as_of: datetime | None) -> date | None:
    return None if as_of is None else as_of.date()


@contextmanager
def usage_errors() -> Iterator[None]:
    """A query refusing its options is a usage error (exit 2), like a bad option."""
    try:
        yield
    except ValueError as e:
        raise typer.BadParameter(str(e)) from None


@contextmanager
def atlas_for(data: Path | None) -> Iterator[Atlas]:
    """An atlas on the configured store (``--data``: a bundle), pinged, closed afterwards;
    a query refusing its options is a usage error (exit 2)."""
    with Atlas(opened(data), get_settings()) as atlas, usage_errors():
        yield atlas


def titled(title: str, *columns: str) -> RichTable:
    """An empty terminal table (scores, counts, tiers, hops and firms right-aligned)."""
    table = RichTable(title=title, title_justify="left")
    for c in columns:
        right = c.endswith(("Score", "Count", "Tier", "Hops", "Firms"))
        table.add_column(c, justify="right" if right else "left")
    return table


def text(value: Any) -> str:
    """A value in a terminal table: floats as :g, but never with an exponent."""
    if value is None:
        return ""
    if isinstance(value, float):
        return plain(value, 6)
    return str(value)


def full_name(item: Mapping[str, Any]) -> str:
    """``中文名 English name`` as far as known."""
    return " ".join(str(p) for p in (item.get("name"), item.get("name_en")) if p)


def retyped(command: Callable[..., None], drop: str = "", **options: Any) -> Callable[..., None]:
    """``command`` without the parameter ``drop`` and with the other ``options`` annotated
    anew: typer reads a command's arguments and options from its signature."""
    signature = inspect.signature(command, eval_str=True)
    kept = [
        p.replace(annotation=options.get(p.name, p.annotation))
        for p in signature.parameters.values()
        if p.name != drop
    ]
    setattr(command, "__signature__", signature.replace(parameters=kept))  # noqa: B010
    return command


def write_files(table: Tabular, csv: Path | None, xlsx: Path | None, sheet: str) -> bool:
    """Write the table where ``--csv`` / ``--xlsx`` say; whether anything was written."""
    if csv is not None:
        if str(csv) == "-":
            sys.stdout.buffer.write(table.csv())
            sys.stdout.flush()
        else:
            csv.write_bytes(table.csv())
            err.print(f"wrote {csv} ({len(table.rows)} rows)", highlight=False)
    if xlsx is not None:
        xlsx.write_bytes(table.xlsx(sheet))
        err.print(f"wrote {xlsx} ({len(table.rows)} rows)", highlight=False)
    return csv is not None or xlsx is not None


def cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, float):
        return f"{value:g}"
    return str(value)


def print_table(table: Tabular, title: str, columns: Sequence[str] | None = None) -> None:
    """The table on the terminal (``columns``: the ones that fit; every one by default)."""
    shown = [c for c in (columns or table.columns) if c in table.types]
    rich = RichTable(title=title, title_justify="left")
    for c in shown:
        rich.add_column(c, justify="right" if table.types[c] in NUMERIC else "left")
    for row in table.rows:
        rich.add_row(*(cell(row.get(c)) for c in shown))
    out.print(rich)


def emit(
    answer: Answer[Any],
    *,
    title: str,
    json_out: bool,
    csv: Path | None = None,
    xlsx: Path | None = None,
    columns: Sequence[str] | None = None,
) -> None:
    """Answer a command: files, JSON or the terminal table (in that order of precedence)."""
    table = answer.table()
    if write_files(table, csv, xlsx, answer.kind):
        return
    if json_out:
        emit_json(answer.data)
        return
    total = answer.get("total")
    print_table(table, f"{title} ({total})" if total is not None else title, columns)


def ranked(
    name: str,
    ask: Callable[..., Answer[Any]],
    doc: str,
    title: str,
    columns: Sequence[str] | None = None,
    *,
    pages: bool = True,
) -> Callable[..., None]:
    """A command answering one list of the atlas, ``ask(atlas, limit, offset, day)`` (without
    ``offset`` unless ``pages``): ``--limit``, ``--offset``, ``--as-of``, ``--json``, ``--csv``,
    ``--xlsx``, ``--data``; ``doc`` is its help."""

    def command(
        limit: PageOpt = 50,
        offset: OffsetOpt = 0,
        as_of: AsOfOpt = None,
        json_out: JsonOpt = False,
        csv: CsvOpt = None,
        xlsx: XlsxOpt = None,
        data: DataOpt = None,
    ) -> None:
        with atlas_for(data) as atlas:
            window = (limit, offset) if pages else (limit,)
            answer = ask(atlas, *window, day(as_of))
        emit(answer, title=title, json_out=json_out, csv=csv, xlsx=xlsx, columns=columns)

    command.__name__ = command.__qualname__ = name
    command.__doc__ = doc
    return command if pages else retyped(command, drop="offset")
