"""A small reference supply network whose answers are worked out by hand.

    宁波 ningbo                上虞 shangyu                     柯桥 keqiao
    E1 甲石化 ──PTA──►  E3 丙化纤 ──涤纶长丝──►  E4 丁纺织 ──坯布──►  E5 戊印染
    E2 乙化工 ──MEG──►  E3                                      E6 己染料 ──分散染料──► E5
                        E3 ◄─技术─► E6 (cooperation)          E4 ─人才─► E5 (cooperation)
    E7 庚新材 (上虞) produces PET too, and trades with nobody.

Process route: PX → PTA → PET ← MEG;  PET → 涤纶长丝 → 坯布.

Hand-worked answers (used by the contract tests):
- stats: enterprises 7; collaborating 6 (E1–E6; E7 has no edge); supplied products 5
  (pta, meg, yarn, fabric, dye); chains 2; regions 3; products 7; supply edges 5;
  cooperation edges 2; produces 8; needs 5; route edges 5.
- suppliers(E3): [E2 for meg, E1 for pta]   (ordered by product id: "meg" < "pta")
- customers(E3): [E4 for yarn];  suppliers(E5): [E6 dye, E4 fabric];  suppliers(E7): []

Hand-worked answers of the query catalogue (docs/queries.md; the tests/test_queries_*.py
assertions repeat them with the arithmetic):
- search "化" (one character): E1, E2, E3, all "in the name"; "jdbejs": pta by its initials.
- match_suppliers(E5): E4 for fabric 90.0 (same district, capacity, trade, chain, 人才
  cooperation), E6 for dye 65.0; match_suppliers(E3): E2 meg 65.0, E1 pta 46.8 (1.5万t covers
  9 % of 170000 t); match_buyers(E3): E4 yarn 57.5.
- supply_paths(E1, E5): one path E1 -pta-> E3 -yarn-> E4 -fabric-> E5; product_routes(px,
  fabric): px → pta → pet → yarn → fabric.
- tiers(E5, upstream): 1 E4, E6; 2 E3; 3 E1, E2.
- chains: poly has E1 E2 (上游), E3 E7 (中游), links 上游→中游 2; textile E4 E6 (中游), E5
  (下游), links 中游→下游 2; every need producible and supplied (coverage 1.0 / 1.0).
- gaps: none (every needed product has a producer); single-source: dye, fabric, meg, pta, yarn.
- impact(E1): tier 1 E3 (pta), tier 2 E4 (yarn), tier 3 E5 (fabric); impact(yarn): E4, then E5.
- betweenness (normalised by 30): E3 4/30, E4 3/30, the rest 0; degree: E3 0.5, E4 and E5 1/3.
"""

from __future__ import annotations

from chainatlas.graph.model import Row, Table

CHAINS: list[Row] = [
    {"id": "poly", "name": "高分子材料", "name_en": "Polymer materials"},
    {"id": "textile", "name": "染料与纺织新材料", "name_en": "Dyes & textile new materials"},
]
REGIONS: list[Row] = [
    {
        "id": "shangyu",
        "name": "上虞",
        "name_en": "Shangyu",
        "city": "绍兴",
        "province": "浙江",
        "role": "core",
    },
    {
        "id": "ningbo",
        "name": "宁波",
        "name_en": "Ningbo",
        "city": "宁波",
        "province": "浙江",
        "role": "partner",
    },
    {
        "id": "keqiao",
        "name": "柯桥",
        "name_en": "Keqiao",
        "city": "绍兴",
        "province": "浙江",
        "role": "partner",
    },
]
PRODUCTS: list[Row] = [
    {
        "id": "px",
        "name": "对二甲苯",
        "name_en": "p-Xylene",
        "cas": "106-42-3",
        "unit": "t",
        "aliases": ["PX"],
        "chain_id": "poly",
        "stage": "上游",
    },
    {
        "id": "pta",
        "name": "精对苯二甲酸",
        "name_en": "Purified terephthalic acid",
        "cas": "100-21-0",
        "unit": "t",
        "aliases": ["PTA"],
        "chain_id": "poly",
        "stage": "上游",
    },
    {
        "id": "meg",
        "name": "乙二醇",
        "name_en": "Ethylene glycol",
        "cas": "107-21-1",
        "unit": "t",
        "aliases": ["MEG"],
        "chain_id": "poly",
        "stage": "上游",
    },
    {
        "id": "pet",
        "name": "聚酯切片",
        "name_en": "PET chips",
        "cas": "25038-59-9",
        "unit": "t",
        "chain_id": "poly",
        "stage": "中游",
    },
    {
        "id": "yarn",
        "name": "涤纶长丝",
        "name_en": "Polyester filament yarn",
        "unit": "t",
        "chain_id": "textile",
        "stage": "中游",
    },
    {
        "id": "fabric",
        "name": "坯布",
        "name_en": "Grey fabric",
        "unit": "万m",
        "chain_id": "textile",
        "stage": "下游",
    },
    {
        "id": "dye",
        "name": "分散染料",
        "name_en": "Disperse dyes",
        "unit": "t",
        "chain_id": "textile",
        "stage": "中游",
    },
]


