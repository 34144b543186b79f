"""The store seen on one day (graph/dated.py): reads carry the day, writes are refused."""

from __future__ import annotations

import pytest

from chainatlas.graph.dated import DatedStore, on_day
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from tests.support import lifetimes
from tests.support.lifetimes import BEFORE, LATER


@pytest.fixture
def memory() -> MemoryStore:
    store = MemoryStore()
    store.write_tables(lifetimes.DATED)
    return store


def test_the_view_reads_on_its_day_unless_told_another(memory: MemoryStore) -> None:
    view = on_day(memory, LATER)
    assert isinstance(view, DatedStore) and view.kind == "memory"
    assert view.stats() == lifetimes.STATS_LATER
    assert [s["id"] for s in view.suppliers("E3", as_of=BEFORE)] == ["E2", "E1"]
    assert view.node(Label.ENTERPRISE, "E1")["id"] == "E1"
    assert [h["id"] for h in view.search_candidates("E7")] == ["E7"]
    view.ping()


@pytest.mark.parametrize("write", ["ensure_schema", "clear", "upsert"])
def test_a_view_refuses_writes(memory: MemoryStore, write: str) -> None:
    view = on_day(memory, LATER)
    args: tuple[object, ...] = (Table.CHAINS, []) if write == "upsert" else ()
    with pytest.raises(TypeError, match="read-only"):
        getattr(view, write)(*args)
    assert memory.stats()["chains"] == 2  # the store itself is untouched
