"""A large read's chunks a few at once (graph/parallel_reads.py): rows in the chunks' order,
at most so many reads in flight, errors where their rows would be; on Neo4j the same answers
as one chunk after another and as the embedded store, and one transaction where a query's
statements share one."""

from __future__ import annotations

import os
import signal
import threading
import time
from collections.abc import Callable, Iterator
from typing import Any

import pytest

from chainatlas.graph import neo4j_projections
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.parallel_reads import ParallelReads
from tests.support import reference


class Gauge:
    """How many reads run at once, at most, and on which threads."""

    def __init__(self) -> None:
        self.now = self.most = 0
        self.threads: set[str] = set()
        self.lock = threading.Lock()

    def read(self, item: int) -> int:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
            self.threads.add(threading.current_thread().name)
        time.sleep(0.002 * (item % 3))  # later items finish first now and then
        with self.lock:
            self.now -= 1
        if item == 13:
            raise KeyError(item)
        return item * item


@pytest.fixture
def reads() -> Iterator[ParallelReads]:
    pool = ParallelReads(3)
    yield pool
    pool.close()


def test_rows_come_in_the_items_order_with_at_most_so_many_in_flight(
    reads: ParallelReads,
) -> None:
    gauge = Gauge()
    assert list(reads.map(gauge.read, range(12))) == [i * i for i in range(12)]
    assert gauge.most == 3
    assert all(name.startswith("chunk-read") for name in gauge.threads)


def test_a_read_s_error_is_raised_where_its_row_would_be(reads: ParallelReads) -> None:
    gauge = Gauge()
    got: list[int] = []
    with pytest.raises(KeyError):
        got.extend(reads.map(gauge.read, range(20)))
    assert got == [i * i for i in range(13)]


def test_a_caller_that_stops_early_leaves_the_rest_unread(reads: ParallelReads) -> None:
    started: list[int] = []

    def read(item: int) -> int:
        started.append(item)
        time.sleep(0.01)
        return item

    rows = reads.map(read, range(100))
    assert [next(rows), next(rows)] == [0, 1]
    rows.close()
    time.sleep(0.1)  # ten reads' time: the pool's threads are idle, not working on through
    assert set(started) <= set(range(2 + 3))  # the two given, and at most three under way


def test_one_at_a_time_reads_on_the_caller_s_thread() -> None:
    gauge = Gauge()
    one = ParallelReads(1)
    assert list(one.map(gauge.read, range(5))) == [0, 1, 4, 9, 16]
    assert gauge.most == 1 and gauge.threads == {threading.current_thread().name}
    with pytest.raises(ValueError, match="CHAINATLAS_PARALLEL_READS must be at least 1"):
        ParallelReads(0)


def test_a_pool_closed_starts_again_when_asked(reads: ParallelReads) -> None:
    assert list(reads.map(lambda i: -i, [1, 2])) == [-1, -2]
    reads.close()
    assert list(reads.map(lambda i: -i, [3, 4, 5])) == [-3, -4, -5]


def test_a_forked_child_reads_on_threads_of_its_own() -> None:
    def slow(item: int) -> int:
        time.sleep(0.05)  # so that the parent starts both threads
        return item + 1

    reads = ParallelReads(2)
    assert list(reads.map(slow, [1, 2, 3])) == [2, 3, 4]
    time.sleep(0.2)  # and they are idle: a pool with idle threads starts no new one
    child = os.fork()
    if child == 0:  # pragma: no cover (the child's exit status is the assertion)
        signal.alarm(10)  # a pool waiting for threads that are not there: killed, not hung
        ok = list(reads.map(slow, [3, 4, 5])) == [4, 5, 6]
        os._exit(0 if ok else 1)
    _, status = os.waitpid(child, 0)
    reads.close()
    assert os.waitstatus_to_exitcode(status) == 0


# -- on the server ---------------------------------------------------------------------------

FIRMS = [f["id"] for f in reference.ENTERPRISES]
#: reads that go by chunks of ids, as a province's surveys make them
ASKED: dict[str, Callable[[Any], Any]] = {
    "supplies in": lambda s: s.adjacent_keys(Rel.SUPPLIES, FIRMS, direction="in"),
    "needs": lambda s: s.adjacent_keys(Rel.NEEDS, FIRMS, direction="out"),
    "firms' fields": lambda s: s.nodes(Label.ENTERPRISE, FIRMS, fields=("name", "stage")),
    "degrees": lambda s: s.supply_degrees(),
    "pairs": lambda s: s.supply_pairs(),
    "places": lambda s: s.supply_place_counts(["shangyu"]),  # counts added up across chunks
    "cover": lambda s: s.chain_cover("poly"),
    "links": lambda s: s.chain_links("textile"),
}


@pytest.mark.neo4j
def test_chunks_read_at_once_give_the_answers_read_one_by_one(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    neo4j_store.write_tables(reference.TABLES)
    embedded = MemoryStore()
    embedded.write_tables(reference.TABLES)
    one_by_one = Neo4jStore(neo4j_store.driver, parallel_reads=1)
    expected = {name: ask(embedded) for name, ask in ASKED.items()}
    on_threads: set[str] = set()
    read = neo4j_store.read_as_given  # every statement sent, a chunk's too

    def traced(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        on_threads.add(threading.current_thread().name)
        return read(name, params)

    monkeypatch.setattr(neo4j_store, "read_as_given", traced)
    monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 1)  # a firm a chunk
    for name, ask in ASKED.items():
        assert ask(neo4j_store) == expected[name], name
        assert ask(one_by_one) == expected[name], name
    assert any(t.startswith("chunk-read") for t in on_threads)
    on_threads.clear()
    with neo4j_store.reading():  # a query's statements: one transaction, in order
        assert ASKED["supplies in"](neo4j_store) == expected["supplies in"]
    assert on_threads == {threading.current_thread().name}
