"""Network analytics: PageRank and Louvain communities over supply and cooperation ties,
supply paths weighted by volume, betweenness on the trading firms only. Hand-worked on small
networks, compared with networkx's own algorithms, the same on both stores."""

from __future__ import annotations

from collections import Counter
from pathlib import Path
from typing import Any

import networkx as nx
import pytest
from networkx.algorithms.link_analysis.pagerank_alg import _pagerank_python

from chainatlas.graph.errors import InvalidOption, NoPath, UnknownEntity
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Rel, Row, Table
from chainatlas.graph.queries import window
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.centrality import supply_network, trading_betweenness
from chainatlas.graph.queries.flows import weighted_paths
from chainatlas.graph.queries.network import (
    communities,
    kept_communities,
    kept_pagerank,
    pagerank,
    rank_scores,
    tie_network,
)
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.generate import generate_bundle
from tests.support import networks
from tests.support.communities import igraph_groups


@pytest.fixture
def ext_store(store: GraphStore) -> GraphStore:
    store.write_tables(networks.EXTENDED)
    return store


def test_tie_network_of_the_extended_reference(ext_store: GraphStore) -> None:
    # supply reversed (buyer -> supplier), one tie per product; cooperation both ways
    g = tie_network(ext_store)
    assert sorted(g.edges(data="weight")) == [
        ("E3", "E1", 2),  # pta and meg
        ("E3", "E2", 1),
        ("E3", "E6", 1),  # 技术
        ("E3", "E7", 1),  # 信息
        ("E4", "E3", 1),
        ("E4", "E5", 1),  # 人才
        ("E5", "E4", 2),  # fabric + 人才
        ("E5", "E6", 1),
        ("E6", "E3", 1),
        ("E7", "E3", 1),
    ]
    assert sorted(tie_network(ext_store, ties="cooperation").edges()) == [
        ("E3", "E6"),
        ("E3", "E7"),
        ("E4", "E5"),
        ("E5", "E4"),
        ("E6", "E3"),
        ("E7", "E3"),
    ]
    with pytest.raises(InvalidOption):
        tie_network(ext_store, ties="trade")  # type: ignore[arg-type]


def test_pagerank_is_networkx_reference_pagerank(ext_store: GraphStore) -> None:
    g = tie_network(ext_store)
    expected = _pagerank_python(g, alpha=0.85, tol=1e-12, max_iter=1000)
    answer = pagerank(ext_store, limit=7)
    assert {i["id"]: i["value"] for i in answer["items"]} == {
        n: round(v, 6) for n, v in expected.items()
    }
    assert [i["id"] for i in answer["items"]] == ["E3", "E1", "E6", "E4", "E2", "E7", "E5"]
    assert answer["items"][0] | {"name": ""} == {
        "id": "E3",
        "name": "",
        "region_id": "shangyu",
        "value": 0.298943,
        "relied_on_by": 3,
        "relies_on": 4,
    }
    assert (answer["nodes"], answer["edges"], answer["alpha"]) == (7, 10, 0.85)
    top = pagerank(ext_store, limit=2)["graph"]
    assert [(e["source"], e["target"], e["rel"]) for e in top["edges"]] == [
        ("Enterprise:E1", "Enterprise:E3", "SUPPLIES"),
        ("Enterprise:E1", "Enterprise:E3", "SUPPLIES"),
    ]
    with pytest.raises(InvalidOption):
        pagerank(ext_store, limit=0)


def test_rank_scores_of_an_empty_and_a_dangling_graph() -> None:
    assert rank_scores(nx.DiGraph()) == {}
    g = nx.DiGraph([("a", "b")])
    assert rank_scores(g) == pytest.approx(_pagerank_python(g, tol=1e-12), abs=1e-9)


def test_communities_on_the_extended_reference(ext_store: GraphStore) -> None:
    answer = communities(ext_store)
    assert [[m["id"] for m in c["members"]] for c in answer["communities"]] == [
        ["E1", "E2", "E3", "E6", "E7"],
        ["E4", "E5"],
    ]
    first, second = answer["communities"]
    assert (first["id"], first["size"], first["regions"]) == (1, 5, {"ningbo": 2, "shangyu": 3})
    # E4-E5: fabric (1) + 人才 both ways (2)
    assert (second["internal_ties"], second["chains"]) == (3, {"textile": 2})
    assert (answer["nodes"], answer["total"], answer["modularity"]) == (7, 2, 0.277778)
    undirected = nx.Graph()
    for a, b, w in tie_network(ext_store).edges(data="weight"):
        old = undirected.get_edge_data(a, b, {"weight": 0})["weight"]
        undirected.add_edge(a, b, weight=old + w)
    groups = [{m["id"] for m in c["members"]} for c in answer["communities"]]
    assert nx.community.modularity(undirected, groups) == pytest.approx(0.277778, abs=1e-6)
    assert communities(ext_store, limit=1)["total"] == 2
    assert len(communities(ext_store, limit=1)["communities"]) == 1


