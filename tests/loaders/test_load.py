"""load_bundle on both stores: validated first, written in batches, idempotent, resumable."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import pytest

from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import NODE_TABLES, Label, Row, Table
from chainatlas.graph.shapes import Stats
from chainatlas.graph.store import DEFAULT_BATCH, GraphStore
from chainatlas.loaders import load_bundle, read_bundle
from tests.support.bundles import GOOD


class Interrupted(Exception):
    """Stands in for a load killed midway (Ctrl-C, a lost connection)."""


def snapshot(store: GraphStore) -> tuple[Stats, list[Any]]:
    """Stats, every node, and the neighbours of every firm and product (which touch every edge)."""
    bundle = read_bundle(GOOD)
    seen: list[Any] = []
    for table, label in NODE_TABLES.items():
        for row in bundle.tables[table]:
            seen.append(_ask(store.node, label, row["id"]))
            if label in (Label.ENTERPRISE, Label.PRODUCT):
                seen.append(_ask(store.neighbours, label, row["id"]))
    return store.stats(), seen


def _ask(read: Callable[[Label, str], Any], label: Label, id: str) -> Any:
    try:
        return read(label, id)
    except UnknownEntity:
        return None  # not written yet


def test_load_reports_rows_per_table_in_load_order(store: GraphStore) -> None:
    report = load_bundle(store, GOOD, batch_size=3)
    assert list(report.counts) == [t.value for t in Table]
    assert report.counts == {t.value: len(rows) for t, rows in read_bundle(GOOD).tables.items()}
    assert report.total == 44 and report.warnings == [] and report.store == store.kind


def test_loaded_graph_matches_the_reference_figures(store: GraphStore) -> None:
    from tests.support.reference import EXPECTED_STATS

    load_bundle(store, GOOD)
    assert store.stats() == EXPECTED_STATS


def test_progress_is_reported_per_batch(store: GraphStore) -> None:
    calls: list[tuple[str, int, int]] = []
    load_bundle(store, GOOD, batch_size=3, progress=lambda t, d, n: calls.append((t.value, d, n)))
    assert calls[:3] == [("chains", 2, 2), ("regions", 3, 3), ("products", 3, 7)]
    assert calls[-1] == ("product_inputs", 5, 5)
    assert len(calls) == 1 + 1 + 3 + 3 + 3 + 2 + 2 + 1 + 2


def test_loading_twice_changes_nothing(store: GraphStore) -> None:
    load_bundle(store, GOOD)
    first = snapshot(store)
    load_bundle(store, GOOD, batch_size=2)
    assert snapshot(store) == first


@pytest.mark.parametrize("after_batches", [2, 6, 15, 21])
def test_interrupted_load_converges_when_run_again(store: GraphStore, after_batches: int) -> None:
    load_bundle(store, GOOD)
    clean = snapshot(store)
    store.clear()
    seen = 0

    def die(table: Table, done: int, total: int) -> None:
        nonlocal seen
        seen += 1
        if seen == after_batches:
            raise Interrupted(f"killed in {table.value} after {done} of {total} rows")

    with pytest.raises(Interrupted):
        load_bundle(store, GOOD, batch_size=2, progress=die)
    assert snapshot(store) != clean  # the load really stopped halfway
    load_bundle(store, GOOD, batch_size=2)
    assert snapshot(store) == clean


def test_zero_batch_size_is_refused(store: GraphStore) -> None:
    with pytest.raises(ValueError, match="batch_size"):
        load_bundle(store, GOOD, batch_size=0)


class DyingStore(MemoryStore):
    """A store that dies in the middle of its n-th batch, half of the batch written."""

    def __init__(self, die_in_batch: int) -> None:
        super().__init__()
        self.left = die_in_batch

    def upsert(
        self,
        table: Table,
        rows: Iterable[Row],
        *,
        batch_size: int = DEFAULT_BATCH,
        prepared: bool = False,
    ) -> int:
        self.left -= 1
        if self.left == 0:
            chunk = list(rows)
            super().upsert(table, chunk[: len(chunk) // 2])
            raise Interrupted(f"died writing {table.value}")
        return super().upsert(table, rows, batch_size=batch_size, prepared=prepared)


@pytest.mark.parametrize("die_in_batch", [3, 7, 12, 15])
def test_load_killed_inside_a_batch_converges_when_run_again(die_in_batch: int) -> None:
    clean = MemoryStore()
    load_bundle(clean, GOOD)
    store = DyingStore(die_in_batch)
    with pytest.raises(Interrupted):
        load_bundle(store, GOOD, batch_size=4)
    load_bundle(store, GOOD, batch_size=4)
    assert snapshot(store) == snapshot(clean)
    assert store.tables == clean.tables
