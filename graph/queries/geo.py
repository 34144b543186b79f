"""The map on the ground: districts, firms and supply flows as one GeoJSON FeatureCollection.

RFC 7946: WGS-84 longitude/latitude, so the answer opens as it is in QGIS or geopandas.

- a **region** feature per district with an outline (Polygon/MultiPolygon, graph/outlines.py):
  ``enterprises`` drawn in it, ``needs`` (products its drawn firms need), ``local_products``
  (of those, made by a firm of the same district), ``local_production_share``,
  ``supplies_in`` (supply relations its drawn firms buy), ``supplies_local`` (of those, from a
  supplier of the same district), ``local_supply_share`` (本地配套率), and ``gaps`` (products
  its drawn firms need that no firm of the map makes);
- an **enterprise** feature per drawn firm (Point): ``id, name, chain_id, stage, region_id,
  park_id`` and where the point comes from: ``placed`` = ``point`` (its own coordinates),
  ``park`` (its park's) or ``district`` (its district's representative point), with
  ``approximate`` true for the last two; a firm with none of these is not drawn
  (``unplaced`` in the collection's properties);
- with ``flows``, a **supply** feature per supply relation between two drawn firms
  (LineString supplier → buyer): ``supplier_id, buyer_id, product_id, product_name, volume,
  unit, cross_region``.

Filters: ``chain`` and ``stage`` (the firm's), ``region`` (its district), ``product`` (firms
that make, need, sell or buy it; flows of that product only). Features are ordered regions,
firms, flows, each by id (flows by supplier, buyer, product); every reading goes through the
store's primitives, so both stores give the same answer.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any, Literal

from typing_extensions import TypedDict

from chainatlas.graph import outlines
from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.store import GraphStore

Feature = dict[str, Any]
PLACES = ("point", "park", "district")
#: the most flows one answer draws by default (the largest by volume in base units); a province
#: has ten supply relations per firm, and a map of a million lines answers nothing
FLOW_LIMIT = 5_000
MAX_FLOW_LIMIT = 50_000


Position = list[float]  #: [lon, lat]


class Geometry(TypedDict):
    """A GeoJSON geometry in WGS-84 lon/lat: a Point's position, a LineString's positions, a
    Polygon's rings of positions, or a MultiPolygon's polygons."""

    type: str
    coordinates: Position | list[Position] | list[list[Position]] | list[list[list[Position]]]


class GeoFeature(TypedDict):
    """One feature; ``properties.kind`` is ``region``, ``enterprise`` or ``supply`` (the
    fields of each kind are listed in docs/geo.md)."""

    type: Literal["Feature"]
    geometry: Geometry
    properties: dict[str, Any]


class GeoCounts(TypedDict):
    regions: int
    enterprises: int
    supplies: int
    #: supply relations between drawn firms, before ``flow_limit`` kept the largest
    supplies_total: int


class GeoProperties(TypedDict):
    datum: str
    attribution: str
    counts: GeoCounts
    unplaced: int
    filters: dict[str, str | None]


class GeoCollection(TypedDict):
    """An RFC 7946 FeatureCollection with the map's own ``properties`` (a foreign member)."""

    type: Literal["FeatureCollection"]
    features: list[GeoFeature]
    properties: GeoProperties


def _feature(kind: str, geometry: Mapping[str, Any], props: Mapping[str, Any]) -> Feature:
    return {"type": "Feature", "geometry": dict(geometry), "properties": {"kind": kind, **props}}


def _point(lon: float, lat: float) -> dict[str, Any]:
    return {"type": "Point", "coordinates": [lon, lat]}


