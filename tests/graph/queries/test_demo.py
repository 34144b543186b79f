"""The demo bundle (data/demo) on both stores: every query gives the same answer.

Runs when the bundle and ``loaders.read_bundle`` exist and a Neo4j server is reachable; the
two stores are loaded once for the module (conftest.py). Ids come from the bundle: all firms for
matchmaking and profiles, all chains, paths between the most central firms, the impact of the
five most central firms, and a handful of searches.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from functools import partial
from itertools import permutations
from typing import Any

import pytest

from chainatlas.graph import queries as q
from chainatlas.graph.errors import ChainAtlasError
from chainatlas.graph.model import Label, Rel, Row, Table
from chainatlas.graph.queries.corridor import bounded_paths
from chainatlas.graph.shapes import Direction
from chainatlas.graph.store import GraphStore

pytestmark = pytest.mark.neo4j


def outcome(f: Callable[[GraphStore], Any], store: GraphStore) -> Any:
    try:
        return f(store)
    except ChainAtlasError as e:
        return (type(e).__name__, str(e))


#: a named question, asked of each store in turn
Case = tuple[str, Callable[[GraphStore], Any]]


def assert_alike(stores: tuple[GraphStore, GraphStore], cases: Iterable[Case]) -> int:
    """Every case answers alike on both stores; the first difference names its case."""
    memory, neo4j = stores
    n = 0
    for name, f in cases:
        assert outcome(f, neo4j) == outcome(f, memory), name
        n += 1
    return n


def ids(tables: dict[Table, list[Row]], table: Table) -> list[str]:
    return sorted(r["id"] for r in tables[table])


def central(stores: tuple[GraphStore, GraphStore], n: int) -> list[str]:
    return [i["id"] for i in q.centrality(stores[0], limit=n)["items"]]


def test_stats_and_global_answers(stores: tuple[GraphStore, GraphStore]) -> None:
    assert stores[0].stats()["enterprises"] == 155
    assert_alike(
        stores,
        [
            ("stats", lambda s: s.stats()),
            ("chain_list", q.chain_list),
            ("gaps", lambda s: q.gaps(s, limit=1000)),
            ("single_source", lambda s: q.single_source(s, limit=1000)),
            ("betweenness", lambda s: q.centrality(s, limit=1000)),
            ("degree", lambda s: q.centrality(s, measure="degree", limit=1000)),
            ("export", lambda s: q.export_graph(s, "json")),
        ],
    )


def test_every_chain(
    stores: tuple[GraphStore, GraphStore], demo_tables: dict[Table, list[Row]]
) -> None:
    assert_alike(
        stores,
        [
            (f"panorama {c}", partial(q.chain_panorama, chain_id=c))
            for c in ids(demo_tables, Table.CHAINS)
        ],
    )


@pytest.mark.slow
def test_matchmaking_for_every_firm(
    stores: tuple[GraphStore, GraphStore], demo_tables: dict[Table, list[Row]]
) -> None:
    cases: list[Case] = []
    for f in ids(demo_tables, Table.ENTERPRISES):
        cases += [
            (f"suppliers {f}", partial(q.match_suppliers, enterprise_id=f, limit=500)),
            (f"buyers {f}", partial(q.match_buyers, enterprise_id=f, limit=500)),
            (
                f"suppliers new {f}",
                partial(
                    q.match_suppliers,
                    enterprise_id=f,
                    exclude_current=True,
                    region="shangyu",
                    limit=5,
                ),
            ),
        ]
    assert assert_alike(stores, cases) == 3 * 155


def test_profiles_and_tiers(
    stores: tuple[GraphStore, GraphStore], demo_tables: dict[Table, list[Row]]
) -> None:
    cases: list[Case] = [
        (f"profile {f}", partial(q.enterprise_profile, id=f, contacts=True))
        for f in ids(demo_tables, Table.ENTERPRISES)
    ]
    cases += [
        (f"product {p}", partial(q.product_profile, id=p)) for p in ids(demo_tables, Table.PRODUCTS)
    ]
    directions: tuple[Direction, ...] = ("upstream", "downstream")
    for f in central(stores, 5):
        for d in directions:
            cases.append(
                (f"tiers {f} {d}", partial(q.tiers, label="Enterprise", id=f, direction=d))
            )
    assert_alike(stores, cases)


def test_paths_between_central_firms(stores: tuple[GraphStore, GraphStore]) -> None:
    pairs = list(permutations(central(stores, 8), 2))
    assert_alike(
        stores,
        [
            (f"paths {a} {b}", partial(q.supply_paths, source=a, target=b, k=5, max_hops=5))
            for a, b in pairs
        ],
    )


def test_path_searches_cut_by_a_budget(stores: tuple[GraphStore, GraphStore]) -> None:
    """A budget cuts both stores' searches at the same place (graph/queries/corridor.py)."""
    pairs = list(permutations(central(stores, 5), 2))
    cut = [
        (f"cut {a} {b} {budget}", partial(_cut, a=a, b=b, budget=budget))
        for a, b in pairs
        for budget in ({"node_budget": 12}, {"step_budget": 30})
    ]
    assert assert_alike(stores, cut) == 40
    assert any(not _cut(stores[0], a, b, {"node_budget": 12})[1] for a, b in pairs)


