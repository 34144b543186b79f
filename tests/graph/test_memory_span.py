"""The embedded store reads a day that every fact and firm holds as it reads every fact
(graph.asof.live_span): on every day its answers equal those of checking each row."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from chainatlas.graph.asof import Span, live_span
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from tests.support import lifetimes, reference
from tests.support.spans import DAYS, MAPS, reads, row_by_row


@pytest.mark.parametrize("name", MAPS)
@pytest.mark.parametrize("day", DAYS)
def test_every_day_reads_as_checking_each_row(name: str, day: date) -> None:
    store = MemoryStore()
    store.write_tables(MAPS[name])
    assert reads(store, day) == reads(row_by_row(MAPS[name]), day)


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
