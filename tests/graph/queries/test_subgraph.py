"""The shared graph shape's builder (graph/queries/subgraph.py): labels and relationship
types given as members or as their values come out as plain strings; anything else is
refused."""

from __future__ import annotations

import json

import pytest

from chainatlas.graph.model import LABEL_VALUE, REL_VALUE, Label, Rel
from chainatlas.graph.queries.subgraph import Subgraph


def test_the_values_are_plain_strings_found_by_member_or_value() -> None:
    for enum, values in ((Label, LABEL_VALUE), (Rel, REL_VALUE)):
        assert sorted(values) == sorted(m.value for m in enum)
        for member in enum:
            assert values[member] == values[member.value] == member.value
            assert type(values[member]) is str
    assert "SUPPLIES" not in LABEL_VALUE and "Enterprise" not in REL_VALUE


def test_a_node_by_member_or_value_is_one_node_and_a_non_label_is_refused() -> None:
    g = Subgraph()
    a = g.node(Label.ENTERPRISE, {"id": "E1", "name": "甲"})
    assert g.node("Enterprise", {"id": "E1", "region_id": "shangyu"}) == a == "Enterprise:E1"
    b = g.node(Label.PRODUCT, {"id": "pet"})
    g.edge(Rel.PRODUCES, a, b, props={"capacity": 5, "other": 1})
    built = g.build()
    assert json.loads(json.dumps(built)) == built
    (node,) = [n for n in built["nodes"] if n["id"] == "E1"]
    assert type(node["label"]) is str and node["label"] == "Enterprise"
    assert node["region_id"] == "shangyu" and node["name"] == "甲"
    (edge,) = built["edges"]
    assert type(edge["rel"]) is str and edge["rel"] == "PRODUCES"
    assert edge["props"] == {"capacity": 5}
    with pytest.raises(ValueError):
        g.node("SUPPLIES", {"id": "x"})
