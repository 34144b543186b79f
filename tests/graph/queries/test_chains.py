"""Chain list and panorama, hand-worked on the reference network and on EXTENDED
(tests/queries_fixtures.py)."""

from __future__ import annotations

import pytest

from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Table
from chainatlas.graph.queries import chain_list, chain_panorama
from chainatlas.graph.store import GraphStore
from tests.support.networks import EXTENDED


@pytest.fixture
def ext_store(store: GraphStore) -> GraphStore:
    store.write_tables(EXTENDED)
    return store


def test_chain_list(ref_store: GraphStore) -> None:
    poly, textile = chain_list(ref_store)
    # poly: E1 E2 上游, E3 E7 中游; px pta meg 上游, pet 中游; links E1→E3, E2→E3
    assert (poly["id"], poly["firms"], poly["products"], poly["links"]) == ("poly", 4, 4, 2)
    assert poly["stages"] == [
        {"stage": "上游", "firms": 2, "products": 3},
        {"stage": "中游", "firms": 2, "products": 1},
        {"stage": "下游", "firms": 0, "products": 0},
    ]
    assert poly["regions"] == [
        {
            "region_id": "ningbo",
            "name": "宁波",
            "role": "partner",
            "firms": 2,
            "by_stage": {"上游": 2},
        },
        {
            "region_id": "shangyu",
            "name": "上虞",
            "role": "core",
            "firms": 2,
            "by_stage": {"中游": 2},
        },
    ]
    # textile: E4 E6 中游, E5 下游; needs E4 yarn, E5 fabric, E5 dye: all made and bought here
    assert (textile["firms"], textile["links"]) == (3, 2)
    assert textile["coverage"] == {
        "needs": 3,
        "producible": 3,
        "supplied": 3,
        "producible_share": 1.0,
        "supplied_share": 1.0,
        "unmet": [],
    }


def test_unstaged_and_unplaced_members_are_counted(ref_store: GraphStore) -> None:
    """A firm with neither stage nor region and a product with no stage: the overview counts
    them under 未分 and a region of none, as the chain's panorama does."""
    firm = {"id": "E8", "name": "浙江辛材料有限公司", "credit_code": "91330604MA2BD0008K"}
    ref_store.upsert(Table.ENTERPRISES, [firm | {"chain_id": "poly"}])
    ref_store.upsert(
        Table.PRODUCTS, [{"id": "cat", "name": "催化剂", "unit": "t", "chain_id": "poly"}]
    )
    poly = chain_list(ref_store)[0]
    assert (poly["firms"], poly["products"]) == (5, 5)
    assert poly["stages"] == [
        {"stage": "上游", "firms": 2, "products": 3},
        {"stage": "中游", "firms": 2, "products": 1},
        {"stage": "下游", "firms": 0, "products": 0},
        {"stage": "未分", "firms": 1, "products": 1},
    ]
    assert poly["regions"][0] == {"firms": 1, "by_stage": {"未分": 1}}
    assert [r.get("region_id") for r in poly["regions"]] == [None, "ningbo", "shangyu"]
    panorama = chain_panorama(ref_store, "poly")
    assert panorama["regions"] == poly["regions"]
    unstaged = panorama["stages"][-1]
    assert (unstaged["stage"], len(unstaged["firms"]), len(unstaged["products"])) == ("未分", 1, 1)
    # a product alone unstaged still shows the stage
    ref_store.upsert(Table.ENTERPRISES, [firm | {"chain_id": "poly", "stage": "中游"}])
    assert chain_list(ref_store)[0]["stages"][-1] == {"stage": "未分", "firms": 0, "products": 1}


def test_panorama_of_textile(ref_store: GraphStore) -> None:
    p = chain_panorama(ref_store, "textile")
    assert p["chain"] == {
        "id": "textile",
        "name": "染料与纺织新材料",
        "name_en": "Dyes & textile new materials",
    }
    assert [
        (s["stage"], [f["id"] for f in s["firms"]], [x["id"] for x in s["products"]])
        for s in p["stages"]
    ] == [("上游", [], []), ("中游", ["E4", "E6"], ["dye", "yarn"]), ("下游", ["E5"], ["fabric"])]
    assert p["stages"][1]["firms"][0] == {
        "label": "Enterprise",
        "id": "E4",
        "name": "绍兴柯桥丁纺织有限公司",
        "region_id": "keqiao",
        "scale": "中型",
    }
    # E4 -fabric-> E5 and E6 -dye-> E5: both 中游 → 下游
    assert p["links"] == [{"from": "中游", "to": "下游", "edges": 2, "products": ["dye", "fabric"]}]


def test_panorama_graph(ref_store: GraphStore) -> None:
    g = chain_panorama(ref_store, "poly")["graph"]
    # chain, 4 firms, 4 products; 8 IN_CHAIN, 2 SUPPLIES, PRODUCES of chain products by chain
    # firms: E1 px, E1 pta, E2 meg, E3 pet, E7 pet (E3's yarn is in textile) = 15 edges
    assert len(g["nodes"]) == 9
    rels = [e["rel"] for e in g["edges"]]
    assert (rels.count("IN_CHAIN"), rels.count("SUPPLIES"), rels.count("PRODUCES")) == (8, 2, 5)


def test_coverage_below_full(ext_store: GraphStore) -> None:
    # EXTENDED poly: E3 pta, E3 meg, E7 pta, E7 meg; all made in the map, E3's bought
    assert chain_panorama(ext_store, "poly")["coverage"] == {
        "needs": 4,
        "producible": 4,
        "supplied": 2,
        "producible_share": 1.0,
        "supplied_share": 0.5,
        "unmet": [],
    }
    # EXTENDED textile: + E5 nno, E6 nno, E6 pna, which nobody makes
    assert chain_panorama(ext_store, "textile")["coverage"] == {
        "needs": 6,
        "producible": 3,
        "supplied": 3,
        "producible_share": 0.5,
        "supplied_share": 0.5,
        "unmet": [{"product_id": "nno", "firms": 2}, {"product_id": "pna", "firms": 1}],
    }


def test_a_products_one_maker_covers_the_needs_of_others_only(ref_store: GraphStore) -> None:
    # E1 alone makes px and pta; E3 alone makes yarn, E3 and E7 both make pet
    needs = [("E1", "px"), ("E2", "pta"), ("E3", "pet"), ("E7", "pet"), ("E3", "yarn")]
    rows = [
        {"enterprise_id": f, "product_id": p, "annual_demand": 1, "unit": "t"} for f, p in needs
    ]
    ref_store.upsert(Table.NEEDS, rows)
    coverage = chain_panorama(ref_store, "poly")["coverage"]
    # poly's needs: E3 pta, E3 meg (reference) and the five above; E1's own px and E3's own
    # yarn are not producible, E3's and E7's pet are (the other makes it)
    assert (coverage["needs"], coverage["producible"]) == (7, 5)
    assert coverage["unmet"] == [
        {"product_id": "px", "firms": 1},
        {"product_id": "yarn", "firms": 1},
    ]
    assert [c["coverage"] for c in chain_list(ref_store) if c["id"] == "poly"] == [coverage]


def test_unknown_chain(ref_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        chain_panorama(ref_store, "nope")
