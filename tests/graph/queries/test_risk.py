"""Gaps, single-source products and disruption impact, hand-worked on the reference network
and on EXTENDED (tests/queries_fixtures.py); graph/queries/risk.py states the semantics."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Table
from chainatlas.graph.queries import gaps, impact, single_source, window
from chainatlas.graph.store import GraphStore
from tests.support.networks import EXTENDED


@pytest.fixture
def ext_store(store: GraphStore) -> GraphStore:
    store.write_tables(EXTENDED)
    return store


def lost(answer: Mapping[str, Any]) -> list[tuple[int, str, list[tuple[str, list[str]]]]]:
    return [
        (a["tier"], a["id"], [(x["product_id"], x["suppliers"]) for x in a["lost"]])
        for a in answer["affected"]
    ]


def test_reference_has_no_gap(ref_store: GraphStore) -> None:
    assert gaps(ref_store) == {"gaps": [], "total": 0, "graph": {"nodes": [], "edges": []}}


def test_gaps_ranked_by_firms_then_demand(ext_store: GraphStore) -> None:
    # nno: E5 50 t + E6 200 t; pna: E6 500 t. Two firms beat more tonnes.
    answer = gaps(ext_store)
    assert [(g["product_id"], g["firms"], g["demand_base"]) for g in answer["gaps"]] == [
        ("nno", 2, 250.0),
        ("pna", 1, 500.0),
    ]
    assert answer["gaps"][0]["needed_by"] == [
        {"label": "Enterprise", "id": "E5", "name": "绍兴柯桥戊印染有限公司"},
        {"label": "Enterprise", "id": "E6", "name": "浙江己染料有限公司"},
    ]
    assert answer["gaps"][1] | {"needed_by": []} == {
        "product_id": "pna",
        "name": "对硝基苯胺",
        "name_en": "p-Nitroaniline",
        "chain_id": "textile",
        "stage": "上游",
        "firms": 1,
        "demand_base": 500.0,
        "base_unit": "t",
        "needed_by": [],
    }
    assert answer["total"] == 2 and len(answer["graph"]["edges"]) == 3
    assert [g["product_id"] for g in gaps(ext_store, limit=1)["gaps"]] == ["nno"]


def test_a_gap_names_its_first_firms_and_counts_them_all(
    ext_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's unmade product is needed by thousands of firms: a gap names the first
    FIRMS_SHOWN by id, and its count and demand are every firm's."""
    monkeypatch.setattr(window, "FIRMS_SHOWN", 1)
    (nno, _) = gaps(ext_store)["gaps"]
    assert [f["id"] for f in nno["needed_by"]] == ["E5"]
    assert (nno["firms"], nno["demand_base"]) == (2, 250.0)
    assert len(gaps(ext_store)["graph"]["edges"]) == 2


def test_single_source(ref_store: GraphStore) -> None:
    # one producer each, one consumer each: dye E6→E5, fabric E4→E5, meg E2→E3, pta E1→E3,
    # yarn E3→E4 (px has nobody needing it; pet has two producers)
    answer = single_source(ref_store)
    assert [
        (p["product_id"], p["producer"]["id"], p["consumer_ids"]) for p in answer["products"]
    ] == [
        ("dye", "E6", ["E5"]),
        ("fabric", "E4", ["E5"]),
        ("meg", "E2", ["E3"]),
        ("pta", "E1", ["E3"]),
        ("yarn", "E3", ["E4"]),
    ]
    assert answer["products"][3]["capacity_base"] == 15000.0


def test_single_source_extended(ext_store: GraphStore) -> None:
    # meg has two producers now; pta has two consumers (E3, E7) and comes first
    assert [(p["product_id"], p["consumers"]) for p in single_source(ext_store)["products"]] == [
        ("pta", 2),
        ("dye", 1),
        ("fabric", 1),
        ("yarn", 1),
    ]


def test_impact_of_losing_the_refinery(ref_store: GraphStore) -> None:
    # E1 gone: E3 has no other PTA (tier 1), so E4 loses its yarn (2), so E5 its fabric (3)
    answer = impact(ref_store, enterprise_id="E1")
    assert lost(answer) == [
        (1, "E3", [("pta", ["E1"])]),
        (2, "E4", [("yarn", ["E3"])]),
        (3, "E5", [("fabric", ["E4"])]),
    ]
    assert answer["tiers"] == [
        {"tier": 1, "firms": 1},
        {"tier": 2, "firms": 1},
        {"tier": 3, "firms": 1},
    ]
    assert answer["removed"] == {"label": "Enterprise", "id": "E1", "name": "宁波甲石化有限公司"}
    assert [(e["source"], e["target"]) for e in answer["graph"]["edges"]] == [
        ("Enterprise:E1", "Enterprise:E3"),
        ("Enterprise:E3", "Enterprise:E4"),
        ("Enterprise:E4", "Enterprise:E5"),
    ]
    assert lost(impact(ref_store, enterprise_id="E1", max_tiers=1)) == [
        (1, "E3", [("pta", ["E1"])])
    ]


