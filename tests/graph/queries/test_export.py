"""Export: the whole graph or an answer's graph as GraphML, GEXF, node-link JSON and CSV;
each read back with the tool that reads it."""

from __future__ import annotations

import csv
import io
import json
import zipfile

import networkx as nx
import pytest

from chainatlas.graph.queries import FORMATS, export_graph, supply_paths, whole_graph
from chainatlas.graph.store import GraphStore

# reference: 7 firms + 7 products + 2 chains + 3 regions = 19 nodes; edges: 5 SUPPLIES,
# 2 COOPERATES, 8 PRODUCES, 5 NEEDS, 5 INPUT_TO, 14 IN_CHAIN (7 firms + 7 products), 7
# LOCATED_IN = 46
NODES, EDGES = 19, 46


def test_whole_graph(ref_store: GraphStore) -> None:
    g = whole_graph(ref_store)
    assert (len(g["nodes"]), len(g["edges"])) == (NODES, EDGES)
    assert g["nodes"][0] == {
        "key": "Chain:poly",
        "label": "Chain",
        "id": "poly",
        "name": "高分子材料",
        "name_en": "Polymer materials",
    }


def test_graphml(ref_store: GraphStore) -> None:
    g = nx.read_graphml(io.BytesIO(export_graph(ref_store, "graphml")))
    assert (g.number_of_nodes(), g.number_of_edges()) == (NODES, EDGES)
    assert g.nodes["Enterprise:E3"]["label"] == "浙江丙化纤股份有限公司"
    assert g.nodes["Enterprise:E3"]["kind"] == "Enterprise"
    pta = g.get_edge_data("Enterprise:E1", "Enterprise:E3")["SUPPLIES:pta"]
    assert (pta["rel"], pta["product_id"], pta["volume"]) == ("SUPPLIES", "pta", 12000)
    # capacity is 1.5 (万t) on one edge and whole numbers elsewhere: written as floats
    assert g.get_edge_data("Enterprise:E3", "Product:pet")["PRODUCES:"]["capacity"] == 200000.0


def test_gexf(ref_store: GraphStore) -> None:
    g = nx.read_gexf(io.BytesIO(export_graph(ref_store, "gexf")))
    assert (g.number_of_nodes(), g.number_of_edges()) == (NODES, EDGES)
    assert g.nodes["Product:pta"]["entity_id"] == "pta"


def test_node_link_json(ref_store: GraphStore) -> None:
    data = json.loads(export_graph(ref_store, "json"))
    g = nx.node_link_graph(data, edges="edges")
    assert (g.number_of_nodes(), g.number_of_edges()) == (NODES, EDGES)


def test_csv_zip(ref_store: GraphStore) -> None:
    z = zipfile.ZipFile(io.BytesIO(export_graph(ref_store, "csv")))
    assert sorted(z.namelist()) == ["edges.csv", "nodes.csv"]
    nodes = list(csv.DictReader(io.StringIO(z.read("nodes.csv").decode("utf-8-sig"))))
    edges = list(csv.DictReader(io.StringIO(z.read("edges.csv").decode("utf-8-sig"))))
    assert (len(nodes), len(edges)) == (NODES, EDGES)
    assert nodes[0]["key"] == "Chain:poly"
    e1 = next(n for n in nodes if n["key"] == "Enterprise:E1")
    assert (e1["credit_code"], e1["scale"], e1["name"]) == (
        "91330211MA2GL00013",
        "中型",
        "宁波甲石化有限公司",
    )
    assert "phone" not in e1 and "contact_person" not in e1  # contact details never leave
    first_supply = next(e for e in edges if e["rel"] == "SUPPLIES")
    assert (first_supply["source"], first_supply["key"], first_supply["volume"]) == (
        "Enterprise:E1",
        "pta",
        "12000",
    )
    assert export_graph(ref_store, "csv") == export_graph(ref_store, "csv")  # byte for byte


def test_an_answers_graph(ref_store: GraphStore) -> None:
    answer = supply_paths(ref_store, "E1", "E5")
    g = nx.read_graphml(io.BytesIO(export_graph(ref_store, "graphml", graph=answer["graph"])))
    assert (g.number_of_nodes(), g.number_of_edges()) == (4, 3)


def test_formats_and_a_bad_one(ref_store: GraphStore) -> None:
    assert sorted(FORMATS) == ["csv", "gexf", "graphml", "json"]
    with pytest.raises(ValueError):
        export_graph(ref_store, "xlsx")