def test_communities_without_ties_and_bad_options() -> None:
    store = MemoryStore()
    store.write_tables({Table.ENTERPRISES: [{"id": "E1", "name": "甲"}]})
    answer = communities(store)
    assert (answer["total"], answer["communities"], answer["modularity"]) == (0, [], 0.0)
    with pytest.raises(InvalidOption):
        communities(store, resolution=0)
    assert pagerank(store)["items"][0]["value"] == 1.0


def _edge_weights(store: GraphStore) -> nx.DiGraph:
    """The tie network as it was built before the store counted pairs: from every edge with
    its properties, a Counter of (relies on, on) pairs (the reference for the arrays)."""
    weight: Counter[tuple[str, str]] = Counter()
    for e in store.edges(Rel.SUPPLIES):
        if e["source"] != e["target"]:
            weight[(e["target"], e["source"])] += 1
    for e in store.edges(Rel.COOPERATES):
        if e["source"] != e["target"]:
            weight[(e["source"], e["target"])] += 1
            weight[(e["target"], e["source"])] += 1
    g = nx.DiGraph()
    g.add_nodes_from(f["id"] for f in store.nodes(Label.ENTERPRISE, fields=()))
    g.add_weighted_edges_from((a, b, w) for (a, b), w in sorted(weight.items()))
    return g


def _louvain(undirected: nx.Graph, *, seed: int) -> list[list[str]]:
    """igraph's Louvain on ``undirected`` (its firms and pairs sorted)."""
    names = sorted(undirected)
    at = {n: i for i, n in enumerate(names)}
    pairs = sorted((min(at[a], at[b]), max(at[a], at[b])) for a, b in undirected.edges())
    weights = [undirected[names[a]][names[b]]["weight"] for a, b in pairs]
    return igraph_groups(names, pairs, weights, seed=seed)


