"""Places in bundles: adcodes, parks, coordinate pairs, datums, points outside their district."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest

from chainatlas.graph.errors import BundleInvalid
from chainatlas.graph.geodesy import gcj02_to_wgs84
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.loaders import check_bundle, load_bundle, read_bundle
from chainatlas.loaders.places import points
from chainatlas.loaders.read import read_source
from chainatlas.loaders.tables import TableData, parse_sheet
from tests.support.bundles import GOOD

REGIONS = "id,name,adcode\nshangyu,上虞,330604\nningbo,宁波,330200\nkeqiao,柯桥,\n"
PARKS = "id,name,region_id,lon,lat,datum\nSY1,杭州湾上虞经济技术开发区,shangyu,120.84,30.13,\n"


def bundle(
    tmp_path: Path,
    points: dict[str, tuple[str, ...]],
    *,
    regions: str = REGIONS,
    parks: str = PARKS,
) -> Path:
    """The good bundle with adcodes, one park, and a park id, point and datum per firm."""
    target = tmp_path / "placed"
    shutil.copytree(GOOD, target)
    (target / "regions.csv").write_text(regions, encoding="utf-8")
    (target / "parks.csv").write_text(parks, encoding="utf-8")
    path = target / "enterprises.csv"
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    rows[0] += ["园区编号", "经度", "纬度", "坐标系"]
    for row in rows[1:]:
        row += list(points.get(row[0], ("", "", "", "")))
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return target


def issues(path: Path) -> list[tuple[str, int, str, str, str]]:
    return [(i.file, i.row, i.column, i.code, i.severity) for i in check_bundle(path)]


def test_places_load_in_wgs84_converting_gcj02(tmp_path: Path) -> None:
    path = bundle(
        tmp_path,
        {"E3": ("SY1", "120.85", "30.12", ""), "E4": ("", "120.8545", "30.1176", "GCJ-02")},
    )
    assert issues(path) == []
    tables = read_bundle(path).tables
    firms = {r["id"]: r for r in tables[Table.ENTERPRISES]}
    assert (firms["E3"]["park_id"], firms["E3"]["lon"], firms["E3"]["lat"]) == (
        "SY1",
        120.85,
        30.12,
    )
    lon, lat = gcj02_to_wgs84(120.8545, 30.1176)
    assert (firms["E4"]["lon"], firms["E4"]["lat"]) == (round(lon, 7), round(lat, 7))
    assert "datum" not in firms["E4"]
    assert [r["id"] for r in tables[Table.PARKS]] == ["SY1"]
    assert {r["id"]: r.get("adcode") for r in tables[Table.REGIONS]}["shangyu"] == "330604"


@pytest.mark.parametrize(
    ("cells", "column", "code"),
    [
        (("", "181", "30", ""), "经度", "bad-coordinate"),
        (("", "120", "-91", ""), "纬度", "bad-coordinate"),
        (("", "东经120度", "30", ""), "经度", "bad-coordinate"),
        (("", "120.8", "", ""), "纬度", "missing-coordinate"),  # named as the header is written
        (("", "", "30.1", ""), "经度", "missing-coordinate"),
        (("", "120.8", "30.1", "BD-09"), "坐标系", "bad-datum"),
        (("ZZ9", "", "", ""), "园区编号", "unknown-reference"),
    ],
)
def test_bad_places_are_located_errors_and_load_nothing(
    tmp_path: Path, cells: tuple[str, ...], column: str, code: str
) -> None:
    path = bundle(tmp_path, {"E3": cells})
    found = issues(path)
    assert ("enterprises.csv", 4, column, code, "error") in found, found
    store = MemoryStore()
    with pytest.raises(BundleInvalid):
        load_bundle(store, path)
    assert store.stats()["enterprises"] == 0


def test_unknown_adcode_and_bad_park_points_are_errors(tmp_path: Path) -> None:
    regions = REGIONS.replace("keqiao,柯桥,", "keqiao,柯桥,339999")
    parks = PARKS + "X1,某园区,atlantis,200,30,\n"
    found = issues(bundle(tmp_path, {}, regions=regions, parks=parks))
    assert ("regions.csv", 4, "adcode", "unknown-adcode", "error") in found
    assert ("parks.csv", 3, "region_id", "unknown-reference", "error") in found
    assert ("parks.csv", 3, "lon", "bad-coordinate", "error") in found


def test_a_point_outside_its_district_is_a_warning_naming_where_it_lies(tmp_path: Path) -> None:
    # E3 is registered in 上虞 but its point lies in 宁波 (a swapped region or a wrong point)
    path = bundle(tmp_path, {"E3": ("", "121.57", "30.02", "")})
    found = [i for i in check_bundle(path) if i.code == "outside-region"]
    assert [(i.file, i.row, i.column, i.severity) for i in found] == [
        ("enterprises.csv", 4, "经度", "warning")
    ]
    assert "outside region shangyu: it lies in ningbo" in found[0].message


def test_point_issues_come_in_row_order(tmp_path: Path) -> None:
    """The points are checked per region all at once, after the rows are read; the issues
    still come as the rows do: E1 outside, E2 without its latitude, E3 outside."""
    cells: dict[str, tuple[str, ...]] = {
        "E1": ("", "120.87", "30.05", ""),
        "E2": ("", "121.5", "", ""),
        "E3": ("", "121.57", "30.02", ""),
    }
    source = read_source(bundle(tmp_path, cells))
    tables: dict[Table, TableData] = {}
    for table in Table:
        sheet, _ = source.take(table)
        if sheet is not None:
            tables[table], _ = parse_sheet(sheet, [])
    found = [(i.row, i.code) for i in points(tables)]
    assert found == [(2, "outside-region"), (3, "missing-coordinate"), (4, "outside-region")]
