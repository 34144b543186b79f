"""The embedded store's networkx graph holds its rows, not copies of them, and is the graph
networkx's own ``add_*_from`` would build (the same nodes, edges, keys and order)."""

from __future__ import annotations

from typing import Any

import networkx as nx
import pytest

from chainatlas.graph.memory_graph import (
    HUB,
    build_graph,
    edge_key,
    edge_rel,
    incident,
    incident_rows,
    typed_edges,
)
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Label, Rel, Table
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store
from tests.support import TEST_DATA


def _by_networkx(tables: Any) -> nx.MultiDiGraph:
    """The graph as networkx's API builds it (the store's builder until 2026-12): a node's
    data a copy of its row and its label, an edge's ``{"rel", "props"}``."""
    g = nx.MultiDiGraph()
    for table, label in NODE_TABLES.items():
        g.add_nodes_from(((label, r["id"]), {"label": label, **r}) for r in tables[table].values())
    for table, (rel, (sl, sc), (dl, dc)) in EDGE_TABLES.items():
        g.add_edges_from(
            ((sl, r[sc]), (dl, r[dc]), edge_key(rel, r), {"rel": rel, "props": r})
            for r in tables[table].values()
        )
    derived = [
        (Rel.IN_CHAIN, (Table.ENTERPRISES, Table.PRODUCTS), Label.CHAIN, "chain_id"),
        (Rel.LOCATED_IN, (Table.PARKS, Table.ENTERPRISES), Label.REGION, "region_id"),
    ]
    for rel, sources, target, column in derived:
        for table in sources:
            for r in tables[table].values():
                if r.get(column) and (target, r[column]) in g:
                    props = {"stage": r.get("stage")} if rel is Rel.IN_CHAIN else {}
                    g.add_edge((NODE_TABLES[table], r["id"]), (target, r[column]), rel.value)
                    g.edges[(NODE_TABLES[table], r["id"]), (target, r[column]), rel.value].update(
                        {"rel": rel, "props": props}
                    )
    return g


@pytest.fixture(params=["demo", "good"])
def tables(request: pytest.FixtureRequest) -> Any:
    path = demo_bundle_path() if request.param == "demo" else TEST_DATA / "good"
    return bundle_store(path).tables


def test_the_graph_is_the_one_networkx_builds(tables: Any) -> None:
    mine, theirs = build_graph(tables), _by_networkx(tables)
    assert list(mine.nodes) == list(theirs.nodes)
    assert list(mine.edges(keys=True)) == list(theirs.edges(keys=True))
    assert list(mine.in_edges(keys=True)) == list(theirs.in_edges(keys=True))
    for n, data in theirs.nodes(data=True):
        assert {"label": n[0], **mine.nodes[n]} == data
    for u, v, k, data in theirs.edges(keys=True, data=True):
        assert edge_rel(k) is data["rel"]
        assert mine.edges[u, v, k] == data["props"]
        assert mine._pred[v][u] is mine._succ[u][v]  # one key dict per pair, as networkx's
    assert mine.number_of_edges() == theirs.number_of_edges()


def test_nodes_and_stored_edges_hold_the_rows_themselves(tables: Any) -> None:
    g = build_graph(tables)
    for table, label in NODE_TABLES.items():
        for row in tables[table].values():
            assert g.nodes[(label, row["id"])] is row
    stored = 0
    for table, (rel, (sl, sc), (dl, dc)) in EDGE_TABLES.items():
        for row in tables[table].values():
            assert g.edges[(sl, row[sc]), (dl, row[dc]), edge_key(rel, row)] is row
            stored += 1
    assert stored > 0


def test_edge_keys_are_one_string_per_type_and_discriminator() -> None:
    a = edge_key(Rel.SUPPLIES, {"product_id": "p-shared"})
    b = edge_key(Rel.SUPPLIES, {"product_id": "p-" + "shared"})
    assert a == b == "SUPPLIES:p-shared" and a is b
    assert edge_rel(a) is Rel.SUPPLIES
    assert edge_rel(edge_key(Rel.COOPERATES, {"kind": "技术"})) is Rel.COOPERATES
    assert [edge_rel(r.value) for r in Rel] == list(Rel)
    assert edge_rel("SUPPLIES:never-made-by-edge_key") is Rel.SUPPLIES


