"""Two hubs on the reference network, for the tests of both stores' hubs
(tests/graph/test_store_hubs.py) and of what the Neo4j store keeps of them
(tests/graph/test_neo4j_hubs.py).

Firms B000… (``memory_graph.HUB`` + 22 of them): E3 sells them PET (every tenth sale ended at
the start of 2024) and every third of them yarn; each of them sells E7 resin. E3 is a hub of
customers, E7 a hub of suppliers. On the products' side, every one of them makes PTA (every
seventh only from 2022, every eleventh until 2025) and needs PET (every fifth from 2023):
PTA a product of many makers, PET one of many buyers (graph/neo4j_makers.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date

from chainatlas.graph.memory_graph import HUB
from chainatlas.graph.model import Row, Table
from chainatlas.graph.store import GraphStore
from tests.support import reference

FIRMS = [f"B{i:03d}" for i in range(HUB + 22)]
SALES: list[Row] = [
    {"supplier_id": "E3", "buyer_id": b, "product_id": "pet", "volume": 10 + i, "unit": "t"}
    | ({"since": 2020, "until": 2024} if i % 10 == 0 else {"since": 2021})
    for i, b in enumerate(FIRMS)
] + [
    {"supplier_id": "E3", "buyer_id": b, "product_id": "yarn", "volume": 5, "unit": "t"}
    for b in FIRMS[::3]
]
RESIN: list[Row] = [
    {"supplier_id": b, "buyer_id": "E7", "product_id": "pta", "volume": 1, "unit": "t"}
    for b in FIRMS
]
SUPPLIES = reference.SUPPLIES + SALES + RESIN
MAKES: list[Row] = [
    {"enterprise_id": b, "product_id": "pta", "capacity": 100 + i, "unit": "t"}
    | ({"since": 2022} if i % 7 == 0 else {})
    | ({"until": 2025} if i % 11 == 0 else {})
    for i, b in enumerate(FIRMS)
]
WANTS: list[Row] = [
    {"enterprise_id": b, "product_id": "pet", "annual_demand": 2 + i % 9, "unit": "万t"}
    | ({"since": 2023} if i % 5 == 0 else {})
    for i, b in enumerate(FIRMS)
]


def trade_of(firm: str, me: str, other: str) -> list[tuple[str, str]]:
    """``firm``'s partners as (firm, product), in trade order (product, then firm)."""
    found = [(s[other], s["product_id"]) for s in SUPPLIES if s[me] == firm]
    return sorted(found, key=lambda k: (k[1], k[0]))


#: the days what a store keeps is compared on with what it reads (tests/graph/test_neo4j_*):
#: every fact's, and one each side of the dates the hubs' facts and the tests' firms hold
DAYS = [
    None,
    date(2016, 1, 1),
    date(2021, 6, 1),
    date(2022, 1, 1),
    date(2023, 12, 31),
    date(2024, 1, 1),
    date(2024, 12, 31),
    date(2025, 6, 30),
    date(2026, 12, 4),
]
PRODUCTS = [p["id"] for p in reference.PRODUCTS]
SOLD, BOUGHT = trade_of("E3", "supplier_id", "buyer_id"), trade_of("E7", "buyer_id", "supplier_id")
ENDED = {(s["buyer_id"], s["product_id"]) for s in SALES if s.get("until")}


def write_hubs(store: GraphStore, dates: Mapping[str, Row] | None = None) -> GraphStore:
    """``store`` holding the reference network and the hubs' firms and trade; ``dates``: more
    columns of some firms (founded, closed...), by id."""
    firms = [
        {"id": b, "name": f"乙{b}", "region_id": "shangyu", "chain_id": "poly", "stage": "下游"}
        for b in FIRMS
    ]
    tables = dict(reference.TABLES)
    more = dates or {}
    tables[Table.ENTERPRISES] = [r | more.get(r["id"], {}) for r in reference.ENTERPRISES + firms]
    tables[Table.SUPPLIES] = SUPPLIES
    tables[Table.PRODUCES] = reference.PRODUCES + MAKES
    tables[Table.NEEDS] = reference.NEEDS + WANTS
    store.write_tables(tables)
    return store
