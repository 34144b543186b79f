"""The matches graph keeps to facts the store holds: a link to a node that is not there, or of
a kind it does not draw, adds nothing (and never an edge with a missing end)."""

from __future__ import annotations

from chainatlas.api.pages.board_graph import match_graph
from chainatlas.graph.board.matching import match_post
from tests.support.board import demo_store


def test_only_links_to_known_nodes_are_drawn() -> None:
    store = demo_store()
    answer = match_post(store, "BP037")
    first = answer["candidates"][0]
    first["links"] = [
        *first["links"],
        {"rel": "PRODUCES", "target": "no_such_product"},
        {"rel": "LOCATED_IN", "target": "ningbo"},
    ]
    graph = match_graph(store, answer)
    keys = {n["key"] for n in graph["nodes"]}
    assert "Product:no_such_product" not in keys and "Region:ningbo" not in keys
    assert all(e["source"] in keys and e["target"] in keys for e in graph["edges"])
    assert ("Enterprise:E0102", "Post:BP037", "POSTED") in {
        (e["source"], e["target"], e["rel"]) for e in graph["edges"]
    }