def _firm(id: str, name: str, region: str, chain: str, stage: str, code: str) -> Row:
    return {
        "id": id,
        "name": name,
        "credit_code": code,
        "region_id": region,
        "chain_id": chain,
        "stage": stage,
        "scale": "中型",
    }


ENTERPRISES: list[Row] = [
    _firm("E1", "宁波甲石化有限公司", "ningbo", "poly", "上游", "91330211MA2GL00013"),
    _firm("E2", "宁波乙化工有限公司", "ningbo", "poly", "上游", "91330211MA2GL00026"),
    _firm("E3", "浙江丙化纤股份有限公司", "shangyu", "poly", "中游", "91330604MA2BD0003N"),
    _firm("E4", "绍兴柯桥丁纺织有限公司", "keqiao", "textile", "中游", "91330603MA2BD0004B"),
    _firm("E5", "绍兴柯桥戊印染有限公司", "keqiao", "textile", "下游", "91330603MA2BD0005E"),
    _firm("E6", "浙江己染料有限公司", "shangyu", "textile", "中游", "91330604MA2BD00060"),
    _firm("E7", "浙江庚新材料有限公司", "shangyu", "poly", "中游", "91330604MA2BD00073"),
]
PRODUCES: list[Row] = [
    {"enterprise_id": e, "product_id": p, "capacity": c, "unit": u}
    for e, p, c, u in [
        ("E1", "px", 800000, "t"),
        ("E1", "pta", 1.5, "万t"),
        ("E2", "meg", 300000, "t"),
        ("E3", "pet", 200000, "t"),
        ("E3", "yarn", 150000, "t"),
        ("E4", "fabric", 5000, "万m"),
        ("E6", "dye", 20000, "t"),
        ("E7", "pet", 50000, "t"),
    ]
]
NEEDS: list[Row] = [
    {"enterprise_id": e, "product_id": p, "annual_demand": d, "unit": u}
    for e, p, d, u in [
        ("E3", "pta", 170000, "t"),
        ("E3", "meg", 60000, "t"),
        ("E4", "yarn", 30000, "t"),
        ("E5", "fabric", 3000, "万m"),
        ("E5", "dye", 800, "t"),
    ]
]
SUPPLIES: list[Row] = [
    {"supplier_id": s, "buyer_id": b, "product_id": p, "volume": v, "unit": "t", "since": y}
    for s, b, p, v, y in [
        ("E1", "E3", "pta", 12000, 2018),
        ("E2", "E3", "meg", 50000, 2019),
        ("E3", "E4", "yarn", 20000, 2020),
        ("E4", "E5", "fabric", 2000, 2021),
        ("E6", "E5", "dye", 600, 2016),
    ]
]
SUPPLIES[3]["unit"] = "万m"
COOPERATIONS: list[Row] = [
    {
        "from_id": "E3",
        "to_id": "E6",
        "kind": "技术",
        "since": 2022,
        "note": "联合研发阳离子可染聚酯",
    },
    {"from_id": "E4", "to_id": "E5", "kind": "人才", "since": 2023},
]
PRODUCT_INPUTS: list[Row] = [
    {"input_id": i, "output_id": o}
    for i, o in [("px", "pta"), ("pta", "pet"), ("meg", "pet"), ("pet", "yarn"), ("yarn", "fabric")]
]

TABLES: dict[Table, list[Row]] = {
    Table.CHAINS: CHAINS,
    Table.REGIONS: REGIONS,
    Table.PRODUCTS: PRODUCTS,
    Table.ENTERPRISES: ENTERPRISES,
    Table.PRODUCES: PRODUCES,
    Table.NEEDS: NEEDS,
    Table.SUPPLIES: SUPPLIES,
    Table.COOPERATIONS: COOPERATIONS,
    Table.PRODUCT_INPUTS: PRODUCT_INPUTS,
}

#: ``stats()`` of the reference network, counted by hand from the tables above
EXPECTED_STATS = {
    "enterprises": 7,
    "collaborating_enterprises": 6,
    "supplied_products": 5,
    "chains": 2,
    "regions": 3,
    "products": 7,
    "supply_edges": 5,
    "cooperation_edges": 2,
    "produces_edges": 8,
    "needs_edges": 5,
    "route_edges": 5,
}
