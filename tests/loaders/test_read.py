"""Reading: encodings, field counts, workbooks, and cells that look like formulas stay text."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from openpyxl import load_workbook

from chainatlas.graph.errors import BundleInvalid
from chainatlas.graph.limits import DEFAULT_LIMITS
from chainatlas.graph.model import Row, Table
from chainatlas.loaders import check_bundle, read_bundle
from chainatlas.loaders.read import decode, parse_csv, read_source
from chainatlas.loaders.schema import TABLE_ZH
from tests.support import ROOT
from tests.support.bundles import GOOD, reencode, to_xlsx

DEMO = ROOT / "data" / "demo"


# -- encodings -------------------------------------------------------------------------------
@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "gb18030", "gbk"])
def test_decode_reads_each_encoding_back(encoding: str) -> None:
    text = "编号,企业名称\nE1,浙江丙化纤（上虞）股份有限公司\n"
    assert decode(text.encode(encoding))[0] == text


def test_decode_drops_the_bom() -> None:
    assert decode("\ufeffid,name\n".encode()) == ("id,name\n", "utf-8")


def test_decode_names_gb18030() -> None:
    assert decode("上虞".encode("gb18030"))[1] == "gb18030"


def test_decode_refuses_bytes_of_no_encoding() -> None:
    with pytest.raises(UnicodeDecodeError) as e:
        decode(b"id,name\nE1,\x80\n")
    assert e.value.start == 11


def test_decode_refuses_utf16() -> None:
    with pytest.raises(UnicodeDecodeError, match="UTF-16"):
        decode("id".encode("utf-16"))


# -- CSV records -----------------------------------------------------------------------------
def test_parse_csv_keeps_the_field_count_of_every_record() -> None:
    sheet, issues = parse_csv("a,b,c\n1,2,3\n1,2,3,4\n1,2\n", "t.csv", Table.CHAINS)
    assert sheet is not None and issues == []
    assert [(n, len(cells)) for n, cells in sheet.records] == [(2, 3), (3, 4), (4, 2)]


def test_parse_csv_numbers_rows_as_a_spreadsheet_does() -> None:
    # a quoted line break stays in one row; a blank line is a row of its own
    text = 'id,name\nA,"two\nlines"\n\nB,x\n'
    sheet, _ = parse_csv(text, "t.csv", Table.CHAINS)
    assert sheet is not None and sheet.header_row == 1
    assert sheet.records == [(2, ["A", "two\nlines"]), (4, ["B", "x"])]


def test_parse_csv_trims_cells_and_keeps_leading_zeros() -> None:
    sheet, _ = parse_csv("id, code \n 0575 ,007\n", "t.csv", Table.CHAINS)
    assert sheet is not None and sheet.header == ["id", "code"]
    assert sheet.records == [(2, ["0575", "007"])]


# -- the same bundle in every form -----------------------------------------------------------
def comparable(tables: dict[Table, list[Row]]) -> dict[Table, list[dict[str, Any]]]:
    """Rows without the provenance that names the file they came from."""
    drop = {"source_file", "source_bundle"}
    return {
        t: [{k: v for k, v in r.items() if k not in drop} for r in rows]
        for t, rows in tables.items()
    }


def forms(folder: Path, tmp: Path) -> dict[str, Path]:
    return {
        "utf-8-sig": reencode(folder, tmp / "bom", "utf-8-sig"),
        "gb18030": reencode(folder, tmp / "gb", "gb18030"),
        "xlsx": to_xlsx(folder, tmp / "book.xlsx"),
        "xlsx-numbers": to_xlsx(folder, tmp / "numbers.xlsx", numbers=True),
    }


@pytest.mark.parametrize("form", ["utf-8-sig", "gb18030", "xlsx", "xlsx-numbers"])
def test_good_bundle_reads_the_same_in_every_form(form: str, tmp_path: Path) -> None:
    expected = comparable(read_bundle(GOOD).tables)
    assert comparable(read_bundle(forms(GOOD, tmp_path)[form]).tables) == expected


def test_xlsx_provenance_names_book_and_sheet(tmp_path: Path) -> None:
    bundle = read_bundle(to_xlsx(GOOD, tmp_path / "book.xlsx"))
    first = bundle.tables[Table.SUPPLIES][0]
    assert (first["source_bundle"], first["source_file"], first["source_row"]) == (
        "book",
        "book.xlsx[supplies]",
        2,
    )


@pytest.mark.parametrize("form", ["gb18030", "xlsx"])
def test_demo_bundle_reads_the_same_in_every_form(form: str, tmp_path: Path) -> None:
    if not (DEMO / "enterprises.csv").exists():
        pytest.skip(f"no demo bundle in {DEMO} yet")
    expected = comparable(read_bundle(DEMO).tables)
    assert comparable(read_bundle(forms(DEMO, tmp_path)[form]).tables) == expected


# -- formulas are data -----------------------------------------------------------------------
FORMULA_LIKE = ("=1+1", "@SUM(A1)", "-5", "+86")


def formula_bundle(tmp: Path) -> Path:
    folder = reencode(GOOD, tmp / "formulas", "utf-8")
    chains = (folder / "chains.csv").read_text(encoding="utf-8")
    chains += "".join(f"f{i},{text},{text},\n" for i, text in enumerate(FORMULA_LIKE))
    (folder / "chains.csv").write_text(chains, encoding="utf-8")
    return folder


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_formula_like_cells_stay_text(form: str, tmp_path: Path) -> None:
    folder = formula_bundle(tmp_path)
    path = folder if form == "csv" else to_xlsx(folder, tmp_path / "book.xlsx")
    chains = {r["id"]: r for r in read_bundle(path).tables[Table.CHAINS]}
    for i, text in enumerate(FORMULA_LIKE):
        assert (chains[f"f{i}"]["name"], chains[f"f{i}"]["name_en"]) == (text, text)


def test_workbook_formula_cell_is_read_as_its_text(tmp_path: Path) -> None:
    from openpyxl import load_workbook

    path = to_xlsx(formula_bundle(tmp_path), tmp_path / "book.xlsx")
    cell = load_workbook(path)["chains"]["B4"]
    assert cell.data_type == "f"  # openpyxl stored a real formula, and we still read its text
    assert read_source(path).sheets[Table.CHAINS].records[2][1][1] == "=1+1"


def test_workbook_keeps_text_ids_with_leading_zeros(tmp_path: Path) -> None:
    folder = reencode(GOOD, tmp_path / "zeros", "utf-8")
    with (folder / "chains.csv").open("a", encoding="utf-8") as fh:
        fh.write("0575,绍兴链,,\n")
    for path in (folder, to_xlsx(folder, tmp_path / "book.xlsx", numbers=True)):
        ids = [r["id"] for r in read_bundle(path).tables[Table.CHAINS]]
        assert ids[-1] == "0575"


# -- Chinese table names, codes held as numbers ------------------------------------------------
def chinese_names(folder: Path, tmp: Path) -> Path:
    """``folder`` with each CSV file named by its table's Chinese name (企业.csv …)."""
    target = tmp / "zh"
    target.mkdir()
    for path in folder.glob("*.csv"):
        (target / f"{TABLE_ZH[Table(path.stem)]}.csv").write_bytes(path.read_bytes())
    return target


