"""Places for synthetic bundles: a park per region inside its district, firms around it.

Each region of the generator is a real Zhejiang district with its administrative code; its
park stands at the representative point of the district's shipped outline
(``graph/outlines.py``). About 70 % of the firms get a point within 3 km of their park and
inside the outline; the others have none (drawn at their park or district, as approximate).
Points come from a hash of the firm's id, never from the generator's random stream, so adding
places changed no other generated value.
"""

from __future__ import annotations

import functools
import hashlib

from chainatlas.graph.geodesy import Point, point_near, scatter
from chainatlas.graph.outlines import label_point, outline
from chainatlas.loaders.generate_catalogue import Region

#: how far from its park a firm may stand, and how many distinct spots a park offers
PARK_RADIUS_M = 3_000
SPOTS = 512
#: the share of firms with coordinates
WITH_POINT = 0.7


def unit(*parts: object) -> float:
    """A stable number in [0, 1) for the given parts."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def park_id(region: Region) -> str:
    return f"{region[0]}-park"


def park_point(adcode: str) -> Point:
    """Where a district's generated park stands: inside its (shipped) outline."""
    point = label_point(adcode)
    if point is None:
        raise KeyError(adcode)
    return point


@functools.cache
def _spots(adcode: str) -> tuple[Point, ...]:
    centre, shape = park_point(adcode), outline(adcode)
    spots = []
    for s in range(SPOTS):

        def draw(i: int, s: int = s) -> tuple[float, float]:
            return unit(adcode, s, i, "u"), unit(adcode, s, i, "v")

        spots.append(point_near(centre, PARK_RADIUS_M, shape, draw) or centre)
    return tuple(spots)


def park_row(region: Region) -> tuple[str, ...]:
    """The bundle row of a region's park: id, name, name_en, region_id, lon, lat, datum."""
    lon, lat = park_point(region[4])
    return (park_id(region), region[5], "", region[0], f"{lon:.5f}", f"{lat:.5f}", "")


def firm_place(firm_id: str, region: Region, in_park: bool) -> tuple[str, str, str, str]:
    """``park_id, lon, lat, datum`` cells of a firm: a spot near its park (30 m of jitter keeps
    firms on one spot apart), or empty coordinates for the 30 % without a point."""
    if unit(firm_id, "point") >= WITH_POINT:
        return (park_id(region) if in_park else "", "", "", "")
    spot = _spots(region[4])[int(unit(firm_id, "spot") * SPOTS)]
    lon, lat = scatter(*spot, 30, unit(firm_id, "u"), unit(firm_id, "v"))
    return (park_id(region) if in_park else "", f"{lon:.5f}", f"{lat:.5f}", "")
