"""The examples in the graph layer's docstrings run, so they stay true."""

from __future__ import annotations

import doctest
import importlib

import pytest

MODULES = [
    "graph.text",
    "graph.units",
    "graph.walks",
    "graph.analyst",
    "graph.queries.subgraph",
    "graph.queries.reasons",
    "graph.queries.centrality",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0 and result.failed == 0
