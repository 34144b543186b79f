"""The store contract: the same assertions on the memory and the Neo4j store.

Expected answers are worked out by hand in tests/reference.py.
"""

from __future__ import annotations

import pytest

from chainatlas.graph.errors import QueryRefused, UnknownEntity
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Rel, Table
from chainatlas.graph.rows import SEARCH_FIELDS
from chainatlas.graph.store import MAX_HOPS, Direction, GraphStore
from tests.support import reference
from tests.support.reference import EXPECTED_STATS


def test_empty_store_counts_nothing(store: GraphStore) -> None:
    assert set(store.stats().values()) == {0}


def test_write_reports_rows_per_table(store: GraphStore) -> None:
    written = store.write_tables(reference.TABLES)
    assert written == {t.value: len(rows) for t, rows in reference.TABLES.items()}


def test_stats_of_reference_network(ref_store: GraphStore) -> None:
    assert ref_store.stats() == EXPECTED_STATS


def test_rewrite_is_idempotent(ref_store: GraphStore) -> None:
    before = (ref_store.stats(), ref_store.neighbours(Label.ENTERPRISE, "E3"))
    ref_store.write_tables(reference.TABLES)
    assert (ref_store.stats(), ref_store.neighbours(Label.ENTERPRISE, "E3")) == before


def test_node_reads_back_what_was_written(ref_store: GraphStore) -> None:
    e3 = ref_store.node(Label.ENTERPRISE, "E3")
    assert e3["name"] == "浙江丙化纤股份有限公司"
    assert e3["region_id"] == "shangyu"
    assert e3["credit_code"] == "91330604MA2BD0003N"
    assert e3["aliases"] == [] and e3["tags"] == []


def test_node_carries_pinyin_keys(ref_store: GraphStore) -> None:
    pta = ref_store.node(Label.PRODUCT, "pta")
    assert (pta["pinyin"], pta["initials"]) == ("jingduibenerjiasuan", "jdbejs")


def test_unknown_node_names_kind_and_id(ref_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity, match="'E99'"):
        ref_store.node(Label.ENTERPRISE, "E99")


def test_neighbours_of_enterprise(ref_store: GraphStore) -> None:
    got = [
        (n["rel"], n["direction"], n["label"], n["id"], n["key"])
        for n in ref_store.neighbours(Label.ENTERPRISE, "E3")
    ]
    assert got == [
        ("COOPERATES", "out", "Enterprise", "E6", "技术"),
        ("IN_CHAIN", "out", "Chain", "poly", ""),
        ("LOCATED_IN", "out", "Region", "shangyu", ""),
        ("NEEDS", "out", "Product", "meg", ""),
        ("NEEDS", "out", "Product", "pta", ""),
        ("PRODUCES", "out", "Product", "pet", ""),
        ("PRODUCES", "out", "Product", "yarn", ""),
        ("SUPPLIES", "in", "Enterprise", "E1", "pta"),
        ("SUPPLIES", "in", "Enterprise", "E2", "meg"),
        ("SUPPLIES", "out", "Enterprise", "E4", "yarn"),
    ]


def test_neighbour_carries_relationship_properties(ref_store: GraphStore) -> None:
    supply = next(n for n in ref_store.neighbours(Label.ENTERPRISE, "E3") if n["id"] == "E1")
    assert supply["props"] == {
        "base_unit": "t",
        "product_id": "pta",
        "since": 2018,
        "unit": "t",
        "volume": 12000,
        "volume_base": 12000.0,
    }
    assert supply["name"] == "宁波甲石化有限公司"


def test_neighbours_of_product(ref_store: GraphStore) -> None:
    got = [(n["rel"], n["direction"], n["id"]) for n in ref_store.neighbours(Label.PRODUCT, "pet")]
    assert got == [
        ("INPUT_TO", "in", "meg"),
        ("INPUT_TO", "in", "pta"),
        ("INPUT_TO", "out", "yarn"),
        ("IN_CHAIN", "out", "poly"),
        ("PRODUCES", "in", "E3"),
        ("PRODUCES", "in", "E7"),
    ]


def test_quantities_are_normalised_to_base_units(ref_store: GraphStore) -> None:
    pta = next(n for n in ref_store.neighbours(Label.PRODUCT, "pta") if n["rel"] == "PRODUCES")
    assert (pta["props"]["capacity_base"], pta["props"]["base_unit"]) == (15000.0, "t")