@pytest.mark.parametrize("form", ["csv", "xlsx"])
def test_tables_may_be_named_in_chinese(form: str, tmp_path: Path) -> None:
    zh = chinese_names(GOOD, tmp_path)
    path = zh if form == "csv" else to_xlsx(zh, tmp_path / "book.xlsx")
    bundle = read_bundle(path)
    assert comparable(bundle.tables) == comparable(read_bundle(GOOD).tables)
    where = "企业.csv" if form == "csv" else "book.xlsx[企业]"
    assert bundle.tables[Table.ENTERPRISES][0]["source_file"] == where


def test_a_table_under_two_names_is_refused(tmp_path: Path) -> None:
    folder = tmp_path / "both"
    shutil.copytree(GOOD, folder)
    shutil.copy(GOOD / "supplies.csv", folder / "供应.csv")
    issues = [i for i in read_source(folder).issues if i.code == "duplicate-table"]
    assert [(i.file, i.severity) for i in issues] == [("供应.csv", "error")]
    assert "supplies and 供应" in issues[0].message or "供应 and supplies" in issues[0].message


def test_a_credit_code_held_as_a_number_gets_a_hint(tmp_path: Path) -> None:
    book = to_xlsx(GOOD, tmp_path / "book.xlsx")
    wb = load_workbook(book)
    sheet = wb["enterprises"]
    sheet["E2"] = 9.13306041234568e17  # 913306041234567890 typed into a number cell
    sheet["E3"] = "913306041234567890"  # the same digits typed as text: no hint
    wb.save(book)
    with pytest.raises(BundleInvalid) as e:
        read_bundle(book)
    found = {i.row: i.message for i in e.value.issues if i.code == "bad-credit-code"}
    assert "format the column as text" in found[2]
    assert "format the column as text" not in found[3]


# -- a bundle read table by table ---------------------------------------------------------------
def test_a_deferred_read_holds_no_cells_until_a_table_is_taken(tmp_path: Path) -> None:
    eager, lazy = read_source(GOOD), read_source(GOOD, defer=True)
    assert lazy.sheets == {} and set(lazy.deferred) == set(eager.sheets)
    assert lazy.found == eager.found and lazy.names == eager.names
    sheet, issues = lazy.take(Table.SUPPLIES)
    assert issues == [] and sheet is not None
    assert sheet.records == eager.sheets[Table.SUPPLIES].records
    assert Table.SUPPLIES not in lazy.deferred  # taken once: the source keeps no copy
    assert lazy.take(Table.SUPPLIES) == (None, [])


def test_a_file_refused_for_its_shape_is_reported_alone_when_read_table_by_table(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "wide"
    shutil.copytree(GOOD, folder)
    with (folder / "chains.csv").open("a", encoding="utf-8") as fh:
        fh.write("bad,,,,\n")  # a cell problem in a table read before the wide one
    with (folder / "supplies.csv").open("a", encoding="utf-8") as fh:
        fh.write(",".join(["x"] * (DEFAULT_LIMITS.columns + 1)) + "\n")
    issues = check_bundle(folder)
    assert [i.code for i in issues] == ["too-wide"]


def test_reading_restores_the_cycle_collector(tmp_path: Path) -> None:
    import gc

    try:
        read_bundle(GOOD)
        assert gc.isenabled()
        broken = tmp_path / "broken"
        shutil.copytree(GOOD, broken)
        with (broken / "supplies.csv").open("a", encoding="utf-8") as f:
            f.write("E1,NOPE,P1,1,t,,,\n")
        with pytest.raises(BundleInvalid):
            read_bundle(broken)
        assert gc.isenabled()  # an invalid bundle too
        gc.disable()  # a caller that paused it itself keeps it paused
        check_bundle(GOOD)
        assert not gc.isenabled()
    finally:
        gc.enable()
