"""Firms in bundles: founded, closed, joined and left (a year or a day), checked like the facts'
dates, and the firm's time in the map derived from them when a store writes it."""

from __future__ import annotations

import csv
import shutil
from datetime import date
from pathlib import Path

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.loaders import check_bundle, read_bundle
from tests.support.bundles import GOOD, csv_rows

LOAD_DAY = date(2026, 6, 30)


def _firms(tmp_path: Path, dates: dict[str, tuple[str, str, str, str]]) -> Path:
    """The good bundle, its firms given (founded, closed, joined, left) cells by id, under
    the Chinese headers."""
    target = tmp_path / "firms"
    shutil.copytree(GOOD, target)
    rows = csv_rows(GOOD / "enterprises.csv")
    at = rows[0].index("成立年份")
    out = [[*rows[0][:at], "成立年份", "停业日期", "迁入日期", "迁出日期", *rows[0][at + 1 :]]]
    for row in rows[1:]:
        cells = dates.get(row[0], (row[at], "", "", ""))
        out.append(row[:at] + list(cells) + row[at + 1 :])
    with (target / "enterprises.csv").open("w", encoding="utf-8", newline="") as fh:
        csv.writer(fh).writerows(out)
    return target


def test_firm_dates_load_as_written_and_bound_its_time_in_the_map(tmp_path: Path) -> None:
    path = _firms(
        tmp_path,
        {"E2": ("2008", "2025/3/1", "", ""), "E7": ("2019年", "", "2023-05-04", "2026")},
    )
    bundle = read_bundle(path, today=LOAD_DAY)
    firms = {r["id"]: r for r in bundle.tables[Table.ENTERPRISES]}
    assert [firms["E2"][c] for c in ("founded", "closed", "joined", "left")] == [
        2008,
        "2025-03-01",
        None,
        None,
    ]
    store = MemoryStore()
    store.write_tables(bundle.tables)
    e7 = store.node(Label.ENTERPRISE, "E7")
    assert (e7["member_since"], e7["member_until"]) == ("2023-05-04", 2026)
    assert store.node(Label.ENTERPRISE, "E2")["member_until"] == "2025-03-01"
    assert store.stats(as_of=LOAD_DAY)["enterprises"] == 5


def test_firm_dates_out_of_order_or_in_the_future_are_located_errors(tmp_path: Path) -> None:
    path = _firms(
        tmp_path,
        {
            "E1": ("2003", "2002", "", ""),  # closed before it was founded
            "E2": ("2008", "", "2020-05-01", "2020-05-01"),  # left the day it joined
            "E3": ("2001", "2027", "", ""),  # closes after the load date
            "E4": ("2010", "", "2026-07-01", ""),  # joins after the load date
            "E5": ("去年", "", "", ""),  # not a date
        },
    )
    errors = [
        (i.file, i.row, i.column, i.code)
        for i in check_bundle(path, today=LOAD_DAY)
        if i.severity == "error"
    ]
    assert errors == [
        ("enterprises.csv", 2, "停业日期", "until-before-since"),
        ("enterprises.csv", 3, "迁出日期", "until-before-since"),
        ("enterprises.csv", 4, "停业日期", "future-date"),
        ("enterprises.csv", 5, "迁入日期", "future-date"),
        ("enterprises.csv", 6, "成立年份", "bad-date"),
    ]
