"""Test helpers that re-save a CSV bundle in another form: re-encoded CSV, or one workbook."""

from __future__ import annotations

import csv
import io
import re
from pathlib import Path

from openpyxl import Workbook

from chainatlas.loaders.read import decode

_PLAIN_NUMBER = re.compile(r"^(0|[1-9]\d*)(\.\d+)?$")


def csv_rows(path: Path) -> list[list[str]]:
    text, _ = decode(path.read_bytes())
    return list(csv.reader(io.StringIO(text, newline="")))


def reencode(folder: Path, target: Path, encoding: str) -> Path:
    """Copy the CSV files of ``folder`` to ``target`` in ``encoding`` (e.g. utf-8-sig, gb18030)."""
    target.mkdir(parents=True, exist_ok=True)
    for path in sorted(folder.glob("*.csv")):
        text, _ = decode(path.read_bytes())
        (target / path.name).write_bytes(text.encode(encoding))
    return target


def to_xlsx(folder: Path, target: Path, *, numbers: bool = False) -> Path:
    """One workbook with a sheet per CSV file of ``folder``.

    Cells are written as text (a cell starting with ``=`` becomes a formula, as when a person
    types it); with ``numbers`` plain decimal numbers are written as numeric cells instead.
    """
    book = Workbook()
    book.remove(book.active)
    for path in sorted(folder.glob("*.csv")):
        sheet = book.create_sheet(path.stem)
        for record in csv_rows(path):
            sheet.append([_cell(v, numbers) for v in record])
    target.parent.mkdir(parents=True, exist_ok=True)
    book.save(target)
    return target


def _cell(value: str, numbers: bool) -> str | int | float | None:
    if not value:
        return None
    if numbers and _PLAIN_NUMBER.match(value):
        return float(value) if "." in value else int(value)
    return value


HERE = Path(__file__).resolve().parents[1] / "data"
GOOD = HERE / "good"
BAD = HERE / "bad"
BAD_CASES = sorted(p.name for p in BAD.iterdir() if (p / "expected.txt").exists())


def bad_case(name: str, tmp: Path) -> tuple[Path, list[str], list[str]]:
    """(bundle path, extra CLI args, expected lines) of case ``name`` (workbooks in ``tmp``)."""
    folder = BAD / name
    path = to_xlsx(folder, tmp / "book.xlsx") if (folder / "xlsx").exists() else folder
    args = (folder / "args").read_text().split() if (folder / "args").exists() else []
    return path, args, (folder / "expected.txt").read_text(encoding="utf-8").splitlines()
