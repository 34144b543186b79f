"""Supply paths, product routes and tiers: hand-worked on the reference network, and checked
against networkx's own path algorithms on seeded random networks."""

from __future__ import annotations

import math
from typing import Any

import networkx as nx
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainatlas.graph.errors import NoPath, UnknownEntity
from chainatlas.graph.model import Rel, Row, Table
from chainatlas.graph.queries import corridor, product_routes, supply_paths, tiers
from chainatlas.graph.queries.corridor import bounded_paths
from chainatlas.graph.store import ROUTE_MAX_HOPS, GraphStore
from tests.support.networks import EXTENDED, random_network


@pytest.fixture
def ext_store(store: GraphStore) -> GraphStore:
    store.write_tables(EXTENDED)
    return store


def test_supply_path_from_refinery_to_dyehouse(ref_store: GraphStore) -> None:
    # E1 -PTA-> E3 -长丝-> E4 -坯布-> E5, the only way
    answer = supply_paths(ref_store, "E1", "E5")
    assert answer["source"] == {"label": "Enterprise", "id": "E1", "name": "宁波甲石化有限公司"}
    (path,) = answer["paths"]
    assert path["length"] == 3 and path["nodes"] == ["E1", "E3", "E4", "E5"]
    assert path["hops"][0] == {
        "from": "E1",
        "to": "E3",
        "product_id": "pta",
        "product_name": "精对苯二甲酸",
    }
    assert [(e["source"], e["target"], e["key"]) for e in answer["graph"]["edges"]] == [
        ("Enterprise:E1", "Enterprise:E3", "pta"),
        ("Enterprise:E3", "Enterprise:E4", "yarn"),
        ("Enterprise:E4", "Enterprise:E5", "fabric"),
    ]
    assert len(answer["graph"]["nodes"]) == 4


def test_parallel_edges_make_different_paths(ext_store: GraphStore) -> None:
    # EXTENDED: E1 → E3 carries pta and meg; same nodes, products ordered: meg before pta
    got = [
        [h["product_id"] for h in p["hops"]] for p in supply_paths(ext_store, "E1", "E5")["paths"]
    ]
    assert got == [["meg", "yarn", "fabric"], ["pta", "yarn", "fabric"]]
    assert len(supply_paths(ext_store, "E1", "E5", k=1)["paths"]) == 1


def test_no_supply_path(ref_store: GraphStore) -> None:
    with pytest.raises(NoPath):
        supply_paths(ref_store, "E1", "E5", max_hops=2)
    with pytest.raises(NoPath):
        supply_paths(ref_store, "E5", "E1")  # goods do not flow back
    with pytest.raises(NoPath):
        supply_paths(ref_store, "E1", "E7")  # E7 trades with nobody


@pytest.mark.parametrize("options", [{"k": 0}, {"max_hops": 0}, {"max_hops": 7}])
def test_bad_path_options(ref_store: GraphStore, options: dict[str, Any]) -> None:
    with pytest.raises(ValueError):
        supply_paths(ref_store, "E1", "E5", **options)


def test_path_errors(ref_store: GraphStore) -> None:
    with pytest.raises(ValueError, match="same"):
        supply_paths(ref_store, "E1", "E1")
    with pytest.raises(UnknownEntity):
        supply_paths(ref_store, "E1", "E404")


def test_product_route_px_to_fabric(ref_store: GraphStore) -> None:
    # PX → PTA → PET → 涤纶长丝 → 坯布
    answer = product_routes(ref_store, "px", "fabric")
    assert answer["routes"] == [{"length": 4, "nodes": ["px", "pta", "pet", "yarn", "fabric"]}]
    assert answer["producers"] == {
        "fabric": ["E4"],
        "pet": ["E3", "E7"],
        "pta": ["E1"],
        "px": ["E1"],
        "yarn": ["E3"],
    }
    assert len(answer["graph"]["edges"]) == 4
    assert product_routes(ref_store, "meg", "yarn")["routes"] == [
        {"length": 2, "nodes": ["meg", "pet", "yarn"]}
    ]
    with pytest.raises(NoPath):
        product_routes(ref_store, "px", "meg")
    with pytest.raises(NoPath):
        product_routes(ref_store, "px", "fabric", max_hops=3)


