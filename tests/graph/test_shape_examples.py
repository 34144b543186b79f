"""The examples the answer shapes carry into the OpenAPI document (issue 17, item 1) are
answers of the demo (data/demo): each one validates against its shape and is what the demo
answers (the whole answer for ``Stats``, one of its items for the others), so an example cannot
drift from the data or the shape."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest
from pydantic import TypeAdapter

from chainatlas.graph import queries as q
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label
from chainatlas.graph.queries.answers import Affected, SearchHit, SupplyPath
from chainatlas.graph.shapes import CypherResult, NodeRef, Stats, TradeRow
from chainatlas.loaders import read_bundle
from tests.support import ROOT

Answers = Callable[[MemoryStore, dict[str, Any]], list[Any]]


@pytest.fixture(scope="module")
def demo() -> MemoryStore:
    store = MemoryStore()
    store.write_tables(dict(read_bundle(ROOT / "data" / "demo").tables))
    return store


def the_example(shape: Any) -> dict[str, Any]:
    schema = TypeAdapter(shape).json_schema()
    (found,) = schema["examples"]
    assert isinstance(found, dict)
    return found


#: each shape with an example, and the demo answers its example must be one of
ANSWERS: dict[str, tuple[Any, Answers]] = {
    "Stats": (Stats, lambda s, e: [s.stats()]),
    "NodeRef": (NodeRef, lambda s, e: [q.impact(s, enterprise_id=e["id"])["removed"]]),
    "TradeRow": (TradeRow, lambda s, e: s.suppliers("E0110")),
    "SearchHit": (SearchHit, lambda s, e: q.search(s, "化纤")),
    "SupplyPath": (SupplyPath, lambda s, e: q.supply_paths(s, "E0086", "E0110")["paths"]),
    "Affected": (Affected, lambda s, e: q.impact(s, enterprise_id="E0086")["affected"]),
}


@pytest.mark.parametrize("name", list(ANSWERS))
def test_each_example_is_an_answer_of_the_demo(name: str, demo: MemoryStore) -> None:
    shape, answers = ANSWERS[name]
    example = the_example(shape)
    assert TypeAdapter(shape).validate_python(example) == example
    assert example in answers(demo, example)


def test_the_cypher_example_names_demo_firms(demo: MemoryStore) -> None:
    # the embedded store runs no Cypher: the example's rows are (id, name) of demo firms
    example = the_example(CypherResult)
    assert TypeAdapter(CypherResult).validate_python(example) == example
    assert example["columns"] == ["id", "name"]
    for id, name in example["rows"]:
        assert demo.node(Label.ENTERPRISE, id)["name"] == name


def test_stats_names_all_eleven_counts(demo: MemoryStore) -> None:
    assert set(Stats.__required_keys__) == set(demo.stats()) and len(demo.stats()) == 11
