"""graph/geodesy.py: the GCJ-02 transform against published vectors, points in outlines
(one at a time and many at once)."""

from __future__ import annotations

import math

import numpy as np
import pytest

from chainatlas.graph import outlines
from chainatlas.graph.geodesy import (
    Datum,
    contains,
    contains_many,
    gcj02_to_wgs84,
    point_near,
    polygons,
    scatter,
    to_wgs84,
    wgs84_to_gcj02,
)

#: (WGS-84 lat, lon) -> (GCJ-02 lat, lon): the test vectors of the eviltransform project
#: (googollee/eviltransform), which every port of the published algorithm checks against
VECTORS = [
    ((31.1774276, 121.5272106), (31.17530398364597, 121.531541859215)),  # Shanghai
    ((22.543847, 113.912316), (22.540796131694766, 113.9171764808363)),  # Shenzhen
    ((39.911954, 116.377817), (39.91334545536069, 116.38404722455657)),  # Beijing
]


@pytest.mark.parametrize(("wgs", "gcj"), VECTORS)
def test_wgs84_to_gcj02_matches_the_published_vectors(
    wgs: tuple[float, float], gcj: tuple[float, float]
) -> None:
    lon, lat = wgs84_to_gcj02(wgs[1], wgs[0])
    assert lon == pytest.approx(gcj[1], abs=1e-9)
    assert lat == pytest.approx(gcj[0], abs=1e-9)


@pytest.mark.parametrize(("wgs", "gcj"), VECTORS)
def test_gcj02_to_wgs84_inverts_to_a_millimetre(
    wgs: tuple[float, float], gcj: tuple[float, float]
) -> None:
    lon, lat = gcj02_to_wgs84(gcj[1], gcj[0])
    assert lon == pytest.approx(wgs[1], abs=1e-8)  # 1e-8 degrees is about a millimetre
    assert lat == pytest.approx(wgs[0], abs=1e-8)
    assert to_wgs84(gcj[1], gcj[0], Datum.GCJ02) == (lon, lat)
    assert to_wgs84(gcj[1], gcj[0], Datum.WGS84) == (gcj[1], gcj[0])


@pytest.mark.parametrize(
    ("lon", "lat"), [(-104.9903, 39.7392), (153.0251, -27.4698), (2.35, 48.85)]
)
def test_outside_china_gcj02_is_wgs84(lon: float, lat: float) -> None:
    assert wgs84_to_gcj02(lon, lat) == (lon, lat)
    assert gcj02_to_wgs84(lon, lat) == (lon, lat)


def test_contains_leaves_out_holes_and_reads_multipolygons() -> None:
    ring = [[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]]
    hole = [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]
    donut = {"type": "Polygon", "coordinates": [ring, hole]}
    assert contains(donut, 0.5, 0.5)
    assert not contains(donut, 2, 2)
    islands = {
        "type": "MultiPolygon",
        "coordinates": [[ring], [[[10, 10], [11, 10], [11, 11], [10, 10]]]],
    }
    assert contains(islands, 10.8, 10.2)
    assert not contains(islands, 5, 5)
    with pytest.raises(ValueError, match="not a polygon"):
        contains({"type": "Point", "coordinates": [0, 0]}, 0, 0)


def test_scatter_stays_within_its_radius() -> None:
    for u in (0.0, 0.3, 0.999):
        for v in (0.0, 0.37, 0.75):
            lon, lat = scatter(120.0, 30.0, 1500, u, v)
            dx = (lon - 120.0) * 111_320 * math.cos(math.radians(30.0))
            dy = (lat - 30.0) * 111_320
            assert math.hypot(dx, dy) <= 1500 + 1e-6


def test_point_near_keeps_to_the_outline_or_gives_up() -> None:
    strip = {
        "type": "Polygon",
        "coordinates": [[[120, 30], [120.001, 30], [120.001, 30.01], [120, 30.01], [120, 30]]],
    }
    found = point_near(
        (120.0005, 30.005), 2000, strip, lambda i: ((i * 0.618) % 1, (i * 0.414) % 1)
    )
    assert found is not None and contains(strip, *found)
    nowhere = {"type": "Polygon", "coordinates": [[[0, 0], [1, 0], [1, 1], [0, 0]]]}
    assert point_near((120.0, 30.0), 100, nowhere, lambda i: (0.5, 0.5), tries=3) is None


def _many_is_one_by_one(geometry: dict, lons: np.ndarray, lats: np.ndarray) -> None:
    many = contains_many(geometry, lons, lats).tolist()
    one = [contains(geometry, x, y) for x, y in zip(lons.tolist(), lats.tolist(), strict=True)]
    wrong = [(x, y) for x, y, a, b in zip(lons, lats, many, one, strict=True) if a != b]
    assert not wrong, f"{len(wrong)} points answered otherwise, first {wrong[:3]}"


def test_many_points_at_once_are_each_point_alone() -> None:
    """Every shipped outline (and one with a hole, and integer corners): random points around
    it, its corners, its edges' midpoints and points level with each corner, where the
    arithmetic decides; contains_many answers as contains does for each."""
    rng = np.random.default_rng(7)
    holed = {
        "type": "MultiPolygon",
        "coordinates": [
            [[[0, 0], [4, 0], [4, 4], [0, 4], [0, 0]], [[1, 1], [3, 1], [3, 3], [1, 3], [1, 1]]],
            [[[5, 5], [6, 5], [6, 6], [5, 5]]],
        ],
    }
    shapes = [f["geometry"] for f in outlines.shipped()["features"]] + [holed]
    for shape in shapes:
        corners = np.array([p[:2] for rings in polygons(shape) for ring in rings for p in ring])
        low, high = corners.min(axis=0), corners.max(axis=0)
        pad = (high - low) * 0.1
        spread = rng.uniform(low - pad, high + pad, size=(4000, 2))
        mids = (corners[:-1] + corners[1:]) / 2
        level = np.column_stack([rng.uniform(low[0], high[0], len(corners)), corners[:, 1]])
        points = np.vstack([spread, corners, mids, level]).astype(float)
        _many_is_one_by_one(shape, points[:, 0], points[:, 1])
    inside = contains_many(holed, np.array([0.5, 2.0, 5.8, 5.2]), np.array([0.5, 2.0, 5.5, 5.8]))
    assert inside.tolist() == [True, False, True, False]
    assert contains_many(holed, np.array([]), np.array([])).tolist() == []