def chain_of(steps: int) -> dict[Table, list[Row]]:
    """Products c0 → c1 → … → c{steps}, one INPUT_TO each, and a shortcut-free side product."""
    prods = [{"id": f"c{i}", "name": f"品{i}", "unit": "t"} for i in range(steps + 1)]
    return {
        Table.PRODUCTS: [*prods, {"id": "lone", "name": "孤品", "unit": "t"}],
        Table.PRODUCT_INPUTS: [
            {"input_id": f"c{i}", "output_id": f"c{i + 1}"} for i in range(steps)
        ],
    }


def test_routes_longer_than_supply_paths_are_found(store: GraphStore) -> None:
    # the demo's fluorspar → garment is 7 steps: a route of 7 steps is found by default
    store.write_tables(chain_of(7))
    (route,) = product_routes(store, "c0", "c7")["routes"]
    assert route == {"length": 7, "nodes": [f"c{i}" for i in range(8)]}


def test_a_route_beyond_the_asked_bound_says_how_long_it_is(store: GraphStore) -> None:
    store.write_tables(chain_of(7))
    with pytest.raises(NoPath, match="shortest route takes 7 steps; raise max_hops") as e:
        product_routes(store, "c0", "c7", max_hops=6)
    assert e.value.shortest == 7
    with pytest.raises(NoPath, match="no route of any length") as e:
        product_routes(store, "c7", "c0")
    assert e.value.shortest is None
    with pytest.raises(NoPath, match="no route of any length"):
        product_routes(store, "c0", "lone")


def test_a_route_beyond_the_limit_says_the_search_stopped_there(store: GraphStore) -> None:
    steps = ROUTE_MAX_HOPS + 1
    store.write_tables(chain_of(steps))
    assert product_routes(store, "c1", f"c{steps}")["routes"][0]["length"] == ROUTE_MAX_HOPS
    with pytest.raises(NoPath, match=f"stopped at its limit of {ROUTE_MAX_HOPS} steps") as e:
        product_routes(store, "c0", f"c{steps}")
    assert e.value.shortest == steps
    with pytest.raises(ValueError, match="max_hops"):
        product_routes(store, "c0", f"c{steps}", max_hops=ROUTE_MAX_HOPS + 1)


def test_upstream_tiers_of_the_dyehouse(ref_store: GraphStore) -> None:
    # tier 1: E4 (fabric), E6 (dye); tier 2: E3 (yarn, via E4); tier 3: E1 (pta), E2 (meg)
    answer = tiers(ref_store, "Enterprise", "E5")
    assert [(n["tier"], n["id"], n["via"], n["products"]) for n in answer["nodes"]] == [
        (1, "E4", ["E5"], ["fabric"]),
        (1, "E6", ["E5"], ["dye"]),
        (2, "E3", ["E4"], ["yarn"]),
        (3, "E1", ["E3"], ["pta"]),
        (3, "E2", ["E3"], ["meg"]),
    ]
    assert len(answer["graph"]["edges"]) == 5
    assert [n["id"] for n in tiers(ref_store, "Enterprise", "E5", depth=1)["nodes"]] == ["E4", "E6"]


def test_downstream_tiers(ref_store: GraphStore) -> None:
    assert [
        (n["tier"], n["id"])
        for n in tiers(ref_store, "Enterprise", "E1", direction="downstream")["nodes"]
    ] == [(1, "E3"), (2, "E4"), (3, "E5")]
    assert [
        (n["tier"], n["id"])
        for n in tiers(ref_store, "Product", "px", direction="downstream", depth=5)["nodes"]
    ] == [(1, "pta"), (2, "pet"), (3, "yarn"), (4, "fabric")]
    assert [(n["tier"], n["id"]) for n in tiers(ref_store, "Product", "pet")["nodes"]] == [
        (1, "meg"),
        (1, "pta"),
        (2, "px"),
    ]


