"""Subgraphs made by hand for the viz tests (the shared shape of docs/queries.md), and checks
that they have that shape.

- :func:`ref_subgraph`: the reference network of tests/reference.py as one subgraph.
- :func:`hostile_subgraph`: names that try to become markup or end a script element.
- :func:`synthetic_subgraph`: a large seeded network for aggregation and performance.
"""

from __future__ import annotations

from typing import Any

from tests.support.subgraphs import hostile_subgraph, ref_subgraph, synthetic_subgraph


def _check_shape(g: dict[str, Any]) -> None:
    keys = [n["key"] for n in g["nodes"]]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    assert all(n["key"] == f"{n['label']}:{n['id']}" for n in g["nodes"])
    order = [(e["source"], e["target"], e["rel"], e["key"]) for e in g["edges"]]
    assert order == sorted(order) and len(set(order)) == len(order)
    assert {e["source"] for e in g["edges"]} | {e["target"] for e in g["edges"]} <= set(keys)


def test_reference_subgraph_has_the_shared_shape() -> None:
    g = ref_subgraph()
    _check_shape(g)
    assert len(g["nodes"]) == 2 + 3 + 7 + 7


def test_hostile_subgraph_has_the_shared_shape() -> None:
    _check_shape(hostile_subgraph())


def test_synthetic_subgraph_has_the_shared_shape_and_size() -> None:
    g = synthetic_subgraph(300, 100)
    _check_shape(g)
    assert len(g["nodes"]) == 4 + 100 + 300