def _district_points(regions: Iterable[Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
    found = {r["id"]: outlines.label_point(r["adcode"]) for r in regions if r.get("adcode")}
    return {rid: point for rid, point in found.items() if point is not None}


def place(
    firm: Mapping[str, Any],
    parks: Mapping[str, Mapping[str, Any]],
    districts: Mapping[str, tuple[float, float]],
) -> tuple[float, float, str] | None:
    """Where a firm is drawn: ``(lon, lat, placed)``, or ``None`` when nothing places it."""
    if firm.get("lon") is not None and firm.get("lat") is not None:
        return float(firm["lon"]), float(firm["lat"]), "point"
    park = parks.get(firm.get("park_id") or "")
    if park is not None and park.get("lon") is not None and park.get("lat") is not None:
        return float(park["lon"]), float(park["lat"]), "park"
    if firm.get("region_id") in districts:
        lon, lat = districts[firm["region_id"]]
        return lon, lat, "district"
    return None


def _involved(store: GraphStore, product: str) -> set[str]:
    store.node(Label.PRODUCT, product)  # UnknownEntity for an unknown product
    firms = {r["id"] for r in store.producers([product])}
    firms |= {r["id"] for r in store.consumers([product])}
    for e in store.supplies_of([product]):
        firms |= {e["source"], e["target"]}
    return firms


def geo_collection(
    store: GraphStore,
    *,
    chain: str | None = None,
    stage: str | None = None,
    region: str | None = None,
    product: str | None = None,
    flows: bool = False,
    flow_limit: int = FLOW_LIMIT,
    as_of: date | None = None,
) -> GeoCollection:
    """The FeatureCollection the module describes; :class:`UnknownEntity` for an unknown
    chain, region or product filter."""
    store = on_day(store, as_of)
    if chain is not None:
        store.node(Label.CHAIN, chain)
    regions = store.nodes(Label.REGION)
    if region is not None and region not in {r["id"] for r in regions}:
        raise UnknownEntity(Label.REGION.value, region)
    involved = _involved(store, product) if product is not None else None
    parks = {p["id"]: p for p in store.nodes(Label.PARK)}
    districts = _district_points(regions)
    firms = store.nodes(Label.ENTERPRISE)
    region_of = {f["id"]: f.get("region_id") for f in firms}
    drawn: dict[str, tuple[float, float, str]] = {}
    unplaced = 0
    features: list[Feature] = []
    firm_features: list[Feature] = []
    for f in firms:
        if (
            (chain is not None and f.get("chain_id") != chain)
            or (stage is not None and f.get("stage") != stage)
            or (region is not None and f.get("region_id") != region)
            or (involved is not None and f["id"] not in involved)
        ):
            continue
        at = place(f, parks, districts)
        if at is None:
            unplaced += 1
            continue
        drawn[f["id"]] = at
        props = {k: f.get(k) for k in ("id", "name", "chain_id", "stage", "region_id", "park_id")}
        props |= {"placed": at[2], "approximate": at[2] != "point"}
        firm_features.append(_feature("enterprise", _point(at[0], at[1]), props))
    supplies = store.edges(Rel.SUPPLIES)
    features += _regions(store, regions, drawn, region_of, supplies)
    features += firm_features
    total = 0
    if flows:
        total, lines = _flows(store, supplies, drawn, region_of, product, flow_limit)
        features += lines
    counts: dict[str, int] = defaultdict(int)
    for feat in features:
        counts[feat["properties"]["kind"]] += 1
    return {
        "type": "FeatureCollection",
        "features": features,  # type: ignore[typeddict-item]
        "properties": {
            "datum": "WGS-84",
            "attribution": outlines.attribution(),
            "counts": {
                "regions": counts["region"],
                "enterprises": counts["enterprise"],
                "supplies": counts["supply"],
                "supplies_total": total,
            },
            "unplaced": unplaced,
            "filters": {"chain": chain, "stage": stage, "region": region, "product": product},
        },
    }


def _regions(
    store: GraphStore,
    regions: list[dict[str, Any]],
    drawn: Mapping[str, tuple[float, float, str]],
    region_of: Mapping[str, Any],
    supplies: list[dict[str, Any]],
) -> list[Feature]:
    needs: dict[str, set[str]] = defaultdict(set)
    for e in store.edges(Rel.NEEDS):
        if e["source"] in drawn:
            needs[region_of[e["source"]]].add(e["target"])
    made_in: dict[Any, set[str]] = defaultdict(set)
    made = set()
    for e in store.edges(Rel.PRODUCES):
        made_in[region_of.get(e["source"])].add(e["target"])
        made.add(e["target"])
    drawn_in: dict[Any, int] = defaultdict(int)
    for f in drawn:
        drawn_in[region_of[f]] += 1
    bought: dict[str, int] = defaultdict(int)
    local: dict[str, int] = defaultdict(int)
    for e in supplies:
        if e["target"] in drawn:
            home = region_of[e["target"]]
            bought[home] += 1
            local[home] += region_of.get(e["source"]) == home
    out = []
    for r in regions:
        shape = outlines.outline(r["adcode"]) if r.get("adcode") else None
        if shape is None:
            continue
        rid, wanted = r["id"], needs[r["id"]]
        props = {
            "id": rid,
            "name": r.get("name"),
            "name_en": r.get("name_en"),
            "adcode": r["adcode"],
            "enterprises": drawn_in[rid],
            "needs": len(wanted),
            "local_products": len(wanted & made_in[rid]),
            "local_production_share": _share(len(wanted & made_in[rid]), len(wanted)),
            "supplies_in": bought[rid],
            "supplies_local": local[rid],
            "local_supply_share": _share(local[rid], bought[rid]),
            "gaps": len(wanted - made),
        }
        out.append(_feature("region", shape, props))
    return out


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _flows(
    store: GraphStore,
    supplies: list[dict[str, Any]],
    drawn: Mapping[str, tuple[float, float, str]],
    region_of: Mapping[str, Any],
    product: str | None,
    limit: int,
) -> tuple[int, list[Feature]]:
    """How many supply relations join two drawn firms, and a line for the ``limit`` largest by
    volume in base units (ties by supplier, buyer, product), in the answer's order (by
    supplier, buyer, product). Only the kept lines are built: a province has millions."""
    between = [
        e  # ordered by (supplier, buyer, product): the answer's order
        for e in supplies
        if e["source"] in drawn
        and e["target"] in drawn
        and (product is None or e["props"]["product_id"] == product)
    ]
    kept: Sequence[int] = range(len(between))
    if len(between) > limit:
        volume = [float(e["props"].get("volume_base") or 0.0) for e in between]
        kept = sorted(sorted(kept, key=lambda i: (-volume[i], i))[:limit])
    names = {p["id"]: p.get("name") for p in store.nodes(Label.PRODUCT)}
    out = []
    for i in kept:
        e = between[i]
        a, b, props = drawn[e["source"]], drawn[e["target"]], e["props"]
        line = {"type": "LineString", "coordinates": [[a[0], a[1]], [b[0], b[1]]]}
        out.append(
            _feature(
                "supply",
                line,
                {
                    "supplier_id": e["source"],
                    "buyer_id": e["target"],
                    "product_id": props["product_id"],
                    "product_name": names.get(props["product_id"]),
                    "volume": props.get("volume"),
                    "unit": props.get("unit"),
                    "cross_region": region_of.get(e["source"]) != region_of.get(e["target"]),
                },
            )
        )
    return len(between), out
