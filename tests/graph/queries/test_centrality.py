"""Centrality on the supply network: hand-worked on the reference network and equal to
networkx's own measures on seeded random networks."""

from __future__ import annotations

import importlib

import networkx as nx
import pytest

from chainatlas.graph.model import Table
from chainatlas.graph.queries import centrality, supply_network
from chainatlas.graph.store import GraphStore
from tests.support.networks import random_network


def test_betweenness_on_the_reference(ref_store: GraphStore) -> None:
    # 7 firms, edges E1→E3, E2→E3, E3→E4, E4→E5, E6→E5; normalised by (n-1)(n-2) = 30:
    # E3 is on E1→E4, E1→E5, E2→E4, E2→E5 (4/30); E4 on E1→E5, E2→E5, E3→E5 (3/30)
    answer = centrality(ref_store)
    assert (answer["nodes"], answer["edges"]) == (7, 5)
    assert [(i["id"], i["value"]) for i in answer["items"]] == [
        ("E3", 0.133333),
        ("E4", 0.1),
        ("E1", 0.0),
        ("E2", 0.0),
        ("E5", 0.0),
        ("E6", 0.0),
        ("E7", 0.0),
    ]
    assert answer["items"][0] | {"name": ""} == {
        "id": "E3",
        "name": "",
        "region_id": "shangyu",
        "value": 0.133333,
        "degree": 0.5,
        "betweenness": 0.133333,
        "in_degree": 2,
        "out_degree": 1,
    }


def test_degree_on_the_reference(ref_store: GraphStore) -> None:
    # (in + out) / 6: E3 3/6, E4 and E5 2/6, E1 E2 E6 1/6, E7 0
    answer = centrality(ref_store, measure="degree", limit=4)
    assert [(i["id"], i["value"]) for i in answer["items"]] == [
        ("E3", 0.5),
        ("E4", 0.333333),
        ("E5", 0.333333),
        ("E1", 0.166667),
    ]
    assert [n["id"] for n in answer["graph"]["nodes"]] == ["E1", "E3", "E4", "E5"]
    assert [(e["source"], e["target"]) for e in answer["graph"]["edges"]] == [
        ("Enterprise:E1", "Enterprise:E3"),
        ("Enterprise:E3", "Enterprise:E4"),
        ("Enterprise:E4", "Enterprise:E5"),
    ]


@pytest.mark.parametrize("limit", [1, 3, 6, 7, 20])
def test_degree_from_the_pairs_is_the_whole_networks_answer(
    ref_store: GraphStore, limit: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The shortcut (pairs and a count, no firm records) answers as networkx on the whole
    network does, and gives way to it where the list reaches E7, the firm without trade."""
    module = importlib.import_module("chainatlas.graph.queries.centrality")
    quick = module.centrality(ref_store, measure="degree", limit=limit)
    taken = module._degrees(ref_store, limit)
    assert (taken is None) == (limit >= 7)
    monkeypatch.setattr(module, "_degrees", lambda store, limit: None)
    assert quick == module.centrality(ref_store, measure="degree", limit=limit)
    assert ("E7" in [i["id"] for i in quick["items"]]) == (limit >= 7)


def test_bad_measure(ref_store: GraphStore) -> None:
    with pytest.raises(ValueError):
        centrality(ref_store, measure="pagerank")  # type: ignore[arg-type]


@pytest.mark.parametrize("seed", [11, 12])
def test_measures_are_networkx_measures(store: GraphStore, seed: int) -> None:
    tables = random_network(seed, firms=15, supplies=40)
    store.write_tables(tables)
    g = nx.DiGraph()
    g.add_nodes_from(f["id"] for f in tables[Table.ENTERPRISES])
    g.add_edges_from((s["supplier_id"], s["buyer_id"]) for s in tables[Table.SUPPLIES])
    assert nx.utils.graphs_equal(supply_network(store), g)
    between, degree = nx.betweenness_centrality(g), nx.degree_centrality(g)
    items = centrality(store, limit=15)["items"]
    assert {i["id"]: i["betweenness"] for i in items} == pytest.approx(between, abs=1e-6)
    assert {i["id"]: i["degree"] for i in items} == pytest.approx(degree, abs=1e-6)
    assert [i["value"] for i in items] == sorted((i["value"] for i in items), reverse=True)


def test_betweenness_is_sampled_with_a_fixed_seed_above_the_exact_bound(
    ref_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Above EXACT_UP_TO firms betweenness is estimated from SAMPLES sources with seed 0, the
    same on both stores and on every run (exact would cost hours at 100k firms)."""
    # graph.queries re-exports the function under the module's name; fetch the module itself
    module = importlib.import_module("chainatlas.graph.queries.centrality")
    monkeypatch.setattr(module, "EXACT_UP_TO", 3)
    monkeypatch.setattr(module, "SAMPLES", 4)
    answer = module.centrality(ref_store, measure="betweenness", limit=7)
    g = module.supply_network(ref_store)
    expected = nx.betweenness_centrality(g, normalized=True, k=4, seed=0)
    assert answer["sampled_sources"] == 4
    assert {i["id"]: i["value"] for i in answer["items"]} == {
        n: round(v, 6) for n, v in expected.items()
    }


def test_a_province_samples_fewer_sources_for_a_bounded_first_call() -> None:
    """The estimate walks the network once per source: up to 1,000,000 supply pairs it takes
    SAMPLES of them, above that as many as WORK edge visits allow, never under MIN_SAMPLES."""
    module = importlib.import_module("chainatlas.graph.queries.centrality")
    assert module.sources_for(100_000) == module.SAMPLES == 500
    assert module.sources_for(1_000_000) == 500  # the 100,000-firm map: as before
    assert module.sources_for(10_000_000) == 50  # the 1,000,000-firm map
    assert module.sources_for(10**9) == module.MIN_SAMPLES