def test_a_generated_maps_ranks_and_communities_match_their_references(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """On 400 generated firms (both stores): the arrays are the edges' weights, the ranking
    networkx's reference PageRank, the communities igraph's Louvain on the same graph built
    from networkx's, each naming its first FIRMS_SHOWN members and counting every member's
    ties and places."""
    generate_bundle(tmp_path, enterprises=400, seed=3)
    store.write_tables(read_bundle(tmp_path).tables)
    expected = _edge_weights(store)
    assert sorted(tie_network(store).edges(data="weight")) == sorted(expected.edges(data="weight"))
    reference = _pagerank_python(expected, alpha=0.85, tol=1e-12, max_iter=1000)
    items = pagerank(store, limit=1000)["items"]
    assert len(items) == 400 and [i["id"] for i in items] == sorted(
        reference, key=lambda n: (-round(reference[n], 6), n)
    )
    assert all(abs(i["value"] - reference[i["id"]]) <= 1e-6 for i in items)
    monkeypatch.setattr(window, "FIRMS_SHOWN", 3)
    undirected = nx.Graph()
    undirected.add_nodes_from(n for n in expected if expected.degree(n))
    for a, b, w in expected.edges(data="weight"):
        old = undirected.get_edge_data(a, b, {"weight": 0})["weight"]
        undirected.add_edge(a, b, weight=old + w)
    groups = _louvain(undirected, seed=0)
    found = communities(store, limit=1000)
    assert found["total"] == len(groups) > 3 and max(len(c) for c in groups) > 3
    assert (found["nodes"], found["edges"]) == (len(undirected), undirected.size())
    assert found["modularity"] == round(nx.community.modularity(undirected, groups), 6)
    # the same method as networkx's, visiting the firms in another order: as good a split
    theirs = nx.community.louvain_communities(undirected, weight="weight", seed=0)
    assert found["modularity"] >= 0.97 * nx.community.modularity(undirected, theirs)
    region = {f["id"]: f.get("region_id") for f in store.nodes(Label.ENTERPRISE)}
    for c, members in zip(found["communities"], groups, strict=True):
        assert c["size"] == len(members) and [m["id"] for m in c["members"]] == members[:3]
        assert c["internal_ties"] == undirected.subgraph(members).size(weight="weight")
        assert c["regions"] == dict(sorted(Counter(region[m] for m in members).items()))
    # each graph: the ties among the firms it names, read from either side
    for answer, named in (
        (pagerank(store, limit=30), [i["id"] for i in items[:30]]),
        (found, [m["id"] for c in found["communities"] for m in c["members"]]),
    ):
        among = [
            (f"Enterprise:{e['source']}", f"Enterprise:{e['target']}", rel.value, e["key"])
            for rel in (Rel.COOPERATES, Rel.SUPPLIES)
            for e in store.edges(rel)
            if e["source"] != e["target"] and {e["source"], e["target"]} <= set(named)
        ]
        edges = answer["graph"]["edges"]
        assert sorted((e["source"], e["target"], e["rel"], e["key"]) for e in edges) == sorted(
            among
        )
        assert among  # not vacuous


def test_the_network_answers_are_kept_per_version(store: GraphStore) -> None:
    store.write_tables(networks.EXTENDED)
    cache = AnalyticsCache(8)
    first = kept_pagerank(cache, store, "all")
    assert kept_pagerank(cache, store, "all") == first and cache.misses == 1
    kept = kept_communities(cache, store, "all", 1.0, 0)
    assert kept_communities(cache, store, "all", 1, 0) == kept and cache.misses == 2
    assert first["items"] == pagerank(store, limit=7)["items"]
    assert kept["communities"] == communities(store)["communities"]
    store.write_tables({Table.COOPERATIONS: [{"from_id": "E1", "to_id": "E5", "kind": "资金"}]})
    assert kept_pagerank(cache, store, "all") != first and cache.misses == 3


def _firms(*ids: str) -> list[Row]:
    return [{"id": i, "name": f"企业{i}"} for i in ids]


def _supply(s: str, b: str, p: str, v: float | None) -> Row:
    row: Row = {"supplier_id": s, "buyer_id": b, "product_id": p, "unit": "t"}
    return row if v is None else row | {"volume": v}


#: S -p-> A -q-> T is short but S gives A only 10 of its 40 t of p (share 0.25);
#: S -p-> B -q-> C -r-> T is longer and heavier: 1 × 0.5 × 1 = 0.5 (Y gives C the other half)
WEIGHTED: dict[Table, list[Row]] = {
    Table.PRODUCTS: [{"id": p, "name": f"产品{p}", "unit": "t"} for p in "pqr"],
    Table.ENTERPRISES: _firms("S", "A", "B", "C", "T", "X", "Y"),
    Table.SUPPLIES: [
        _supply("S", "A", "p", 10),
        _supply("X", "A", "p", 30),
        _supply("A", "T", "q", 100),
        _supply("S", "B", "p", 50),
        _supply("B", "C", "q", 10),
        _supply("Y", "C", "q", 10),
        _supply("C", "T", "r", None),
    ],
}


def test_weighted_paths_put_the_heaviest_first(store: GraphStore) -> None:
    store.write_tables(WEIGHTED)
    answer = weighted_paths(store, "S", "T")
    assert [(p["nodes"], p["share"]) for p in answer["paths"]] == [
        (["S", "B", "C", "T"], 0.5),
        (["S", "A", "T"], 0.25),
    ]
    assert answer["paths"][1]["hops"][0] == {
        "from": "S",
        "to": "A",
        "product_id": "p",
        "product_name": "产品p",
        "share": 0.25,
        "volume": 10,
        "unit": "t",
    }
    assert "volume" not in answer["paths"][0]["hops"][2]  # C -r-> T: unknown, the only one
    assert [p["nodes"] for p in weighted_paths(store, "S", "T", k=1)["paths"]] == [
        ["S", "B", "C", "T"]
    ]
    assert [p["nodes"] for p in weighted_paths(store, "S", "T", max_hops=2)["paths"]] == [
        ["S", "A", "T"]
    ]
    with pytest.raises(NoPath):
        weighted_paths(store, "T", "S")
    with pytest.raises(UnknownEntity):
        weighted_paths(store, "S", "NOPE")
    with pytest.raises(InvalidOption):
        weighted_paths(store, "S", "S")


def _same_betweenness(g: nx.DiGraph) -> None:
    assert trading_betweenness(g) == nx.betweenness_centrality(g, normalized=True)
    sampled = trading_betweenness(g, k=40, seed=0)
    assert sampled == nx.betweenness_centrality(g, normalized=True, k=40, seed=0)


def test_betweenness_on_traders_is_todays_on_the_demo() -> None:
    store = MemoryStore()
    store.write_tables(read_bundle(demo_bundle_path()).tables)
    g = supply_network(store)
    assert sum(1 for n in g if not g.degree(n)) > 0  # there are firms without trade
    _same_betweenness(g)


def test_betweenness_on_traders_is_todays_on_a_generated_bundle(tmp_path: Any) -> None:
    generate_bundle(tmp_path, enterprises=300, seed=3)
    store = MemoryStore()
    store.write_tables(read_bundle(tmp_path).tables)
    g = supply_network(store)
    assert sum(1 for n in g if not g.degree(n)) > 0
    _same_betweenness(g)


def test_tiny_networks_keep_networkx_answers() -> None:
    for g in (nx.DiGraph(), nx.DiGraph([("a", "b")]), nx.empty_graph(3, nx.DiGraph)):
        assert trading_betweenness(g) == nx.betweenness_centrality(g)
    g = nx.DiGraph([("a", "b"), ("b", "c")])
    assert trading_betweenness(g, k=2, seed=0) == nx.betweenness_centrality(g, k=2, seed=0)
    assert trading_betweenness(g, k=1, seed=0)["a"] == 0.0  # networkx: NaN for b (0/0)


def test_no_weighted_path_from_a_firm_that_trades_with_nobody() -> None:
    store = MemoryStore()
    store.write_tables(networks.EXTENDED)  # E7 cooperates but buys and sells nothing
    with pytest.raises(NoPath):
        weighted_paths(store, "E7", "E5")
