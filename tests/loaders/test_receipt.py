"""A load's receipt (loaders/receipt.py): a re-load of the bundle the graph last took, with
nothing written since, answers as the full load would, without reading the bundle; anything
else that could change the answer reads it again. On both stores."""

from __future__ import annotations

import csv
import shutil
from dataclasses import replace
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.limits import DEFAULT_LIMITS
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import Change, load_bundle, read_bundle, write_bundle
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.diff import parse_scope
from chainatlas.loaders.receipt import load_key, recall
from chainatlas.loaders.source import bundle_sha256

TODAY = date(2026, 12, 2)


@pytest.fixture
def demo(tmp_path: Path) -> Path:
    """A copy of the demo bundle that a test may change."""
    return Path(shutil.copytree(demo_bundle_path(), tmp_path / "demo"))


def _report(report: Any) -> dict[str, Any]:
    return {**report.to_dict(), "recalled": None}


def test_a_reload_of_the_same_bundle_is_answered_by_the_receipt(
    store: GraphStore, demo: Path, reads: list[Path]
) -> None:
    first = load_bundle(store, demo, day=TODAY)
    version = store.version()
    again = load_bundle(store, demo, day=TODAY + timedelta(days=30))  # a later day: still valid
    assert reads == [demo] and again.recalled and not first.recalled
    assert store.version() == version and again.change_set is None
    # what the full re-load says: every row held and accounted for, nothing recorded
    full = write_bundle(store, read_bundle(demo), change=Change("t", "demo"), day=TODAY)
    assert _report(again) == _report(full) and full.change_set is None
    assert again.counts == first.counts and again.total > 500


def test_a_write_since_the_load_reads_the_bundle_again(
    store: GraphStore, demo: Path, reads: list[Path]
) -> None:
    load_bundle(store, demo, day=TODAY)
    firm = store.nodes(Label.ENTERPRISE)[0]
    store.upsert(Table.ENTERPRISES, [{**firm, "name": "改过的名字"}])  # an edit, say
    again = load_bundle(store, demo, day=TODAY)
    assert reads == [demo, demo] and not again.recalled
    assert again.change_set is not None  # the load put the bundle's name back
    assert store.node(Label.ENTERPRISE, firm["id"])["name"] == firm["name"]
    assert load_bundle(store, demo, day=TODAY).recalled  # and kept a new receipt


def test_a_changed_file_is_read_and_lands(store: GraphStore, demo: Path, reads: list[Path]) -> None:
    load_bundle(store, demo, day=TODAY)
    path = demo / "supplies.csv"
    with path.open(encoding="utf-8-sig", newline="") as f:
        rows = list(csv.DictReader(f))
    rows[0]["volume"] = "98765"
    with path.open("w", encoding="utf-8", newline="") as f:
        out = csv.DictWriter(f, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)
    again = load_bundle(store, demo, day=TODAY)
    assert not again.recalled and again.change_set is not None
    assert again.change_set["counts"]["supplies"]["changed"] == 1


@pytest.mark.parametrize(
    "differs",
    ["renamed", "strict", "scope", "earlier day", "limits"],
)
def test_what_could_change_the_answer_reads_the_bundle_again(
    store: GraphStore, demo: Path, reads: list[Path], differs: str
) -> None:
    load_bundle(store, demo, day=TODAY)
    path, kw = demo, dict[str, Any](day=TODAY)
    if differs == "renamed":  # the same bytes, but the report names the bundle
        path = demo.rename(demo.with_name("demo-2026-12"))
    elif differs == "strict":  # a warning now refuses the bundle
        kw["strict"] = True
    elif differs == "scope":  # an authoritative load may end what the bundle lacks
        kw["scope"] = parse_scope("all")
    elif differs == "earlier day":  # a date valid then may be after this load date
        kw["day"] = TODAY - timedelta(days=1)
    else:
        kw["limits"] = replace(DEFAULT_LIMITS, issues=10)
    again = load_bundle(store, path, **kw)
    assert reads == [demo, path] and not again.recalled
    assert again.bundle == path.name


def test_a_receipt_is_not_a_write_of_the_graph(store: GraphStore, demo: Path) -> None:
    load_bundle(store, demo, day=TODAY)
    kept, version = store.load_receipt(), store.version()
    assert kept is not None and kept["version"] == version and kept["day"] == TODAY.isoformat()
    store.save_load_receipt({**kept, "day": "2000-01-01"})
    assert store.version() == version and store.load_receipt() == {**kept, "day": "2000-01-01"}
    key = load_key(
        demo, sha256=bundle_sha256(demo), scope=None, strict=False, limits=DEFAULT_LIMITS
    )
    assert kept["key"] == key
    assert recall(store, {**key, "code": "0.0.1"}, TODAY) is None  # another ChainAtlas


def test_the_embedded_store_saves_its_receipt_with_the_graph(demo: Path, tmp_path: Path) -> None:
    store = MemoryStore()
    load_bundle(store, demo, day=TODAY)
    store.commit(tmp_path / "graph.json")
    opened = MemoryStore.open(tmp_path / "graph.json")
    assert opened.load_receipt() == store.load_receipt() is not None
    assert opened.version() == store.version()
    assert load_bundle(opened, demo, day=TODAY).recalled
    assert opened.staging().load_receipt() == store.load_receipt()
