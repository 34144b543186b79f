"""Property-based checks on small random networks: matchmaking, paths, impact, risk, tiers and
stats answer the same on both stores, on every day as without one; on a day, a store answers
as one holding only the facts of that day; the memory store's paths are networkx's simple
paths.

Networks are drawn as bundle tables (tests' own strategy below). Settings are deterministic
(derandomized, no example database) and bounded; the Neo4j store is cleared and rewritten
for every example, so the networks stay small.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
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
from chainatlas.graph.queries import (
    centrality,
    chain_panorama,
    enterprise_profile,
    gaps,
    impact,
    match_buyers,
    match_suppliers,
    search,
    single_source,
    supply_paths,
    tiers,
)
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
#: since / until values: years and days around each other, so that boundaries are met
SINCE = [None, None, 2018, 2020, "2019-06-30", "2021-01-01"]
UNTIL = [None, None, 2020, 2022, "2020-07-01", "2021-01-01", "2023-03-15"]
#: days to ask on: each boundary above, the day before it, and anything in between
DAYS = st.one_of(
    st.sampled_from(
        [
            *(date(2018, 1, 1), date(2019, 6, 29), date(2019, 6, 30), date(2020, 6, 30)),
            *(date(2020, 7, 1), date(2020, 12, 31), date(2021, 1, 1), date(2023, 3, 15)),
        ]
    ),
    st.dates(date(2017, 1, 1), date(2024, 12, 31)),
)


def as_day(value: int | str) -> date:
    """A since / until value as the day it stands for (a year: its first day)."""
    return date(value, 1, 1) if isinstance(value, int) else date.fromisoformat(value)


def holds_on(row: Row, day: date) -> bool:
    """Whether a fact holds on ``day``, with dates, not text: the oracle of graph/asof.py."""
    since, until = row.get("since"), row.get("until")
    return (since is None or as_day(since) <= day) and (until is None or as_day(until) > day)


def in_map_on(firm: Row, day: date) -> bool:
    """Whether a firm is in the map on ``day``: founded and joined by then, neither closed nor
    gone (the oracle of graph.asof.member, from the bundle's columns)."""
    starts = [as_day(firm[c]) for c in ("founded", "joined") if firm.get(c) is not None]
    ends = [as_day(firm[c]) for c in ("closed", "left") if firm.get(c) is not None]
    return all(s <= day for s in starts) and all(e > day for e in ends)


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

    def dated(row: Row) -> Row:
        since, until = draw(st.sampled_from(SINCE)), draw(st.sampled_from(UNTIL))
        if since is not None and until is not None and as_day(until) <= as_day(since):
            until = None  # a bundle refuses an until not after since
        return row | {"since": since, "until": until}

    def lifetime(row: Row) -> Row:
        """A firm's founded / joined / closed / left, every end after every start."""
        starts = {c: draw(st.sampled_from(SINCE)) for c in ("founded", "joined")}
        ends = {c: draw(st.sampled_from([None, None, *UNTIL])) for c in ("closed", "left")}
        for c, end in ends.items():
            if end is not None and any(as_day(end) <= as_day(v) for v in starts.values() if v):
                ends[c] = None
        return row | starts | ends

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
            lifetime(
                staged(
                    f,
                    {
                        "name": f"企业{f}",
                        "credit_code": f"C{f}",
                        "region_id": draw(st.sampled_from(["r0", "r1", "r2"])),
                    },
                )
            )
            for f in firms
        ],
        Table.PRODUCES: [
            dated(
                {
                    "enterprise_id": e,
                    "product_id": p,
                    "capacity": draw(amount),
                    "unit": draw(st.sampled_from(UNITS)),
                }
            )
            for e, p in sorted(draw(st.sets(pair, min_size=2, max_size=8)))
        ],
        Table.NEEDS: [
            dated(
                {
                    "enterprise_id": e,
                    "product_id": p,
                    "annual_demand": draw(amount),
                    "unit": draw(st.sampled_from(UNITS)),
                }
            )
            for e, p in sorted(draw(st.sets(pair, min_size=2, max_size=8)))
        ],
        Table.SUPPLIES: [
            dated(
                {
                    "supplier_id": s,
                    "buyer_id": b,
                    "product_id": p,
                    "volume": draw(amount),
                    "unit": "t",
                }
            )
            for s, b, p in sorted(draw(st.sets(trade, min_size=4, max_size=14)))
            if s != b
        ],
        Table.COOPERATIONS: [
            dated({"from_id": a, "to_id": b, "kind": draw(st.sampled_from(KINDS))})
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


def answers(
    store: GraphStore, tables: dict[Table, list[Row]], as_of: date | None = None
) -> list[Any]:
    firms = [r["id"] for r in tables[Table.ENTERPRISES]]
    products = [r["id"] for r in tables[Table.PRODUCTS]]
    out: list[Any] = [store.stats(as_of=as_of), gaps(store, as_of=as_of)]
    out.append(single_source(store, as_of=as_of))
    out.append(centrality(store, measure="degree", as_of=as_of))
    out.append(search(store, "企业", limit=50, as_of=as_of))
    for chain in ("c0", "c1"):
        out.append(outcome(partial(chain_panorama, chain_id=chain, as_of=as_of), store))
    for f in firms:
        out.append(outcome(partial(match_suppliers, enterprise_id=f, as_of=as_of), store))
        out.append(
            outcome(
                partial(match_buyers, enterprise_id=f, exclude_current=True, as_of=as_of), store
            )
        )
        out.append(
            outcome(
                partial(match_suppliers, enterprise_id=f, region="r0", limit=2, as_of=as_of), store
            )
        )
        out.append(outcome(partial(impact, enterprise_id=f, max_tiers=4, as_of=as_of), store))
        out.append(outcome(partial(tiers, label="Enterprise", id=f, as_of=as_of), store))
        out.append(outcome(partial(enterprise_profile, id=f, as_of=as_of), store))
    for p in products:
        out.append(outcome(partial(impact, product_id=p, as_of=as_of), store))
    for a, b in zip(firms, firms[1:] + firms[:1], strict=True):
        out.append(
            outcome(partial(supply_paths, source=a, target=b, k=3, max_hops=4, as_of=as_of), store)
        )
        out.append(
            outcome(partial(supply_paths, source=b, target=a, k=10, max_hops=6, as_of=as_of), store)
        )
    return out


def holding(tables: dict[Table, list[Row]], day: date) -> dict[Table, list[Row]]:
    """The tables with only the firms in the map on ``day`` and the facts that hold then
    (a fact touching a firm not in the map is left out with it: the store skips an edge
    whose endpoint is absent); products, chains, regions and routes as they are."""
    firms = [f for f in tables[Table.ENTERPRISES] if in_map_on(f, day)]
    kept = {t: [r for r in rows if holds_on(r, day)] for t, rows in tables.items()}
    return kept | {Table.ENTERPRISES: firms}


@pytest.mark.neo4j
@pytest.mark.slow
@SETTINGS
@given(tables=networks(), day=DAYS)
def test_both_stores_answer_alike(
    neo4j_session_store: Neo4jStore, tables: dict[Table, list[Row]], day: date
) -> None:
    memory = MemoryStore()
    memory.write_tables(tables)
    neo4j_session_store.clear()
    neo4j_session_store.write_tables(tables)
    assert answers(neo4j_session_store, tables) == answers(memory, tables)
    assert answers(neo4j_session_store, tables, day) == answers(memory, tables, day)


@SETTINGS
@given(tables=networks(), day=DAYS)
def test_a_day_answers_as_the_facts_of_that_day(tables: dict[Table, list[Row]], day: date) -> None:
    store = MemoryStore()
    store.write_tables(tables)
    that_day = MemoryStore()
    that_day.write_tables(holding(tables, day))
    assert answers(store, tables, day) == answers(that_day, tables)


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


def _supplied(
    tables: dict[Table, list[Row]],
) -> tuple[MemoryStore, dict[tuple[str, str], set[str]]]:
    """The network as a store, and the suppliers of each (buyer, product) it holds."""
    store = MemoryStore()
    store.write_tables(tables)
    suppliers: dict[tuple[str, str], set[str]] = {}
    for s in tables[Table.SUPPLIES]:
        suppliers.setdefault((s["buyer_id"], s["product_id"]), set()).add(s["supplier_id"])
    return store, suppliers


@SETTINGS
@given(tables=networks())
def test_impact_affected_firms_lost_every_supplier(tables: dict[Table, list[Row]]) -> None:
    store, suppliers = _supplied(tables)
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


def _cascade(
    suppliers: dict[tuple[str, str], set[str]], start: str, max_tiers: int
) -> list[tuple[int, str, list[tuple[str, list[str]]]]]:
    """impact's tiers by its definition (graph/queries/risk.py), over every firm at risk."""
    down, frontier, found = {start}, {start}, []
    for tier in range(1, max_tiers + 1):
        at_risk = {b for (b, _), sellers in suppliers.items() if sellers & frontier} - down
        frontier = set()
        for firm in sorted(at_risk):
            lost = [
                (p, sorted(sellers))
                for (b, p), sellers in sorted(suppliers.items())
                if b == firm and sellers <= down
            ]
            if lost:
                frontier.add(firm)
                found.append((tier, firm, lost))
        down |= frontier
    return found


@SETTINGS
@given(tables=networks())
def test_impact_is_the_cascade_by_its_definition(tables: dict[Table, list[Row]]) -> None:
    """The walk counts each touched (buyer, product)'s suppliers instead of reading them all
    (GraphStore.supplier_counts): it finds exactly the firms the definition does, tier by tier."""
    store, suppliers = _supplied(tables)
    for firm in (r["id"] for r in tables[Table.ENTERPRISES]):
        answer = impact(store, enterprise_id=firm, max_tiers=4)
        got = [
            (a["tier"], a["id"], [(x["product_id"], x["suppliers"]) for x in a["lost"]])
            for a in answer["affected"]
        ]
        assert got == _cascade(suppliers, firm, 4)
