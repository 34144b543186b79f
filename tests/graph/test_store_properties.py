"""Property-based checks on small random networks: matchmaking, paths and impact answer the
same on both stores, and the memory store's paths are networkx's simple paths.

Networks are drawn as bundle tables (tests' own strategy below). Settings are deterministic
(derandomized, no example database) and bounded; the Neo4j store is cleared and rewritten
for every example, so the networks stay small.
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from typing import Any

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chainatlas.graph.errors import ChainAtlasError
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import CoopKind, Row, Stage, Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries import impact, match_buyers, match_suppliers, supply_paths
from chainatlas.graph.store import GraphStore

SETTINGS = settings(
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
REGIONS = [
    {"id": "r0", "name": "上虞", "role": "core"},
    {"id": "r1", "name": "宁波", "role": "partner"},
    {"id": "r2", "name": "杭州"},
]
CHAINS = [{"id": "c0", "name": "高分子材料"}, {"id": "c1", "name": "纺织"}]
STAGES = [None, *(s.value for s in Stage)]
UNITS = ["t", "万t", "kg", "m"]  # m is another family: capacity and demand cannot compare
KINDS = [k.value for k in CoopKind]


@st.composite
def networks(draw: st.DrawFn) -> dict[Table, list[Row]]:
    """A small network in the bundle's table format."""
    n_firms = draw(st.integers(3, 7))
    n_products = draw(st.integers(1, 4))
    firms = [f"F{i}" for i in range(n_firms)]
    products = [f"p{i}" for i in range(n_products)]
    chain = st.sampled_from([None, "c0", "c1"])
    amount = st.one_of(st.none(), st.integers(0, 5000))
    pair = st.tuples(st.sampled_from(firms), st.sampled_from(products))
    trade = st.tuples(st.sampled_from(firms), st.sampled_from(firms), st.sampled_from(products))

    def staged(id: str, row: Row) -> Row:
        c = draw(chain)
        return row | {
            "id": id,
            "chain_id": c,
            "stage": draw(st.sampled_from(STAGES[1:])) if c else None,
        }

    return {
        Table.CHAINS: CHAINS,
        Table.REGIONS: REGIONS,
        Table.PRODUCTS: [staged(p, {"name": f"产品{p}", "unit": "t"}) for p in products],
        Table.ENTERPRISES: [
            staged(
                f,
                {
                    "name": f"企业{f}",
                    "credit_code": f"C{f}",
                    "region_id": draw(st.sampled_from(["r0", "r1", "r2"])),
                },
            )
            for f in firms
        ],
        Table.PRODUCES: [
            {
                "enterprise_id": e,
                "product_id": p,
                "capacity": draw(amount),
                "unit": draw(st.sampled_from(UNITS)),
            }
            for e, p in sorted(draw(st.sets(pair, min_size=2, max_size=8)))
        ],
        Table.NEEDS: [
            {
                "enterprise_id": e,
                "product_id": p,
                "annual_demand": draw(amount),
                "unit": draw(st.sampled_from(UNITS)),
            }
            for e, p in sorted(draw(st.sets(pair, min_size=2, max_size=8)))
        ],
        Table.SUPPLIES: [
            {"supplier_id": s, "buyer_id": b, "product_id": p, "volume": draw(amount), "unit": "t"}
            for s, b, p in sorted(draw(st.sets(trade, min_size=4, max_size=14)))
            if s != b
        ],
        Table.COOPERATIONS: [
            {"from_id": a, "to_id": b, "kind": draw(st.sampled_from(KINDS))}
            for a, b in sorted(
                draw(
                    st.sets(
                        st.tuples(st.sampled_from(firms), st.sampled_from(firms)),
                        min_size=1,
                        max_size=4,
                    )
                )
            )
            if a != b
        ],
    }


def outcome(f: Callable[[GraphStore], Any], store: GraphStore) -> Any:
    """An answer, or the error it raised (type and message), so both can be compared."""
    try:
        return f(store)
    except ChainAtlasError as e:
        return (type(e).__name__, str(e))


def answers(store: GraphStore, tables: dict[Table, list[Row]]) -> list[Any]:
    firms = [r["id"] for r in tables[Table.ENTERPRISES]]
    products = [r["id"] for r in tables[Table.PRODUCTS]]
    out: list[Any] = []
    for f in firms:
        out.append(outcome(partial(match_suppliers, enterprise_id=f), store))
        out.append(outcome(partial(match_buyers, enterprise_id=f, exclude_current=True), store))
        out.append(outcome(partial(match_suppliers, enterprise_id=f, region="r0", limit=2), store))
        out.append(outcome(partial(impact, enterprise_id=f, max_tiers=4), store))
    for p in products:
        out.append(outcome(partial(impact, product_id=p), store))
    for a, b in zip(firms, firms[1:] + firms[:1], strict=True):
        out.append(outcome(partial(supply_paths, source=a, target=b, k=3, max_hops=4), store))
        out.append(outcome(partial(supply_paths, source=b, target=a, k=10, max_hops=6), store))
    return out


@pytest.mark.neo4j
@pytest.mark.slow
@SETTINGS
@given(tables=networks())
def test_both_stores_answer_alike(
    neo4j_session_store: Neo4jStore, tables: dict[Table, list[Row]]
) -> None:
    memory = MemoryStore()
    memory.write_tables(tables)
    neo4j_session_store.clear()
    neo4j_session_store.write_tables(tables)
    assert answers(neo4j_session_store, tables) == answers(memory, tables)


@SETTINGS
@given(tables=networks(), hops=st.integers(1, 5))
def test_memory_paths_are_networkx_simple_paths(tables: dict[Table, list[Row]], hops: int) -> None:
    store = MemoryStore()
    store.write_tables(tables)
    g = nx.MultiDiGraph()
    g.add_nodes_from(r["id"] for r in tables[Table.ENTERPRISES])
    for s in tables[Table.SUPPLIES]:
        g.add_edge(s["supplier_id"], s["buyer_id"], key=s["product_id"])
    for a in g:
        for b in g:
            if a == b:
                continue
            expected = sorted(
                (len(p), [a] + [e[1] for e in p], [e[2] for e in p])
                for p in nx.all_simple_edge_paths(g, a, b, cutoff=hops)
            )
            got = store.supply_paths(a, b, max_hops=hops, limit=1_000)
            assert [(len(p["products"]), p["nodes"], p["products"]) for p in got] == expected


@SETTINGS
@given(tables=networks())
def test_impact_affected_firms_lost_every_supplier(tables: dict[Table, list[Row]]) -> None:
    store = MemoryStore()
    store.write_tables(tables)
    suppliers: dict[tuple[str, str], set[str]] = {}
    for s in tables[Table.SUPPLIES]:
        suppliers.setdefault((s["buyer_id"], s["product_id"]), set()).add(s["supplier_id"])
    for firm in (r["id"] for r in tables[Table.ENTERPRISES]):
        answer = impact(store, enterprise_id=firm, max_tiers=10)
        down = {firm}
        for tier in sorted({a["tier"] for a in answer["affected"]}):
            hit = [a for a in answer["affected"] if a["tier"] == tier]
            for a in hit:
                assert all(
                    set(x["suppliers"]) == suppliers[a["id"], x["product_id"]] <= down
                    for x in a["lost"]
                )
            down |= {a["id"] for a in hit}
