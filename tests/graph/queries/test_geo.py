"""graph/queries/geo.py: the demo on the ground, on both stores; placing firms without points."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chainatlas.graph import outlines
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.geodesy import contains
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Rel, Row, Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries.geo import geo_collection
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle
from tests.support import ROOT

pytestmark = pytest.mark.neo4j


@pytest.fixture(scope="module")
def demo() -> dict[Table, list[Row]]:
    return dict(read_bundle(ROOT / "data" / "demo").tables)


@pytest.fixture(scope="module")
def stores(
    demo: dict[Table, list[Row]], neo4j_session_store: Neo4jStore
) -> Iterator[tuple[GraphStore, GraphStore]]:
    memory = MemoryStore()
    memory.write_tables(demo)
    neo4j_session_store.clear()
    neo4j_session_store.write_tables(demo)
    yield memory, neo4j_session_store
    neo4j_session_store.clear()


def kinds(answer: Any, kind: str) -> list[dict[str, Any]]:
    return [f for f in answer["features"] if f["properties"]["kind"] == kind]


def test_the_demo_has_three_outlines_155_points_and_221_flows_on_both_stores(
    stores: tuple[GraphStore, GraphStore],
) -> None:
    memory, neo4j = stores
    answer = geo_collection(memory, flows=True)
    assert geo_collection(neo4j, flows=True) == answer
    counts = {"regions": 3, "enterprises": 155, "supplies": 221, "supplies_total": 221}
    assert answer["properties"]["counts"] == counts
    outline_of = {f["properties"]["id"]: f["geometry"] for f in kinds(answer, "region")}
    for firm in kinds(answer, "enterprise"):
        props = firm["properties"]
        inside = contains(outline_of[props["region_id"]], *firm["geometry"]["coordinates"])
        assert inside or props["approximate"], props["id"]
    regions = {f["properties"]["id"]: f["properties"] for f in kinds(answer, "region")}
    assert sum(r["enterprises"] for r in regions.values()) == 155
    assert sum(r["supplies_in"] for r in regions.values()) == 221
    assert regions["shangyu"]["adcode"] == "330604"
    for r in regions.values():
        assert r["local_supply_share"] == round(r["supplies_local"] / r["supplies_in"], 4)


@pytest.mark.parametrize(
    "filters",
    [
        {"chain": "fluorine"},
        {"stage": "下游"},
        {"region": "keqiao"},
        {"product": "ahf"},
        {"chain": "polymer", "region": "ningbo"},
    ],
)
def test_filters_agree_on_both_stores_and_draw_only_what_they_name(
    stores: tuple[GraphStore, GraphStore], filters: dict[str, Any]
) -> None:
    memory, neo4j = stores
    answer = geo_collection(memory, flows=True, **filters)
    assert geo_collection(neo4j, flows=True, **filters) == answer
    firms = kinds(answer, "enterprise")
    assert 0 < len(firms) < 155
    drawn = {f["properties"]["id"] for f in firms}
    for flow in kinds(answer, "supply"):
        assert {flow["properties"]["supplier_id"], flow["properties"]["buyer_id"]} <= drawn
        if "product" in filters:
            assert flow["properties"]["product_id"] == filters["product"]
    for key in ("chain", "stage", "region"):
        if key in filters:
            field = {"chain": "chain_id", "region": "region_id"}.get(key, key)
            assert {f["properties"][field] for f in firms} == {filters[key]}


@pytest.mark.parametrize(
    ("filters", "label"),
    [
        ({"chain": "metals"}, "Chain"),
        ({"region": "hangzhou"}, "Region"),
        ({"product": "gold"}, "Product"),
    ],
)
def test_unknown_filters_name_the_id(
    stores: tuple[GraphStore, GraphStore], filters: dict[str, Any], label: str
) -> None:
    for store in stores:
        with pytest.raises(UnknownEntity, match=f"unknown {label.lower()} id"):
            geo_collection(store, **filters)


def test_flows_beyond_the_limit_keep_the_largest(stores: tuple[GraphStore, GraphStore]) -> None:
    memory, neo4j = stores
    answer = geo_collection(memory, flows=True, flow_limit=10)
    assert geo_collection(neo4j, flows=True, flow_limit=10) == answer
    assert answer["properties"]["counts"]["supplies"] == 10
    assert answer["properties"]["counts"]["supplies_total"] == 221
    kept = [
        (f["properties"]["supplier_id"], f["properties"]["buyer_id"], f["properties"]["product_id"])
        for f in kinds(answer, "supply")
    ]
    assert kept == sorted(kept)
    base = {
        (e["source"], e["target"], e["props"]["product_id"]): e["props"].get("volume_base") or 0
        for e in memory.edges(Rel.SUPPLIES)
    }
    assert min(base[k] for k in kept) >= sorted(base.values(), reverse=True)[9]


# runs last: it clears the Neo4j database the module's demo stores share
def test_a_firm_without_a_point_is_drawn_at_its_park_then_its_district(store: GraphStore) -> None:
    store.write_tables(
        {
            Table.REGIONS: [
                {"id": "shangyu", "name": "上虞", "adcode": "330604"},
                {"id": "moon", "name": "月球"},
            ],
            Table.PARKS: [
                {
                    "id": "SY1",
                    "name": "杭州湾上虞经济技术开发区",
                    "region_id": "shangyu",
                    "lon": 120.84,
                    "lat": 30.13,
                }
            ],
            Table.ENTERPRISES: [
                {"id": "E1", "name": "甲", "region_id": "shangyu", "lon": 120.9, "lat": 30.0},
                {"id": "E2", "name": "乙", "region_id": "shangyu", "park_id": "SY1"},
                {"id": "E3", "name": "丙", "region_id": "shangyu"},
                {"id": "E4", "name": "丁", "region_id": "moon"},
            ],
        }
    )
    answer = geo_collection(store)
    placed = {
        f["properties"]["id"]: (
            f["properties"]["placed"],
            f["properties"]["approximate"],
            f["geometry"]["coordinates"],
        )
        for f in kinds(answer, "enterprise")
    }
    label_point = next(
        f["properties"]["label_point"]
        for f in outlines.shipped()["features"]
        if f["properties"]["adcode"] == "330604"
    )
    assert placed == {
        "E1": ("point", False, [120.9, 30.0]),
        "E2": ("park", True, [120.84, 30.13]),
        "E3": ("district", True, label_point),
    }
    assert answer["properties"]["unplaced"] == 1  # 月球 has no outline and E4 no point
    assert [f["properties"]["id"] for f in kinds(answer, "region")] == ["shangyu"]