def test_suppliers_ordered_by_product_then_firm(ref_store: GraphStore) -> None:
    assert [(s["id"], s["product_id"]) for s in ref_store.suppliers("E3")] == [
        ("E2", "meg"),
        ("E1", "pta"),
    ]
    assert ref_store.suppliers("E3")[1] == {
        "id": "E1",
        "name": "宁波甲石化有限公司",
        "region_id": "ningbo",
        "product_id": "pta",
        "product_name": "精对苯二甲酸",
        "volume": 12000,
        "unit": "t",
        "since": 2018,
    }


def test_customers(ref_store: GraphStore) -> None:
    assert [(c["id"], c["product_id"]) for c in ref_store.customers("E3")] == [("E4", "yarn")]
    assert [(s["id"], s["product_id"]) for s in ref_store.suppliers("E5")] == [
        ("E6", "dye"),
        ("E4", "fabric"),
    ]


def test_firm_without_trade_has_empty_lists(ref_store: GraphStore) -> None:
    assert (ref_store.suppliers("E7"), ref_store.customers("E7")) == ([], [])


def test_suppliers_of_unknown_firm(ref_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        ref_store.suppliers("nope")


def test_changed_row_moves_links(ref_store: GraphStore) -> None:
    moved = dict(reference.ENTERPRISES[2], region_id="ningbo", chain_id="textile", stage="下游")
    ref_store.upsert(Table.ENTERPRISES, [moved])
    links = {
        (n["rel"], n["id"], n["props"].get("stage"))
        for n in ref_store.neighbours(Label.ENTERPRISE, "E3")
        if n["rel"] in ("LOCATED_IN", "IN_CHAIN")
    }
    assert links == {("LOCATED_IN", "ningbo", None), ("IN_CHAIN", "textile", "下游")}


def test_edge_to_missing_node_is_skipped(ref_store: GraphStore) -> None:
    written = ref_store.upsert(
        Table.SUPPLIES, [{"supplier_id": "E1", "buyer_id": "E404", "product_id": "pta"}]
    )
    assert (written, ref_store.stats()["supply_edges"]) == (0, 5)


def test_clear_empties_the_store(ref_store: GraphStore) -> None:
    ref_store.clear()
    assert set(ref_store.stats().values()) == {0}


# -- primitives of the query catalogue (docs/queries.md) --------------------------------------
# Hand-worked on the reference network (tests/reference.py).


def test_search_text_holds_the_folded_keys_line_by_line(ref_store: GraphStore) -> None:
    # id, name, short name, English name, code (CAS), pinyin, initials, then the aliases;
    # the pinyin lines hold every reading of a heteronym (精 reads jing or qing)
    assert ref_store.node(Label.PRODUCT, "pta")["search_text"].split("\n") == [
        "pta",
        "精对苯二甲酸",
        "",
        "purified terephthalic acid",
        "100-21-0",
        "jingduibenerjiasuan qingduibenerjiasuan",
        "jdbejs qdbejs",
        "pta",
    ]


@pytest.mark.parametrize(
    ("q", "expected"),
    [
        # one Chinese character: the three firms with 化 in their names, all "in the name" (3)
        ("化", [("Enterprise", "E1", 3), ("Enterprise", "E2", 3), ("Enterprise", "E3", 3)]),
        ("宁波", [("Enterprise", "E1", 2), ("Enterprise", "E2", 2)]),  # name prefix
        ("乙二醇", [("Product", "meg", 1)]),  # exact name
        ("PTA", [("Product", "pta", 0)]),  # the id (and an alias): exact code wins
        ("107-21-1", [("Product", "meg", 0)]),  # CAS number
        ("91330604ma2bd0003n", [("Enterprise", "E3", 0)]),  # credit code, any case
        ("glycol", [("Product", "meg", 4)]),  # English name
        ("jdbejs", [("Product", "pta", 5)]),  # initials of 精对苯二甲酸
        ("ｊｉｎｇｄｕｉ", [("Product", "pta", 5)]),  # full-width pinyin folds to half-width
        ("107-21", [("Product", "meg", 6)]),  # part of a CAS number
        ("不存在", []),
    ],
)
def test_search_candidates(
    ref_store: GraphStore, q: str, expected: list[tuple[str, str, int]]
) -> None:
    got = [(c["label"], c["id"], c["match"]) for c in ref_store.search_candidates(q)]
    assert got == expected


def test_search_candidates_are_cut_after_ordering(ref_store: GraphStore) -> None:
    # "染": E5 戊印染 and E6 己染料 (firms) and 分散染料 (product), all inside the name
    assert [c["id"] for c in ref_store.search_candidates("染")] == ["E5", "E6", "dye"]
    assert [c["id"] for c in ref_store.search_candidates("染", cap=2)] == ["E5", "E6"]
    assert [c["id"] for c in ref_store.search_candidates("染", labels=[Label.PRODUCT])] == ["dye"]
    assert ref_store.search_candidates("染")[0]["name"] == "绍兴柯桥戊印染有限公司"


def test_search_candidates_carry_what_a_hit_shows(ref_store: GraphStore) -> None:
    """A candidate is its node's SEARCH_FIELDS (those it has), its label and how it matched:
    not the node's search_text nor its other properties."""
    firm = next(r for r in reference.TABLES[Table.ENTERPRISES] if r["id"] == "E5")
    ref_store.write_tables({Table.ENTERPRISES: [{**firm, "short_name": "戊印染"}]})
    shown: set[str] = set()
    for q in ("染", "pta", "glycol", "jdbejs", "E"):
        for c in ref_store.search_candidates(q):
            node = ref_store.node(Label(c["label"]), c["id"])
            fields = {f: node[f] for f in SEARCH_FIELDS if f in node}
            assert c == {**fields, "label": c["label"], "match": c["match"]}
            shown |= fields.keys()
    assert shown == set(SEARCH_FIELDS)


def test_search_candidates_refuse_an_empty_query(ref_store: GraphStore) -> None:
    with pytest.raises(ValueError, match="empty"):
        ref_store.search_candidates("  ")


def test_nodes_of_a_label_and_by_id(ref_store: GraphStore) -> None:
    assert [r["id"] for r in ref_store.nodes(Label.REGION)] == ["keqiao", "ningbo", "shangyu"]
    assert [r["id"] for r in ref_store.nodes(Label.ENTERPRISE, ["E7", "E2", "nope", "E2"])] == [
        "E2",
        "E7",
    ]
    assert ref_store.nodes(Label.CHAIN, ["poly"]) == [ref_store.node(Label.CHAIN, "poly")]
    assert ref_store.nodes(Label.PRODUCT, []) == []


def test_edges_of_a_type(ref_store: GraphStore) -> None:
    supplies = ref_store.edges(Rel.SUPPLIES)
    assert [(e["source"], e["target"], e["key"]) for e in supplies] == [
        ("E1", "E3", "pta"),
        ("E2", "E3", "meg"),
        ("E3", "E4", "yarn"),
        ("E4", "E5", "fabric"),
        ("E6", "E5", "dye"),
    ]
    assert supplies[0]["props"] == {
        "base_unit": "t",
        "product_id": "pta",
        "since": 2018,
        "unit": "t",
        "volume": 12000,
        "volume_base": 12000.0,
    }
    assert [(e["source"], e["target"], e["key"]) for e in ref_store.edges(Rel.COOPERATES)] == [
        ("E3", "E6", "技术"),
        ("E4", "E5", "人才"),
    ]
    assert len(ref_store.edges(Rel.PRODUCES)) == 8 and len(ref_store.edges(Rel.INPUT_TO)) == 5
    assert ref_store.edges(Rel.NEEDS)[0] == {
        "source": "E3",
        "target": "meg",
        "key": "",
        "props": {"annual_demand": 60000, "base_unit": "t", "demand_base": 60000.0, "unit": "t"},
    }


def test_edges_refuse_derived_relationships(ref_store: GraphStore) -> None:
    with pytest.raises(ValueError, match="IN_CHAIN"):
        ref_store.edges(Rel.IN_CHAIN)


def test_adjacent_edges_of_a_frontier(ref_store: GraphStore) -> None:
    def ends(rel: Rel, ids: list[str], direction: Direction) -> list[tuple[str, str, str]]:
        return [
            (e["source"], e["target"], e["key"])
            for e in ref_store.adjacent(rel, ids, direction=direction)
        ]

    assert ends(Rel.SUPPLIES, ["E3", "E5", "E404"], "in") == [
        ("E1", "E3", "pta"),
        ("E2", "E3", "meg"),
        ("E4", "E5", "fabric"),
        ("E6", "E5", "dye"),
    ]
    assert ends(Rel.SUPPLIES, ["E3", "E5"], "out") == [("E3", "E4", "yarn")]
    assert ends(Rel.COOPERATES, ["E6"], "in") == [("E3", "E6", "技术")]
    assert ends(Rel.INPUT_TO, ["pet"], "in") == [("meg", "pet", ""), ("pta", "pet", "")]
    assert ends(Rel.NEEDS, ["pta"], "in") == [("E3", "pta", "")]  # products at the in end
    assert ends(Rel.PRODUCES, ["E1"], "out") == [("E1", "pta", ""), ("E1", "px", "")]
    assert ref_store.adjacent(Rel.SUPPLIES, [], direction="out") == []


def test_supplies_of_products(ref_store: GraphStore) -> None:
    got = [
        (e["source"], e["target"], e["key"]) for e in ref_store.supplies_of(["yarn", "dye", "px"])
    ]
    assert got == [("E3", "E4", "yarn"), ("E6", "E5", "dye")]


def test_chain_members(ref_store: GraphStore) -> None:
    got = [(m["label"], m["id"], m.get("stage")) for m in ref_store.chain_members("textile")]
    assert got == [
        ("Enterprise", "E4", "中游"),
        ("Enterprise", "E5", "下游"),
        ("Enterprise", "E6", "中游"),
        ("Product", "dye", "中游"),
        ("Product", "fabric", "下游"),
        ("Product", "yarn", "中游"),
    ]
    with pytest.raises(UnknownEntity):
        ref_store.chain_members("nope")
    some = ref_store.chain_members("poly", fields=["stage", "region_id"])  # those they have
    ids = [(m["label"], m["id"]) for m in ref_store.chain_members("poly")]
    assert [(m["label"], m["id"]) for m in some] == ids
    assert some[0] == {"id": "E1", "label": "Enterprise", "region_id": "ningbo", "stage": "上游"}
    assert {k for m in some for k in m} == {"id", "label", "region_id", "stage"}


def test_producers_and_consumers(ref_store: GraphStore) -> None:
    assert [(p["product_id"], p["id"]) for p in ref_store.producers(["pta", "pet", "nope"])] == [
        ("pet", "E3"),
        ("pet", "E7"),
        ("pta", "E1"),
    ]
    assert ref_store.producers(["pta"])[0] == {
        "product_id": "pta",
        "id": "E1",
        "name": "宁波甲石化有限公司",
        "region_id": "ningbo",
        "chain_id": "poly",
        "stage": "上游",
        "scale": "中型",
        "amount": 1.5,
        "unit": "万t",
        "amount_base": 15000.0,
        "base_unit": "t",
    }
    assert [
        (c["product_id"], c["id"], c["amount_base"]) for c in ref_store.consumers(["fabric"])
    ] == [
        ("fabric", "E5", 30_000_000.0),  # 3000 万m
    ]


def test_supply_paths_primitive(ref_store: GraphStore) -> None:
    # E1 -pta-> E3 -yarn-> E4 -fabric-> E5 is the only way from E1 to E5
    assert ref_store.supply_paths("E1", "E5", max_hops=6, limit=5) == [
        {"nodes": ["E1", "E3", "E4", "E5"], "products": ["pta", "yarn", "fabric"]},
    ]
    assert ref_store.supply_paths("E1", "E5", max_hops=2, limit=5) == []
    assert ref_store.supply_paths("E5", "E1", max_hops=6, limit=5) == []  # against the flow
    assert ref_store.supply_paths("E3", "E3", max_hops=6, limit=5) == []
    with pytest.raises(UnknownEntity):
        ref_store.supply_paths("E1", "E404", max_hops=3, limit=5)
    with pytest.raises(ValueError, match="max_hops"):
        ref_store.supply_paths("E1", "E5", max_hops=MAX_HOPS + 1, limit=5)


def test_route_paths_primitive(ref_store: GraphStore) -> None:
    assert ref_store.route_paths("px", "fabric", max_hops=6, limit=5) == [
        {"nodes": ["px", "pta", "pet", "yarn", "fabric"]},
    ]
    assert ref_store.route_paths("px", "fabric", max_hops=3, limit=5) == []
    assert ref_store.route_paths("meg", "px", max_hops=6, limit=5) == []


def test_memory_store_refuses_analyst_cypher() -> None:
    with pytest.raises(QueryRefused, match="Neo4j"):
        MemoryStore().run_cypher("MATCH (n) RETURN n")


def test_product_counts(ref_store: GraphStore) -> None:
    # producers / consumers: pet is made by E3 and E7 and needed by nobody; px made by E1 only
    assert [
        (c["product_id"], c["producers"], c["consumers"]) for c in ref_store.product_counts()
    ] == [
        ("dye", 1, 1),
        ("fabric", 1, 1),
        ("meg", 1, 1),
        ("pet", 2, 0),
        ("pta", 1, 1),
        ("px", 1, 0),
        ("yarn", 1, 1),
    ]


def test_supply_pairs_are_distinct_sorted_id_pairs(ref_store: GraphStore) -> None:
    assert ref_store.supply_pairs() == [
        ("E1", "E3"),
        ("E2", "E3"),
        ("E3", "E4"),
        ("E4", "E5"),
        ("E6", "E5"),
    ]