def _cut(store: GraphStore, a: str, b: str, budget: dict[str, int]) -> Any:
    return bounded_paths(store, Rel.SUPPLIES, a, b, max_hops=6, limit=50, **budget)


def test_product_routes(
    stores: tuple[GraphStore, GraphStore], demo_tables: dict[Table, list[Row]]
) -> None:
    inputs = demo_tables[Table.PRODUCT_INPUTS]
    sources = sorted({r["input_id"] for r in inputs})[:8]
    targets = sorted({r["output_id"] for r in inputs})[-8:]
    assert_alike(
        stores,
        [
            (f"routes {a} {b}", partial(q.product_routes, source=a, target=b))
            for a in sources
            for b in targets
            if a != b
        ],
    )


def test_impact_of_the_most_central_firms(stores: tuple[GraphStore, GraphStore]) -> None:
    products = [p["product_id"] for p in q.single_source(stores[0], limit=5)["products"]]
    products += [g["product_id"] for g in q.gaps(stores[0], limit=2)["gaps"]]  # from outside
    assert_alike(
        stores,
        [
            (f"impact {f}", partial(q.impact, enterprise_id=f, max_tiers=5))
            for f in central(stores, 5)
        ]
        + [(f"impact {p}", partial(q.impact, product_id=p)) for p in products],
    )


def test_search(stores: tuple[GraphStore, GraphStore], demo_tables: dict[Table, list[Row]]) -> None:
    firms = demo_tables[Table.ENTERPRISES]
    queries = [
        "化",
        "材",
        "新材料",
        "上虞",
        "pps",
        "jblm",
        "9133",
        firms[0]["credit_code"],
        firms[0]["name"],
        firms[-1]["name"][:2],
    ]
    assert_alike(stores, [(f"search {x}", partial(q.search, q=x, limit=50)) for x in queries])


def test_the_committee_answers(stores: tuple[GraphStore, GraphStore]) -> None:
    """The panorama, the 补链 / 强链 / 延链 lists, the KPIs and the briefing (issue 10)."""
    from chainatlas.graph.queries.briefing import briefing
    from chainatlas.graph.queries.panorama import drawn_counts, panorama

    drawn = drawn_counts(panorama(stores[1]))
    assert drawn == {"supplies": 221, "cross_chain": 92, "outside_sources": 13, "outside_links": 37}
    assert_alike(
        stores,
        [
            ("panorama", panorama),
            (
                "chain panoramas",
                lambda s: [panorama(s, chain_id=c["id"]) for c in s.nodes(Label.CHAIN)],
            ),
            ("briefing", lambda s: briefing(s, limit=1000, today=date(2026, 12, 1))),
        ],
    )
