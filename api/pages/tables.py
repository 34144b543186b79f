"""The tables the pages show and export. Which columns an answer gives is chosen once, by
:mod:`chainatlas.graph.tables` (the same layout ``to_pandas``, the CLI's ``--csv`` and the
briefing use); this module heads them for people (:mod:`chainatlas.graph.tables.headings`:
"中文 English" in files, one language at a time on a page) and answers the files.

Every CSV and XLSX is written by :mod:`chainatlas.graph.sheets`: UTF-8 with a byte-order mark
(for Excel), formula-like text (``= + - @``) neutralised.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import quote

from fastapi.responses import Response

from chainatlas.graph import sheets
from chainatlas.graph.tables import Tabular, heading, tabulate

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def table(kind: str, answer: Mapping[str, Any], names: Mapping[str, str] | None = None) -> Tabular:
    """The table of an answer of ``kind`` (``names``: ``Label:id`` → name)."""
    return tabulate(kind, answer, names)


def shown(kind: str, tab: Tabular) -> dict[str, Any]:
    """What a page's ``data_table`` needs: the kind, ``(key, 中文, English)`` columns, rows
    with every column (an absent cell ``None``)."""
    return {
        "kind": kind,
        "columns": [(c, *heading(c)) for c in tab.columns],
        "rows": [{c: r.get(c) for c in tab.columns} for r in tab.rows],
    }


def workbook(tables: Mapping[str, Tabular]) -> bytes:
    """An XLSX workbook, one sheet per table (sheet name → table), headed, via pandas."""
    return sheets.xlsx_bytes({name: t.frame(headed=True) for name, t in tables.items()})


def download(name: str, fmt: str, tables: Mapping[str, Tabular]) -> Response:
    """``tables`` (sheet name → table) as a CSV (the first table) or an XLSX file."""
    if fmt == "csv":
        body = next(iter(tables.values())).csv(headed=True)
        media = "text/csv; charset=utf-8"
    else:
        body = workbook(tables)
        media = XLSX
    filename = f"{name}.{fmt}"
    return Response(
        body,
        media_type=media,
        headers={
            "Content-Disposition": f'attachment; filename="chainatlas.{fmt}"; '
            f"filename*=UTF-8''{quote(filename)}",
            "X-Content-Type-Options": "nosniff",
        },
    )
