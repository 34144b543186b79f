"""The embedded store shared by processes: the version check, reload, leftovers, the lock."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import pytest

from chainatlas.graph.changes import change_set
from chainatlas.graph.errors import GraphChanged
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.memory_file import locked, read_head
from chainatlas.graph.model import Label, Table


def add_firm(store: MemoryStore, id: str) -> None:
    with change_set(store, author="t", source=id) as cs:
        cs.upsert(Table.ENTERPRISES, [{"id": id, "name": f"{id}公司"}])


@pytest.fixture
def saved(tmp_path: Path) -> Path:
    path = tmp_path / "graph.json"
    store = MemoryStore()
    add_firm(store, "E1")
    store.commit(path)
    return path


def test_saving_over_a_newer_file_is_refused(saved: Path) -> None:
    mine, theirs = MemoryStore.open(saved), MemoryStore.open(saved)
    add_firm(theirs, "T1")
    theirs.commit(saved)
    add_firm(mine, "M1")
    with pytest.raises(GraphChanged, match="change set 2; this graph started from version 1"):
        mine.commit(saved)
    assert read_head(saved) == 2
    assert [n["id"] for n in MemoryStore.open(saved).nodes(Label.ENTERPRISE)] == ["E1", "T1"]


def test_a_staging_copy_is_checked_against_where_it_started(saved: Path) -> None:
    served = MemoryStore.open(saved)
    other = MemoryStore.open(saved)
    add_firm(other, "T1")
    other.commit(saved)
    stage = served.staging()
    add_firm(stage, "M1")
    with pytest.raises(GraphChanged):
        stage.commit(saved)
    newer = served.reload(saved)
    assert newer is not None and newer.head() == 2
    assert newer.reload(saved) is None  # nothing newer than itself


def test_reload_finds_a_graph_saved_where_there_was_none(tmp_path: Path, saved: Path) -> None:
    stand_in = MemoryStore()
    assert stand_in.reload(tmp_path / "absent.json") is None
    found = stand_in.reload(saved)
    assert found is not None and found.head() == 1


def test_leftover_temporary_files_are_removed_when_the_store_opens(saved: Path) -> None:
    leftover = saved.with_name("graph.jsonab12cd.tmp")
    leftover.write_text("{half a gra", encoding="utf-8")
    MemoryStore.open(saved)
    assert not leftover.exists()


def test_a_format_1_file_reads_with_no_change_sets(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    doc = {"format": 1, "tables": {"chains": [{"id": "poly", "name": "高分子材料"}]}}
    path.write_text(json.dumps(doc), encoding="utf-8")
    store = MemoryStore.open(path)
    assert (store.head(), read_head(path), store.stats()["chains"]) == (0, 0, 1)
    add_firm(store, "E1")
    store.commit(path)
    assert read_head(path) == 1


def test_the_lock_is_reentrant_and_makes_other_threads_wait(saved: Path) -> None:
    order: list[str] = []

    def other() -> None:
        with locked(saved):
            order.append("other")

    with locked(saved), locked(saved):
        t = threading.Thread(target=other)
        t.start()
        time.sleep(0.2)
        order.append("mine")
    t.join(10)
    assert order == ["mine", "other"]