def test_incident_rows_are_the_type_s_edges_in_adjacency_order(tables: Any) -> None:
    """The rows of one type at a node, as walking every key of every neighbour finds them:
    looked up for a type without a discriminator, walked for one with it."""
    g = build_graph(tables)
    several = 0
    for adjacency in (g._succ, g._pred):
        for around in adjacency.values():
            several += sum(len(keyed) > 1 for keyed in around.values())
            for rel in Rel:
                walked = [
                    r for keyed in around.values() for k, r in keyed.items() if edge_rel(k) is rel
                ]
                found = incident_rows(around, rel)
                assert len(found) == len(walked)
                assert all(a is b for a, b in zip(found, walked, strict=True))
    assert several  # pairs of ends with several edges (types or products) were read
    assert incident_rows(None, Rel.SUPPLIES) == [] and incident_rows({}, Rel.PRODUCES) == []


def test_a_product_s_incident_rows_are_kept_with_its_graph(tables: Any) -> None:
    """A product's makers are kept with the graph (the same list again); a firm's are walked
    each time; either is :func:`incident_rows` of its adjacency."""
    g = build_graph(tables)
    for node in g:
        for rel in (Rel.PRODUCES, Rel.NEEDS, Rel.IN_CHAIN):
            for out, adjacency in ((True, g._succ), (False, g._pred)):
                first = incident(g, node, rel, out)
                assert first == incident_rows(adjacency[node], rel)
                again = incident(g, node, rel, out)
                assert (again is first) is (node[0] is Label.PRODUCT)
    assert build_graph(tables).graph == {}  # a new graph keeps nothing yet


def test_a_hub_s_edges_are_sorted_out_once_and_kept_with_its_graph() -> None:
    """A firm with :data:`HUB` customers or more has its edges by type kept (the same dict
    and lists again), each type's rows as :func:`incident_rows` walks them, and its rows in a
    given order kept sorted; a firm below the threshold is walked each time."""
    tables = bundle_store(TEST_DATA / "good").tables
    firms = sorted(k[0] for k in tables[Table.ENTERPRISES])
    hub, small = firms[0], firms[1]
    for i in range(HUB):
        buyer = f"HUB{i:03d}"
        tables[Table.ENTERPRISES][(buyer,)] = {"id": buyer, "name": buyer}
        row = {"supplier_id": hub, "buyer_id": buyer, "product_id": f"p{i % 7}", "volume": i}
        tables[Table.SUPPLIES][(hub, buyer, row["product_id"])] = row
    g = build_graph(tables)
    me = (Label.ENTERPRISE, hub)
    typed = typed_edges(g, me, True)
    assert typed_edges(g, me, True) is typed
    assert typed_edges(g, (Label.ENTERPRISE, small), True) is not typed_edges(
        g, (Label.ENTERPRISE, small), True
    )
    for rel, edges in typed.items():
        walked = incident_rows(g._succ[me], rel)
        assert [row for _, _, row in edges] == walked == incident(g, me, rel, True)
        assert all(g._succ[me][other][key] is row for other, key, row in edges)
    order = ("product_id", "buyer_id")
    ordered = incident(g, me, Rel.SUPPLIES, True, order)
    assert incident(g, me, Rel.SUPPLIES, True, order) is ordered
    rows = [row for _, _, row in typed[Rel.SUPPLIES]]
    assert ordered == sorted(rows, key=lambda r: (r["product_id"], r["buyer_id"]))
    assert len(ordered) >= HUB
    assert build_graph(tables).graph == {}  # a new graph keeps nothing yet


def test_a_write_is_seen_by_the_product_s_makers() -> None:
    store = bundle_store(TEST_DATA / "good")
    pid = sorted(k[0] for k in store.tables[Table.PRODUCTS])[0]
    before = {m["id"] for m in store.producers([pid])}
    firm = min(k[0] for k in store.tables[Table.ENTERPRISES] if k[0] not in before)
    store.upsert(Table.PRODUCES, [{"enterprise_id": firm, "product_id": pid}])
    assert {m["id"] for m in store.producers([pid])} == before | {firm}
