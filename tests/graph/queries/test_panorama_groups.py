"""A chain's panorama over the node budget answers groups (graph/queries/panorama_groups.py),
hand-worked on the reference network's poly chain, on both stores.

poly: E1 E2 上游 in ningbo, E3 E7 中游 in shangyu; products px pta meg 上游, pet 中游 (8 nodes);
supply inside the chain E1 -pta-> E3 and E2 -meg-> E3, so E3 has 2 links, E1 and E2 one, E7 none.
"""

from __future__ import annotations

import pytest

from chainatlas.graph.errors import UnknownEntity
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


def test_unknown_chain_firms(ref_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        chain_firm_list(ref_store, "nope")
