"""The bundle table ``posts``: every bad input of issue 15 gets a located error, as CSV and as
a workbook, and a rejected load writes nothing."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from chainatlas.graph.errors import BundleInvalid
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.loaders import load_bundle, read_bundle
from chainatlas.loaders.demo import demo_bundle_path
from tests.support.bundles import to_xlsx

HEADER = (
    "id,enterprise_id,side,kind,title,description,products,chain_id,reach,quantity,unit,"
    "valid_from,valid_until,status,contact_person,phone,email"
)
UNTIL = "until-before-since"
#: (row text, column, issue code): each row is one bad post
BAD = [
    ("X1,E9999,need,技术,标题,,,,,,,2026-10-01,,,,,", "enterprise_id", "unknown-reference"),
    ("X2,E0001,need,魔法,标题,,,,,,,2026-10-01,,,,,", "kind", "bad-kind"),
    ("X3,E0001,need,技术,标题,,unobtainium,,,,,2026-10-01,,,,,", "products", "unknown-reference"),
    (
        "X4,E0001,need,技术,标题,,,,,,,2026-10-01,2026-09-01,,,,",
        "valid_until",
        "until-before-since",
    ),
    ("X5,E0001,need,技术,,,,,,,,2026-10-01,,,,,", "title", "missing-value"),
    ("X6,E0001,need,技术,标题," + "长" * 2001 + ",,,,,,2026-10-01,,,,,", "description", "too-long"),
    ("X7,E0001,need,技术,标\x07题,,,,,,,2026-10-01,,,,,", "title", "control-character"),
    ("X8,E0001,need,技术,标题,,,,,0,,2026-10-01,,,,,", "quantity", "bad-quantity"),
    ("X9,E0001,need,技术,标题,,,,,-3,,2026-10-01,,,,,", "quantity", "bad-number"),
    ("X10,E0001,need,技术,标题,,,,,三吨,,2026-10-01,,,,,", "quantity", "bad-number"),
    ("X11,E0001,卖,技术,标题,,,,,,,2026-10-01,,,,,", "side", "bad-side"),
]


def _bundle(folder: Path, rows: list[str]) -> Path:
    shutil.copytree(demo_bundle_path(), folder)
    text = HEADER + "\n" + "\n".join(rows) + "\n"
    (folder / "posts.csv").write_text(text, encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def bad_bundle(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return _bundle(tmp_path_factory.mktemp("posts") / "bundle", [row for row, _, _ in BAD])


def _issues(path: Path) -> set[tuple[str, int, str, str]]:
    with pytest.raises(BundleInvalid) as e:
        read_bundle(path)
    return {(i.file.rsplit("/", 1)[-1], i.row, i.column, i.code) for i in e.value.issues}


def test_each_bad_post_gets_a_located_error(bad_bundle: Path) -> None:
    found = {(row, column, code) for f, row, column, code in _issues(bad_bundle)}
    for n, (_, column, code) in enumerate(BAD, start=2):
        assert any(r == n and c.startswith(column) and k == code for r, c, k in found), (
            n,
            column,
            code,
            sorted(x for x in found if x[0] == n),
        )


def test_a_workbook_locates_them_by_sheet_row_and_column(tmp_path: Path) -> None:
    # a workbook cannot hold a control character at all: that row stays out
    rows = [row for row, _, code in BAD if code != "control-character"]
    book = to_xlsx(_bundle(tmp_path / "bundle", rows), tmp_path / "book.xlsx")
    found = _issues(book)
    assert any(row == 4 and code == "unknown-reference" for _, row, _, code in found)
    assert any(row == 8 and code == "bad-quantity" for _, row, _, code in found)


def test_a_rejected_load_writes_nothing(bad_bundle: Path) -> None:
    store = MemoryStore()
    with pytest.raises(BundleInvalid):
        load_bundle(store, bad_bundle)
    assert store.stats()["enterprises"] == 0 and store.nodes(Label.POST) == []


def test_the_demo_posts_read_as_written() -> None:
    rows = read_bundle(demo_bundle_path()).tables
    posts = {r["id"]: r for r in rows[Table.POSTS]}
    assert len(posts) == 62
    bp = posts["BP016"]
    assert (bp["side"], bp["kind"], bp["products"], bp["quantity"]) == (
        "need",
        "人才",
        ["tfe", "ptfe"],
        2,
    )
    with (demo_bundle_path() / "posts.csv").open(encoding="utf-8") as f:
        assert next(csv.reader(f)) == HEADER.split(",")
