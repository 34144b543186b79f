"""A chain's panorama over the node budget answers groups (graph/queries/panorama_groups.py),
hand-worked on the reference network's poly chain, on both stores.

poly: E1 E2 上游 in ningbo, E3 E7 中游 in shangyu; products px pta meg 上游, pet 中游 (8 nodes);
supply inside the chain E1 -pta-> E3 and E2 -meg-> E3, so E3 has 2 links, E1 and E2 one, E7 none.
"""

from __future__ import annotations

import pytest

from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Table
from chainatlas.graph.queries import chain_panorama
from chainatlas.graph.queries.chains import chain_firm_list
from chainatlas.graph.store import GraphStore


def test_under_the_budget_nothing_is_grouped(ref_store: GraphStore) -> None:
    at_budget = chain_panorama(ref_store, "poly", budget=8)
    assert "aggregated" not in at_budget
    assert at_budget == chain_panorama(ref_store, "poly", budget=None)


def test_over_the_budget_stages_count_and_name_the_busiest(ref_store: GraphStore) -> None:
    p = chain_panorama(ref_store, "poly", budget=7)
    assert p["aggregated"] is True
    assert [
        (s["stage"], [f["id"] for f in s["firms"]], s.get("firm_count"), s.get("product_count"))
        for s in p["stages"]
    ] == [("上游", ["E1", "E2"], 2, 3), ("中游", ["E3", "E7"], 2, 1), ("下游", [], 0, 0)]
    whole = chain_panorama(ref_store, "poly")
    assert (p["regions"], p["links"], p["coverage"]) == (
        whole["regions"],
        whole["links"],
        whole["coverage"],
    )


def test_the_grouped_graph(ref_store: GraphStore) -> None:
    g = chain_panorama(ref_store, "poly", budget=7)["graph"]
    assert [(n["key"], n.get("count"), n.get("name")) for n in g["nodes"]] == [
        ("Chain:poly", None, "高分子材料"),
        ("Group:上游/ningbo", 2, "上游 · 宁波"),
        ("Group:中游/shangyu", 2, "中游 · 上虞"),
    ]
    assert [(e["source"], e["target"], e["rel"], e["props"]) for e in g["edges"]] == [
        ("Group:上游/ningbo", "Chain:poly", "IN_CHAIN", {"firms": 2}),
        ("Group:上游/ningbo", "Group:中游/shangyu", "SUPPLIES", {"edges": 2, "products": 2}),
        ("Group:中游/shangyu", "Chain:poly", "IN_CHAIN", {"firms": 2}),
    ]


def test_every_firm_of_a_chain_busiest_first(ref_store: GraphStore) -> None:
    firms = chain_firm_list(ref_store, "poly")
    assert [(f["id"], f["stage"], f.get("region_id"), f["links"]) for f in firms] == [
        ("E3", "中游", "shangyu", 2),
        ("E1", "上游", "ningbo", 1),
        ("E2", "上游", "ningbo", 1),
        ("E7", "中游", "shangyu", 0),
    ]


def test_links_of_one_place_and_product_are_counted_together(ref_store: GraphStore) -> None:
    """E8 (上游, shangyu) and E9 (no stage, shangyu) join poly; E1 sells PTA to E7 too, E8 to
    E3, E9 PET to E3: 上游 → 中游 carries PTA from two districts and from two sellers."""
    firm = {"name": "浙江辛材料有限公司", "chain_id": "poly", "region_id": "shangyu"}
    ref_store.upsert(
        Table.ENTERPRISES,
        [firm | {"id": "E8", "stage": "上游"}, firm | {"id": "E9", "name": "浙江壬材料有限公司"}],
    )
    sales = [("E1", "E7", "pta"), ("E8", "E3", "pta"), ("E9", "E3", "pet")]
    ref_store.upsert(
        Table.SUPPLIES,
        [{"supplier_id": a, "buyer_id": b, "product_id": p, "unit": "t"} for a, b, p in sales],
    )
    p = chain_panorama(ref_store, "poly", budget=7)
    assert p["links"] == [
        {"from": "上游", "to": "中游", "edges": 4, "products": ["meg", "pta"]},
        {"from": "未分", "to": "中游", "edges": 1, "products": ["pet"]},
    ]
    assert [f["id"] for s in p["stages"] for f in s["firms"]] == [
        "E1",
        "E2",
        "E8",
        "E3",
        "E7",
        "E9",
    ]
    supplies = [
        (e["source"], e["target"], e["props"])
        for e in p["graph"]["edges"]
        if e["rel"] == "SUPPLIES"
    ]
    assert supplies == [
        ("Group:上游/ningbo", "Group:中游/shangyu", {"edges": 3, "products": 2}),
        ("Group:上游/shangyu", "Group:中游/shangyu", {"edges": 1, "products": 1}),
        ("Group:未分/shangyu", "Group:中游/shangyu", {"edges": 1, "products": 1}),
    ]
    assert p["links"] == chain_panorama(ref_store, "poly")["links"]  # drawn: the same counts
    firms = chain_firm_list(ref_store, "poly")
    assert [(f["id"], f["links"]) for f in firms][:3] == [("E3", 4), ("E1", 2), ("E2", 1)]


def test_unknown_chain_firms(ref_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        chain_firm_list(ref_store, "nope")
