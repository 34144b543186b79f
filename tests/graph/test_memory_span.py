"""The embedded store reads a day that every fact and firm holds as it reads every fact
(graph.asof.live_span): on every day its answers equal those of checking each row."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

import pytest

from chainatlas.graph.asof import Span, live_span
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Rel, Row, Table
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


def _reads(store: MemoryStore, day: date) -> dict[str, Any]:
    trading = [Rel.SUPPLIES, Rel.COOPERATES, Rel.PRODUCES, Rel.NEEDS]
    firm_reads = {
        "neighbours": lambda f: store.neighbours(Label.ENTERPRISE, f, as_of=day),
        "bought": lambda f: store.trade(f, "in", as_of=day),
        "sold": lambda f: store.trade(f, "out", as_of=day),
        "paths": lambda f: store.supply_paths(f, "E5", max_hops=4, limit=5, as_of=day),
    }
    answers: dict[Any, Any] = {
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
    return answers


def _row_by_row(tables: dict[Table, list[Row]]) -> MemoryStore:
    """A store that checks every row whatever the day: its span covers no day."""
    store = MemoryStore()
    store.write_tables(tables)
    store._span = Span("9999", "0000")
    return store


@pytest.mark.parametrize("name", MAPS)
@pytest.mark.parametrize("day", DAYS)
def test_every_day_reads_as_checking_each_row(name: str, day: date) -> None:
    store = MemoryStore()
    store.write_tables(MAPS[name])
    assert _reads(store, day) == _reads(_row_by_row(MAPS[name]), day)


def test_the_shortcut_is_taken_on_the_days_everything_holds() -> None:
    store = MemoryStore()
    store.write_tables(reference.TABLES)
    assert store._day(date(2023, 1, 1)) is None
    assert store._day(date(2022, 12, 31)) == "2022-12-31"
    dated = MemoryStore()
    dated.write_tables(lifetimes.DATED)  # 2025-03-01 begins after 2024-07-01 ends: no day
    assert dated._day(date(2024, 6, 30)) == "2024-06-30"


def test_a_write_moves_the_span() -> None:
    store = MemoryStore()
    store.write_tables(reference.TABLES)
    assert store._day(date(2024, 1, 1)) is None
    ended = {**reference.SUPPLIES[0], "until": "2024-01-02"}
    store.upsert(Table.SUPPLIES, [ended])
    assert store._day(date(2024, 1, 1)) is None
    assert store._day(date(2024, 1, 2)) == "2024-01-02"


def test_the_span_is_the_latest_start_to_the_earliest_end() -> None:
    rows: list[dict[str, Any]] = [
        {"since": 2016, "until": "2030-01-01"},
        {"since": "2021-05-01"},
        {"member_since": 2009, "member_until": 2029},
        {},
    ]
    span = live_span(rows)
    assert span == Span("2021-05-01", "2029")
    assert [span.covers(d) for d in ("2021-04-30", "2021-05-01", "2028-12-31", "2029-01-01")] == [
        False,
        True,
        True,
        False,
    ]
    assert live_span([]) == Span(None, None) and Span(None, None).covers("1900-01-01")