def test_impact_of_small_suppliers(ref_store: GraphStore) -> None:
    assert lost(impact(ref_store, enterprise_id="E6")) == [(1, "E5", [("dye", ["E6"])])]
    assert lost(impact(ref_store, enterprise_id="E7")) == []
    assert lost(impact(ref_store, enterprise_id="E5")) == []


def test_a_second_supplier_protects(ext_store: GraphStore) -> None:
    # EXTENDED: E3 buys MEG from E1 and E2; losing E2 leaves E1
    assert lost(impact(ext_store, enterprise_id="E2")) == []
    # losing E1 still takes E3's PTA (its MEG survives through E2)
    assert lost(impact(ext_store, enterprise_id="E1"))[0] == (1, "E3", [("pta", ["E1"])])


def test_impact_of_losing_a_product(ref_store: GraphStore) -> None:
    # no 涤纶长丝 in the map: E4 loses it (tier 1), E5 its fabric (tier 2)
    answer = impact(ref_store, product_id="yarn")
    assert lost(answer) == [(1, "E4", [("yarn", ["E3"])]), (2, "E5", [("fabric", ["E4"])])]
    assert answer["removed"]["label"] == "Product"
    assert "Product:yarn" in [n["key"] for n in answer["graph"]["nodes"]]
    assert lost(impact(ref_store, product_id="px")) == []  # nobody buys PX in the map


def test_impact_options(ref_store: GraphStore) -> None:
    with pytest.raises(ValueError):
        impact(ref_store)
    with pytest.raises(ValueError):
        impact(ref_store, enterprise_id="E1", product_id="pta")
    with pytest.raises(UnknownEntity):
        impact(ref_store, enterprise_id="E404")


def test_impact_of_a_product_nobody_in_the_map_makes(ext_store: GraphStore) -> None:
    # nno: needed by E5 (50 t) and E6 (200 t), made by nobody in the map: no firm is
    # affected, and the answer says the whole supply comes from outside, for 250 t a year
    answer = impact(ext_store, product_id="nno")
    assert answer["affected"] == []
    outside = answer["outside"]
    assert (outside["producers"], outside["firms"]) == (0, 2)
    assert [f["id"] for f in outside["needed_by"]] == ["E5", "E6"]
    assert (outside["demand_base"], outside["base_unit"]) == (250.0, "t")
    assert outside["note"]["zh"] == (
        "图谱内没有企业生产扩散剂NNO，全部供应来自图谱以外：2 家企业需要它，年需求250吨"
    )
    assert outside["note"]["en"].startswith("No firm in the map makes Dispersant NNO")


def test_impact_of_a_product_partly_bought_outside(ext_store: GraphStore) -> None:
    # pta: E1 makes it and supplies E3; E7 needs 40000 t with no supplier in the map
    answer = impact(ext_store, product_id="pta")
    assert [a["id"] for a in answer["affected"] if a["tier"] == 1] == ["E3"]
    outside = answer["outside"]
    assert (outside["producers"], outside["firms"], outside["demand_base"]) == (1, 1, 40000.0)
    assert [f["id"] for f in outside["needed_by"]] == ["E7"]
    assert outside["note"]["zh"].startswith("1 家需要精对苯二甲酸")
    # every buyer of yarn has a supplier in the map: nothing to say about outside
    assert "outside" not in impact(ext_store, product_id="yarn")


def test_outside_demand_unknown_is_left_out_of_the_sentence(ext_store: GraphStore) -> None:
    # a need with no annual demand: the firm is named, no amount is claimed
    ext_store.write_tables(
        {
            Table.PRODUCTS: [{"id": "tio2", "name": "钛白粉", "name_en": "Titanium dioxide"}],
            Table.NEEDS: [{"enterprise_id": "E5", "product_id": "tio2"}],
        }
    )
    outside = impact(ext_store, product_id="tio2")["outside"]
    assert (outside["firms"], outside["demand_base"], "base_unit" in outside) == (1, 0.0, False)
    assert outside["note"] == {
        "zh": "图谱内没有企业生产钛白粉，全部供应来自图谱以外：1 家企业需要它",
        "en": "No firm in the map makes Titanium dioxide: its whole supply comes from outside "
        "the map; 1 firm needs it",
    }
