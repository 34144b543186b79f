"""``/api/geo`` (routers/geo.py): GeoJSON that geopandas (GDAL) opens as it is."""

from __future__ import annotations

import io

import geopandas
import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries.geo import geo_collection
from chainatlas.loaders import load_bundle
from tests.support import ROOT
from tests.support.api import TestClient, auth, client, invalid, ok, same, unknown


@pytest.fixture(scope="module")
def demo() -> MemoryStore:
    store = MemoryStore()
    load_bundle(store, ROOT / "data" / "demo")
    return store


@pytest.fixture(scope="module")
def viewer(demo: MemoryStore) -> TestClient:
    c = client(demo)
    c.headers.update(auth("viewer"))
    return c


def test_geo_is_geojson_that_geopandas_reads(viewer: TestClient, demo: MemoryStore) -> None:
    response = viewer.get("/api/geo", params={"flows": 1})
    assert response.headers["content-type"].startswith("application/geo+json")
    assert ok(response) == same(geo_collection(demo, flows=True))
    frame = geopandas.read_file(io.BytesIO(response.content))
    assert frame.crs is not None and frame.crs.to_epsg() == 4326
    assert frame["kind"].value_counts().to_dict() == {"supply": 221, "enterprise": 155, "region": 3}
    regions = frame[frame["kind"] == "region"].set_index("id")
    firms = frame[frame["kind"] == "enterprise"]
    for _, firm in firms.iterrows():
        assert (
            regions.loc[firm["region_id"], "geometry"].contains(firm["geometry"])
            or firm["approximate"]
        )


def test_geo_filters_and_errors(viewer: TestClient, demo: MemoryStore) -> None:
    body = ok(viewer.get("/api/geo", params={"chain": "fluorine", "stage": "upstream"}))
    assert body == same(geo_collection(demo, chain="fluorine", stage="上游"))
    assert body["properties"]["counts"]["supplies"] == 0  # flows only when asked
    unknown(viewer.get("/api/geo", params={"chain": "metals"}), "Chain", "metals")
    unknown(viewer.get("/api/geo", params={"product": "gold"}), "Product", "gold")
    invalid(viewer.get("/api/geo", params={"stage": "sideways"}), "stage")
    past = ok(viewer.get("/api/geo", params={"as_of": "1990-01-01", "flows": 1}))
    assert past["properties"]["counts"]["supplies"] == 0  # no supply relation had begun


def test_geo_needs_a_viewer(demo: MemoryStore) -> None:
    assert client(demo).get("/api/geo").status_code == 401