def test_tiers_errors(ref_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        tiers(ref_store, "Enterprise", "E404")
    with pytest.raises(ValueError):
        tiers(ref_store, "Chain", "poly")
    with pytest.raises(ValueError):
        tiers(ref_store, "Enterprise", "E1", depth=0)


# -- the same answers as networkx -----------------------------------------------------------
def multigraph(tables: dict[Table, list[dict[str, Any]]]) -> nx.MultiDiGraph:
    g = nx.MultiDiGraph()
    g.add_nodes_from(f["id"] for f in tables[Table.ENTERPRISES])
    for s in tables[Table.SUPPLIES]:
        g.add_edge(s["supplier_id"], s["buyer_id"], key=s["product_id"])
    return g


@pytest.mark.parametrize("seed", [1, 2, 3])
def test_supply_paths_are_networkx_simple_paths(store: GraphStore, seed: int) -> None:
    tables = random_network(seed)
    store.write_tables(tables)
    g = multigraph(tables)
    for source, target in [("F00", "F05"), ("F03", "F09"), ("F07", "F01"), ("F11", "F02")]:
        for hops in (2, 4):
            expected = sorted(
                (len(p), [p[0][0]] + [e[1] for e in p], [e[2] for e in p])
                for p in nx.all_simple_edge_paths(g, source, target, cutoff=hops)
            )
            got = store.supply_paths(source, target, max_hops=hops, limit=10_000)
            assert [(len(p["products"]), p["nodes"], p["products"]) for p in got] == expected


@pytest.mark.parametrize("seed", [4, 5])
def test_k_shortest_lengths_match_networkx(store: GraphStore, seed: int) -> None:
    tables = random_network(seed, supplies=45, products=1)  # one product: a simple digraph
    store.write_tables(tables)
    g = nx.DiGraph(multigraph(tables))
    for source, target in [("F00", "F06"), ("F02", "F10"), ("F09", "F04")]:
        try:
            lengths = [len(p) - 1 for p in nx.shortest_simple_paths(g, source, target)][:5]
        except nx.NetworkXNoPath:
            lengths = []
        lengths = [n for n in lengths if n <= 6]
        got = store.supply_paths(source, target, max_hops=6, limit=5)
        assert [len(p["products"]) for p in got] == lengths[: len(got)] and len(got) == len(lengths)


@pytest.mark.parametrize("seed", [6, 7])
def test_route_paths_are_networkx_simple_paths(store: GraphStore, seed: int) -> None:
    tables = random_network(seed, products=6)
    store.write_tables(tables)
    g = nx.DiGraph([(r["input_id"], r["output_id"]) for r in tables[Table.PRODUCT_INPUTS]])
    for source, target in [("p0", "p5"), ("p3", "p1"), ("p2", "p4")]:
        expected = (
            sorted((len(p), p) for p in nx.all_simple_paths(g, source, target, cutoff=6))
            if source in g and target in g
            else []
        )
        got = store.route_paths(source, target, max_hops=6, limit=10_000)
        assert [p["nodes"] for p in got] == [p for _, p in expected]


# -- the bounded search (graph/queries/corridor.py) -------------------------------------------
@pytest.mark.parametrize("seed", [1, 2, 3])
def test_the_corridor_finds_every_simple_path(store: GraphStore, seed: int) -> None:
    """Within its budgets the corridor search is exact: networkx's simple paths, in order."""
    tables = random_network(seed)
    store.write_tables(tables)
    g = multigraph(tables)
    for source, target in [("F00", "F05"), ("F03", "F09"), ("F07", "F01"), ("F11", "F02")]:
        for hops in (1, 3, 6):
            expected = sorted(
                ([p[0][0]] + [e[1] for e in p], [e[2] for e in p])
                for p in nx.all_simple_edge_paths(g, source, target, cutoff=hops)
            )
            expected.sort(key=lambda p: len(p[0]))
            got, complete = bounded_paths(
                store, Rel.SUPPLIES, source, target, max_hops=hops, limit=10_000
            )
            assert (got, complete) == (expected, True)


@pytest.mark.parametrize("seed", [6, 7])
def test_the_corridor_finds_every_route(store: GraphStore, seed: int) -> None:
    tables = random_network(seed, products=6)
    store.write_tables(tables)
    g = nx.DiGraph([(r["input_id"], r["output_id"]) for r in tables[Table.PRODUCT_INPUTS]])
    for source, target in [("p0", "p5"), ("p3", "p1"), ("p2", "p4")]:
        expected = (
            sorted((len(p), p) for p in nx.all_simple_paths(g, source, target, cutoff=20))
            if source in g and target in g
            else []
        )
        got, complete = bounded_paths(
            store, Rel.INPUT_TO, source, target, max_hops=ROUTE_MAX_HOPS, limit=10_000
        )
        assert ([nodes for nodes, _ in got], complete) == ([p for _, p in expected], True)


@settings(max_examples=300, deadline=None)
@given(st.data())
def test_the_corridor_is_every_node_whose_distances_fit(data: st.DataObject) -> None:
    """The corridor reads each side only up to the distance that can count: it holds exactly
    the nodes whose two distances (an unseen one counting as that side's radius + 1) add up
    to at most max_hops, each side given in order of distance as a breadth-first search
    fills it."""
    nodes = st.sampled_from("abcdefghijkl")
    max_hops = data.draw(st.integers(1, 6), label="max_hops")
    sides: list[dict[str, int]] = []
    radii: list[float] = []
    for end in ("S", "T"):
        layers = data.draw(st.lists(st.sets(nodes, min_size=1, max_size=6), max_size=4))
        side = {end: 0}
        for d, layer in enumerate(layers, 1):
            side.update((n, d) for n in sorted(layer) if n not in side)
        sides.append(side)
        radii.append(math.inf if data.draw(st.booleans(), label="ran dry") else len(layers))
    ahead, behind = sides
    unseen_ahead, unseen_behind = radii[0] + 1, radii[1] + 1
    expected = {n for n, d in ahead.items() if d + behind.get(n, unseen_behind) <= max_hops}
    expected |= {n for n, d in behind.items() if d + ahead.get(n, unseen_ahead) <= max_hops}
    found = corridor.Corridor(("S", "T"), ahead, behind, radii[0], radii[1], max_hops)
    assert found.nodes == expected


def test_a_budget_cuts_the_search_and_says_so(store: GraphStore) -> None:
    store.write_tables(random_network(2))
    full, _ = bounded_paths(store, Rel.SUPPLIES, "F03", "F10", max_hops=6, limit=10_000)
    assert len(full) == 31
    real = {(e["source"], e["target"], e["key"]) for e in store.edges(Rel.SUPPLIES)}
    for budgets in ({"node_budget": 6}, {"step_budget": 20}):
        cut, complete = bounded_paths(
            store, Rel.SUPPLIES, "F03", "F10", max_hops=6, limit=10_000, **budgets
        )
        assert complete is False and len(cut) < len(full)
        for nodes, keys in cut:  # what a cut search answers are real paths
            assert set(zip(nodes, nodes[1:], keys, strict=False)) <= real


def test_supply_paths_say_whether_the_search_was_complete(ref_store: GraphStore) -> None:
    assert supply_paths(ref_store, "E1", "E5")["complete"] is True
    assert product_routes(ref_store, "px", "fabric")["complete"] is True


def test_a_cut_search_says_so_in_its_answer_and_its_error(
    ref_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(corridor, "STEP_BUDGET", 3)
    cut = supply_paths(ref_store, "E1", "E5", k=5, max_hops=6)
    assert cut["complete"] is False and len(cut["paths"]) == 1  # found before the cut
    monkeypatch.setattr(corridor, "NODE_BUDGET", 1)
    with pytest.raises(NoPath, match="reached its budget"):
        supply_paths(ref_store, "E1", "E5")
    with pytest.raises(NoPath, match="reached its budget"):
        product_routes(ref_store, "px", "fabric")
