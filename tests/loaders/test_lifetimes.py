"""Valid time in bundles: ``since`` / ``until`` cells (a year or a day) and their located errors."""

from __future__ import annotations

import shutil
from datetime import date
from pathlib import Path

import pytest

from chainatlas.graph.model import Table
from chainatlas.loaders import check_bundle, read_bundle
from chainatlas.loaders.cells import CellError, parse_cell
from tests.support.bundles import GOOD

LOAD_DAY = date(2026, 6, 30)


@pytest.mark.parametrize(
    ("raw", "value"),
    [
        ("2019", 2019),
        ("2019年", 2019),
        ("２０１９", 2019),
        ("2019-03-01", "2019-03-01"),
        ("2019/3/1", "2019-03-01"),
        ("2019.03.01", "2019-03-01"),
        ("2019年3月1日", "2019-03-01"),
        ("2019-03-01T00:00:00", "2019-03-01"),  # a workbook's date cell, as read
    ],
)
def test_a_date_cell_is_a_year_or_a_day(raw: str, value: int | str) -> None:
    assert parse_cell("date", raw) == value


@pytest.mark.parametrize(
    "raw", ["去年", "2019-02-30", "2019-13-01", "1899", "1899-12-31", "19-3-1"]
)
def test_a_bad_date_is_refused(raw: str) -> None:
    with pytest.raises(CellError) as e:
        parse_cell("date", raw)
    assert e.value.code in {"bad-date", "bad-year"}


def _bundle(tmp_path: Path, supplies: list[str], produces: list[str] | None = None) -> Path:
    """The good bundle with ``supplies.csv`` (and ``produces.csv``) replaced by these lines."""
    target = tmp_path / "dated"
    shutil.copytree(GOOD, target)
    (target / "supplies.csv").write_text("\n".join(supplies) + "\n", encoding="utf-8")
    if produces is not None:
        (target / "produces.csv").write_text("\n".join(produces) + "\n", encoding="utf-8")
    return target


HEAD = "supplier_id,buyer_id,product_id,volume,unit,since,until,source"


def test_dated_rows_load_as_written(tmp_path: Path) -> None:
    path = _bundle(
        tmp_path,
        [HEAD, "E1,E3,pta,12000,t,2018,2024-07-01,", "E2,E3,meg,50000,t,2019-05-04,,"],
    )
    rows = read_bundle(path, today=LOAD_DAY).tables[Table.SUPPLIES]
    assert [(r["since"], r["until"]) for r in rows] == [(2018, "2024-07-01"), ("2019-05-04", None)]


def test_until_not_after_since_and_future_dates_are_located_errors(tmp_path: Path) -> None:
    path = _bundle(
        tmp_path,
        [
            HEAD,
            "E1,E3,pta,12000,t,2020,2019,",  # ended before it began
            "E2,E3,meg,50000,t,2019-05-04,2019,",  # 2019 = 2019-01-01, before since
            "E3,E4,yarn,20000,t,2020,2020,",  # begins and ends the same day: never held
            "E4,E5,fabric,300,万m,2027,,",  # a year after the load date
            "E6,E5,dye,200,t,2021,2026-07-01,",  # ends after the load date
        ],
        ["enterprise_id,product_id,capacity,unit,since,until", "E1,px,800000,t,2026-06-30,"],
    )
    errors = [
        (i.file, i.row, i.column, i.code)
        for i in check_bundle(path, today=LOAD_DAY)
        if i.severity == "error"
    ]
    assert errors == [
        ("supplies.csv", 2, "until", "until-before-since"),
        ("supplies.csv", 3, "until", "until-before-since"),
        ("supplies.csv", 4, "until", "until-before-since"),
        ("supplies.csv", 5, "since", "future-date"),
        ("supplies.csv", 6, "until", "future-date"),
    ]


def test_the_load_date_is_today_unless_given(tmp_path: Path) -> None:
    path = _bundle(tmp_path, [HEAD, "E1,E3,pta,12000,t,2100,,"])
    assert [i.code for i in check_bundle(path) if i.severity == "error"] == ["future-date"]
    assert "future-date" not in {i.code for i in check_bundle(path, today=date(2100, 1, 1))}
