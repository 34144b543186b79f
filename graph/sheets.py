"""Tables out: CSV and XLSX files that a spreadsheet opens as data, never as formulas.

Every CSV or XLSX the project writes (exports, CLI ``--csv``/``--xlsx``, briefings) goes
through this module, so one rule guards them all against formula injection (OWASP "CSV
injection"): a text cell that begins with ``=``, ``+``, ``-``, ``@``, a tab or a carriage return
would be evaluated by Excel, LibreOffice or Google Sheets.

- In **CSV**, which has no cell types, such a text is written with a leading apostrophe
  (``'=HYPERLINK(…)``): spreadsheets show it as text, people can still read it.
- In **XLSX**, cells are typed: such a text is stored as a string cell (openpyxl would otherwise
  store a text starting with ``=`` as a formula), so the value is kept exactly. Characters that
  XML 1.0 cannot carry are replaced by U+FFFD.

Numbers, booleans and ``None`` (an empty cell) are never changed. CSV is UTF-8 with a
byte-order mark, so Excel shows Chinese. :func:`flatten` and :func:`table` turn answer items
(dicts with lists and nested dicts) into rows of scalar cells.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # pandas is imported when a workbook is written, not with the package
    import pandas as pd

#: leading characters that make a spreadsheet evaluate a text cell
FORMULA_LEADS = ("=", "+", "-", "@", "\t", "\r")
#: how list values are joined into one cell
LIST_SEPARATOR = "; "
#: the longest sheet name Excel accepts, and the characters it refuses in one
SHEET_NAME_MAX = 31
_SHEET_NAME_BAD = re.compile(r"[\[\]:*?/\\]")
#: characters XML 1.0 (and so XLSX) cannot carry: C0 controls except tab, newline, CR
_XML_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")

Columns = Sequence[str]
Rows = Iterable[Mapping[str, Any]]


def is_formula_like(value: Any) -> bool:
    """Whether a spreadsheet would evaluate ``value`` as a formula.

    >>> is_formula_like("=1+2"), is_formula_like("-1"), is_formula_like(-1), is_formula_like("PTA")
    (True, True, False, False)
    """
    return isinstance(value, str) and value.startswith(FORMULA_LEADS)


def safe_cell(value: Any) -> Any:
    """``value`` as a CSV cell that shows as written: an apostrophe before formula-like text.

    >>> safe_cell("=1+2"), safe_cell("@SUM(A1)"), safe_cell(3.5), safe_cell(None)
    ("'=1+2", "'@SUM(A1)", 3.5, None)
    """
    return "'" + value if is_formula_like(value) else value


def flatten(item: Mapping[str, Any], prefix: str = "") -> dict[str, Any]:
    """One answer item as scalar cells: nested mappings become ``parent.child`` columns, lists
    of scalars one cell joined by ``"; "``, lists of mappings one cell of their flattened
    values (``k=v`` joined by ``, ``).

    >>> flatten({"id": "E1", "region": {"id": "shangyu"}, "tags": ["a", "b"]})
    {'id': 'E1', 'region.id': 'shangyu', 'tags': 'a; b'}
    >>> flatten({"reasons": [{"code": "same_region", "weight": 0.2}]})
    {'reasons': 'code=same_region, weight=0.2'}
    """
    out: dict[str, Any] = {}
    for key, value in item.items():
        name = f"{prefix}{key}"
        if isinstance(value, Mapping):
            out.update(flatten(value, prefix=f"{name}."))
        elif isinstance(value, list | tuple):
            out[name] = LIST_SEPARATOR.join(_joined(v) for v in value)
        else:
            out[name] = value
    return out


def _joined(value: Any) -> str:
    if isinstance(value, Mapping):
        return ", ".join(f"{k}={v}" for k, v in flatten(value).items() if v is not None)
    return "" if value is None else str(value)


def table(items: Iterable[Mapping[str, Any]]) -> tuple[list[str], list[dict[str, Any]]]:
    """Flattened rows and their columns, in the order the columns first appear.

    >>> table([{"id": "E1", "name": "澜晟"}, {"id": "E2", "scale": "large"}])
    (['id', 'name', 'scale'], [{'id': 'E1', 'name': '澜晟'}, {'id': 'E2', 'scale': 'large'}])
    """
    rows = [flatten(item) for item in items]
    columns = list(dict.fromkeys(key for row in rows for key in row))
    return columns, rows


def csv_text(columns: Columns, rows: Rows) -> str:
    """A CSV document (header, then rows; missing cells empty), formula-like text neutralised."""
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns])
    for row in rows:
        writer.writerow([_csv_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def _csv_cell(value: Any) -> Any:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    return safe_cell(value)


def csv_bytes(columns: Columns, rows: Rows) -> bytes:
    """:func:`csv_text` as UTF-8 with a byte-order mark (what Excel needs to show Chinese)."""
    return csv_text(columns, rows).encode("utf-8-sig")


def sheet_name(name: str, taken: Iterable[str] = ()) -> str:
    """A sheet name Excel accepts: no ``[]:*?/\\``, at most 31 characters, unique in ``taken``.

    >>> sheet_name("补链 targets / gaps"), sheet_name("KPIs", ["KPIs"])
    ('补链 targets _ gaps', 'KPIs (2)')
    """
    base = _SHEET_NAME_BAD.sub("_", name).strip("'") or "Sheet"
    used = set(taken)
    candidate, n = base[:SHEET_NAME_MAX], 1
    while candidate in used:
        n += 1
        suffix = f" ({n})"
        candidate = base[: SHEET_NAME_MAX - len(suffix)] + suffix
    return candidate


def frame(columns: Columns, rows: Rows) -> pd.DataFrame:
    """A DataFrame of ``rows`` with exactly ``columns`` (missing cells ``None``)."""
    import pandas as pd

    return pd.DataFrame([[row.get(c) for c in columns] for row in rows], columns=list(columns))


def xlsx_bytes(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """An XLSX workbook with one sheet per DataFrame, in order, written with pandas.

    Text cells are stored as strings, so ``=…`` is kept as text, never a formula; characters
    XML cannot carry become U+FFFD; sheet names are made acceptable with :func:`sheet_name`.
    """
    import pandas as pd

    buf = io.BytesIO()
    with pd.ExcelWriter(buf, engine="openpyxl") as writer:
        names: list[str] = []
        for name, df in sheets.items():
            names.append(sheet_name(name, names))
            df.map(_xlsx_cell).to_excel(writer, sheet_name=names[-1], index=False)
        for ws in writer.book.worksheets:
            for cells in ws.iter_rows():
                for cell in cells:
                    if cell.data_type == "f":  # a text openpyxl took for a formula
                        cell.data_type = "s"
    return buf.getvalue()


def _xlsx_cell(value: Any) -> Any:
    return _XML_ILLEGAL.sub("\ufffd", value) if isinstance(value, str) else value
