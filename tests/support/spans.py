"""What a store reads of the three dated maps on the days around their spans
(graph.asof.Span): a store that reads a day its span covers as it reads every fact must
answer as one that checks each row (tests/graph/test_memory_span.py,
tests/graph/test_neo4j_span.py)."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from chainatlas.graph.asof import Span
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Rel, Row, Table
from chainatlas.graph.store import GraphStore
from tests.support import lifetimes, reference

MAPS = {"reference": reference.TABLES, "dated": lifetimes.DATED, "firms": lifetimes.FIRMS}
DAYS = [
    date(2015, 1, 1),
    date(2022, 12, 31),
    date(2023, 1, 1),  # the reference's latest start is 2023: from here on it all holds
    date(2024, 6, 30),
    date(2024, 7, 1),
    date(2025, 3, 1),
    date(2026, 12, 3),
]
FIRMS = ["E1", "E2", "E3", "E4", "E5", "E6", "E7"]


def _answer(read: Callable[[str], Any], firm: str) -> Any:
    """What a read of ``firm`` answers, or the error it raises (not in the map that day)."""
    try:
        return read(firm)
    except UnknownEntity as e:
        return repr(e)


def reads(store: GraphStore, day: date) -> dict[Any, Any]:
    """Every kind of read of the dated maps' firms as of ``day``, by name."""
    trading = [Rel.SUPPLIES, Rel.COOPERATES, Rel.PRODUCES, Rel.NEEDS]
    firm_reads = {
        "neighbours": lambda f: store.neighbours(Label.ENTERPRISE, f, as_of=day),
        "bought": lambda f: store.trade(f, "in", as_of=day),
        "sold": lambda f: store.trade(f, "out", as_of=day),
        "paths": lambda f: store.supply_paths(f, "E5", max_hops=4, limit=5, as_of=day),
    }
    return {
        **{(name, f): _answer(read, f) for name, read in firm_reads.items() for f in FIRMS},
        "stats": store.stats(as_of=day),
        "nodes": store.nodes(Label.ENTERPRISE, as_of=day),
        "edges": [store.edges(rel, as_of=day) for rel in trading],
        "adjacent": [
            store.adjacent_keys(rel, FIRMS, direction="out", as_of=day) for rel in trading
        ],
        "pairs": store.supply_pairs(as_of=day),
        "makers": store.producers(["pet", "meg", "pta"], as_of=day),
        "counts": store.product_counts(as_of=day),
        "search": store.search_candidates("e", as_of=day),
    }


def row_by_row(tables: dict[Table, list[Row]]) -> MemoryStore:
    """An embedded store that checks every row whatever the day: its span covers no day."""
    store = MemoryStore()
    store.write_tables(tables)
    store._span = Span("9999", "0000")
    return store
