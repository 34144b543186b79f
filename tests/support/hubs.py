"""Two hubs on the reference network, for the tests of both stores' hubs
(tests/graph/test_store_hubs.py) and of what the Neo4j store keeps of them
(tests/graph/test_neo4j_hubs.py).

Firms B000… (``memory_graph.HUB`` + 22 of them): E3 sells them PET (every tenth sale ended at
the start of 2024) and every third of them yarn; each of them sells E7 resin. E3 is a hub of
customers, E7 a hub of suppliers.
"""

from __future__ import annotations

from collections.abc import Mapping

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


def trade_of(firm: str, me: str, other: str) -> list[tuple[str, str]]:
    """``firm``'s partners as (firm, product), in trade order (product, then firm)."""
    found = [(s[other], s["product_id"]) for s in SUPPLIES if s[me] == firm]
    return sorted(found, key=lambda k: (k[1], k[0]))


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
    store.write_tables(tables)
    return store
