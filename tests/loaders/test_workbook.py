"""loaders/workbook.py and loaders/archive.py in this process: every refusal, located, with
the limits made small so the files stay tiny (tests/hostile runs the real-sized attacks
against the app and the CLI)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from chainatlas.graph.errors import Issue
from chainatlas.graph.limits import Limits
from chainatlas.graph.memory_file import save_tables
from chainatlas.graph.model import Table
from chainatlas.loaders import check_bundle
from chainatlas.loaders.read import parse_csv
from tests.support.hostile_files import (
    Entry,
    good_workbook,
    inline_row,
    members,
    replaced,
    shared_strings_bomb,
    sheet_names,
    sheet_xml,
    wide_row_bomb,
    with_dtd,
    write_zip,
)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return good_workbook(tmp_path_factory.mktemp("book"))


def _sheet(base: bytes, title: str, rows: list[str]) -> bytes:
    part = sheet_names(base)[title]
    return replaced(base, **{part.replace("/", "__"): Entry(part, b"".join(sheet_xml(rows)))})


def _raw_sheet(base: bytes, title: str, xml: bytes) -> bytes:
    part = sheet_names(base)[title]
    return replaced(base, **{part.replace("/", "__"): Entry(part, xml)})


def _renamed(base: bytes) -> bytes:
    entries = members(base)
    for e in entries:
        if e.name == "xl/workbook.xml":
            assert isinstance(e.data, bytes)
            e.data = e.data.replace(b'name="regions"', b'name="notes"')
    return write_zip(entries)


CASES: dict[str, tuple[Callable[[bytes], bytes], Limits, tuple[str, int, str]]] = {
    "wide": (
        lambda b: wide_row_bomb(b, sheet_names(b)["enterprises"]),
        Limits(),
        ("book.xlsx[enterprises]", 1, "too-wide"),
    ),
    # the 21st cell of the book, counted sheet by sheet in the workbook's order
    "cells": (lambda b: b, Limits(cells=20), ("book.xlsx[cooperations]", 3, "too-many-cells")),
    "strings": (
        lambda b: shared_strings_bomb(b, 50),
        Limits(cells=40),
        ("book.xlsx", 0, "too-many-cells"),
    ),
    "size": (lambda b: b, Limits(unpacked_bytes=1000), ("book.xlsx", 0, "too-large")),
    "members": (lambda b: b, Limits(members=3), ("book.xlsx", 0, "too-many-files")),
    "laughs": (
        lambda b: with_dtd(b, sheet_names(b)["enterprises"], "laughs"),
        Limits(),
        ("book.xlsx", 0, "xml-dtd"),
    ),
    "crc": (
        lambda b: write_zip(
            Entry(e.name, e.data, claimed_crc=5 if e.name.endswith("sheet2.xml") else None)
            for e in members(b)
        ),
        Limits(),
        ("book.xlsx", 0, "corrupt-archive"),
    ),
    "not a zip": (lambda b: b"not a workbook", Limits(), ("book.xlsx", 0, "unreadable")),
    "no workbook part": (
        lambda b: write_zip(e for e in members(b) if e.name != "xl/workbook.xml"),
        Limits(),
        ("book.xlsx", 0, "unreadable"),
    ),
    "malformed sheet": (  # openpyxl reads the start of every sheet as it opens the book
        lambda b: _raw_sheet(b, "products", b"<worksheet><sheetData><row r='1'><c>"),
        Limits(),
        ("book.xlsx", 0, "unreadable"),
    ),
    "bad row number": (
        lambda b: _sheet(b, "products", ['<row r="x"><c r="A1"><v>1</v></c></row>']),
        Limits(),
        ("book.xlsx[products]", 0, "unreadable"),
    ),
    "empty sheet": (
        lambda b: _sheet(b, "products", []),
        Limits(),
        ("book.xlsx[products]", 0, "missing-header"),
    ),
}


@pytest.mark.parametrize("case", sorted(CASES))
def test_a_refused_workbook_is_one_located_issue(base: bytes, tmp_path: Path, case: str) -> None:
    build, limits, (file, row, code) = CASES[case]
    path = tmp_path / "book.xlsx"
    path.write_bytes(build(base))
    issues = check_bundle(path, limits=limits)
    assert [(i.file, i.row, i.code) for i in issues if i.code == code] == [(file, row, code)]
    assert issues.errors >= 1


def test_a_sheet_that_names_no_table_is_a_warning(base: bytes, tmp_path: Path) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(_renamed(base))
    issues = check_bundle(path)
    assert Issue(
        "book.xlsx[notes]",
        0,
        "*",
        f"not a bundle table; ignored (tables: {', '.join(t.value for t in Table)})",
        "warning",
        "unknown-table",
    ) in list(issues)


def test_cells_without_references_are_read_in_order(base: bytes, tmp_path: Path) -> None:
    # some writers leave out r="…" on rows and cells: they count from the last one
    rows = [
        '<row><c t="inlineStr"><is><t>id</t></is></c><c t="inlineStr"><is><t>name</t></is></c>'
        "</row>",
        inline_row(2, {"A2": "poly", "B2": "高分子材料"}),
        '<row><c t="inlineStr"><is><t>textile</t></is></c><c t="inlineStr"><is><t>纺织</t>'
        "</is></c></row>",
    ]
    path = tmp_path / "book.xlsx"
    path.write_bytes(_sheet(base, "chains", rows))
    assert list(check_bundle(path)) == []


def test_a_csv_wider_than_the_limit_is_refused() -> None:
    sheet, issues = parse_csv("a,b,c\n1,2,3\n", "x.csv", Table.CHAINS, Limits(columns=2))
    assert sheet is None
    assert [(i.row, i.code) for i in issues] == [(1, "too-wide")]


def test_a_refused_save_is_save_failed(tmp_path: Path) -> None:
    from chainatlas.graph.errors import SaveFailed

    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    with pytest.raises(SaveFailed, match=r"could not save the graph to .*: .*nothing was written"):
        save_tables({Table.CHAINS: {}}, blocker / "graph.json")
