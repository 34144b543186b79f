"""Global answers shared by the worker processes of one server (graph/queries/cache.py): a
worker reads what another computed, one computes a key at a time, the directory stays bounded.

Two caches over one directory stand for two workers: their file locks exclude each other as
two processes' would (``flock`` locks belong to each open of the file)."""

from __future__ import annotations

import threading
import time
from pathlib import Path

import pytest

from chainatlas.graph.guards import Guards
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.queries.cache import AnalyticsCache, SharedAnswers
from tests.support import reference


@pytest.fixture
def ref() -> MemoryStore:
    store = MemoryStore()
    store.write_tables(reference.TABLES)
    return store


def test_a_worker_reads_what_another_computed(tmp_path: Path, ref: MemoryStore) -> None:
    one, two, calls = AnalyticsCache(8, tmp_path), AnalyticsCache(8, tmp_path), []

    def answer() -> dict[str, int]:
        calls.append(1)
        return {"firms": len(calls)}

    assert one.get(ref, "gaps", (), answer) == {"firms": 1}
    assert two.get(ref, "gaps", (), answer) == {"firms": 1}
    assert calls == [1]
    ref.upsert(Table.ENTERPRISES, [{"id": "E99", "name": "新企业有限公司"}])
    assert two.get(ref, "gaps", (), answer) == {"firms": 2}  # a new version: computed again
    assert one.get(ref, "gaps", (), answer) == {"firms": 2} and calls == [1, 1]


def test_workers_asking_at_once_wait_for_one_computation(tmp_path: Path) -> None:
    calls, answers = [], []

    def slow() -> str:
        calls.append(1)
        time.sleep(0.3)
        return "answer"

    def worker() -> None:
        answers.append(SharedAnswers(tmp_path, 8).get(("k",), slow))

    threads = [threading.Thread(target=worker) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert answers == ["answer"] * 4 and calls == [1]


def test_an_error_is_not_stored_and_frees_the_key(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path, 8)

    def broken() -> str:
        raise KeyError("unknown chain")

    with pytest.raises(KeyError):
        shared.get(("k",), broken)
    assert list(tmp_path.glob("*.pickle")) == []
    assert shared.get(("k",), lambda: "fine") == "fine"


def test_the_directory_keeps_the_newest_answers(tmp_path: Path) -> None:
    shared = SharedAnswers(tmp_path, 2)
    for n in range(5):
        shared.get(("k", n), lambda n=n: n)  # type: ignore[misc]
        time.sleep(0.01)  # distinct write times
    assert len(list(tmp_path.glob("*.pickle"))) == 2
    assert shared.get(("k", 4), lambda: -1) == 4 and shared.get(("k", 0), lambda: -1) == -1


def test_the_setting_must_name_a_writable_directory(tmp_path: Path) -> None:
    assert Guards(shared_cache=tmp_path).shared_cache == tmp_path
    with pytest.raises(ValueError, match="CHAINATLAS_SHARED_CACHE must be a writable directory"):
        Guards(shared_cache=tmp_path / "nowhere")
