"""Rules for places: coordinate pairs, datums, administrative codes, points in their district.

Coordinates are stored in WGS-84 (graph/geodesy.py). A row that says ``datum`` = ``gcj02``
(AMap, Tencent) is converted here, once the rest of the row is known to be valid; the stored
row carries no datum. A point that lies outside its own region's outline is a warning naming
the district it falls in (a swapped pair or a wrong region is the usual cause).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import numpy as np

from chainatlas.graph import outlines
from chainatlas.graph.errors import Issue
from chainatlas.graph.geodesy import Datum, contains_many, to_wgs84
from chainatlas.graph.model import Table
from chainatlas.loaders.tables import TableData

Tables = dict[Table, TableData]
#: tables whose rows may carry a point
POINT_TABLES = (Table.PARKS, Table.ENTERPRISES)


def adcodes(tables: Tables) -> Iterator[Issue]:
    """A region's ``adcode`` must be a known administrative code."""
    data = tables[Table.REGIONS]
    for row in data.rows:
        code = row.get("adcode")
        if code is not None and outlines.name_of(code) is None:
            msg = f"unknown administrative code {code} (not in the national list of codes)"
            yield data.issue(row["source_row"], "adcode", msg, "unknown-adcode")


def points(tables: Tables) -> Iterator[Issue]:
    """Both coordinates or neither; convert GCJ-02 to WGS-84; warn about a point outside its
    region's outline. The issues come in row order; the points are checked per region, all
    at once (:func:`~graph.geodesy.contains_many`), after the rows are read."""
    region_codes = {
        r["id"]: r["adcode"] for r in tables[Table.REGIONS].rows if r.get("adcode") is not None
    }
    for table in POINT_TABLES:
        data = tables[table]
        #: in row order, each row's issue or its point to check (the row)
        said: list[Issue | dict[str, Any]] = []
        for row in data.rows:
            at = row["source_row"]
            if (at, "lon") in data.bad or (at, "lat") in data.bad:
                continue  # reported as a bad cell already
            lon, lat = row.get("lon"), row.get("lat")
            if (lon is None) != (lat is None):
                missing, given = ("lat", "lon") if lat is None else ("lon", "lat")
                msg = f"{missing} is empty but {given} is not: give both or neither"
                said.append(data.issue(at, missing, msg, "missing-coordinate"))
                continue
            if lon is None or lat is None:
                continue
            datum = Datum(row.get("datum") or Datum.WGS84)
            row["lon"], row["lat"] = (round(v, 7) for v in to_wgs84(lon, lat, datum))
            said.append(row)
        outside = _outside([r for r in said if isinstance(r, dict)], region_codes)
        for item in said:
            if isinstance(item, dict):
                if id(item) in outside:
                    yield _outside_issue(data, item, region_codes)
            else:
                yield item


def _outside(rows: list[dict[str, Any]], codes: dict[str, str]) -> set[int]:
    """The ``id`` of each of ``rows`` whose point lies outside its region's outline (a region
    without an adcode or outline holds any point)."""
    by_code: dict[str, list[dict[str, Any]]] = {}
    for row in rows:
        region = row.get("region_id")
        code = codes.get(region) if isinstance(region, str) else None
        if code:
            by_code.setdefault(code, []).append(row)
    found: set[int] = set()
    for code, held in by_code.items():
        shape = outlines.outline(code)
        if shape is None:
            continue
        lons = np.array([float(r["lon"]) for r in held])
        lats = np.array([float(r["lat"]) for r in held])
        inside = contains_many(shape, lons, lats)
        found.update(id(r) for r, yes in zip(held, inside.tolist(), strict=True) if not yes)
    return found


def _outside_issue(data: TableData, row: dict[str, Any], codes: dict[str, str]) -> Issue:
    region = row.get("region_id")
    lon, lat = float(row["lon"]), float(row["lat"])
    found = outlines.district_of(lon, lat, codes)
    where = f"it lies in {found}" if found else "it lies in none of the bundle's regions"
    msg = f"point ({lon:.5f}, {lat:.5f}) is outside region {region}: {where}"
    return data.issue(row["source_row"], "lon", msg, "outside-region", warning=True)
