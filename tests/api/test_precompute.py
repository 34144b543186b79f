"""Global answers computed ahead (graph/queries/ahead.py, api/precompute.py): what is computed
ahead is what every route, page and report then reads (nothing is computed again), and the
server computes them again when the graph changes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.queries.ahead import global_answers, precompute
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.shapes import Stats
from tests.support.api import TEST_GUARDS, auth, client, reference_store, reference_tables

#: every read of a global answer: the routes and the pages (the briefing reads the same
#: committee lists and map)
READS = [
    "/api/stats",
    "/api/chains",
    "/api/chains/poly",
    "/api/chains/textile",
    "/api/gaps",
    "/api/risk/single-source",
    "/api/targets/fill",
    "/api/targets/strengthen",
    "/api/targets/extend",
    "/api/kpis",
    "/api/analytics/centrality?measure=degree",
    "/api/analytics/centrality?measure=betweenness",
    "/api/analytics/pagerank",
    "/api/analytics/pagerank?limit=5&offset=5",
    "/api/analytics/communities",
    "/map",
    "/map?chain=poly",
    "/map?chain=textile",
    "/view/gaps",
    "/view/risk/single-source",
]


def _until(done: Callable[[], bool], what: str, seconds: float = 60.0) -> None:
    """Wait (not a timed assertion: a bound on a hang) until ``done()`` holds."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, f"still waiting for {what}"
        time.sleep(0.02)


def test_what_is_computed_ahead_is_what_every_reader_reads() -> None:
    store, cache = reference_store(), AnalyticsCache(64)
    done = precompute(cache, store, today=date.today())
    assert [name for name, _ in done] == [n for n, _ in global_answers(cache, store, date.today())]
    computed = cache.misses
    with client(store) as c:
        c.app.state.analytics = cache  # type: ignore[attr-defined]
        for url in READS:
            assert c.get(url, headers=auth("viewer")).status_code == 200, url
    assert cache.misses == computed, "a reader computed what was computed ahead"
    assert cache.hits >= len(READS)


def test_a_second_round_on_the_same_graph_computes_nothing() -> None:
    store, cache = reference_store(), AnalyticsCache(64)
    precompute(cache, store)
    computed = cache.misses
    precompute(cache, store)
    assert cache.misses == computed


def test_a_round_stops_when_told() -> None:
    store, cache = reference_store(), AnalyticsCache(64)
    stop = threading.Event()
    stop.set()
    assert precompute(cache, store, stop=stop) == []
    assert cache.misses == 0


class _Moving(MemoryStore):
    """A store written to while its headline figures are counted: a load during a round."""

    def stats(self, *, as_of: date | None = None) -> Stats:
        figures = super().stats(as_of=as_of)
        self.write_tables({Table.ENTERPRISES: [{"id": f"N{self.version()}", "name": "新增"}]})
        return figures


def test_a_round_stops_when_the_graph_moves_on() -> None:
    store, cache = _Moving(), AnalyticsCache(64)
    store.write_tables(reference_tables())
    done = precompute(cache, store)
    assert [name for name, _ in done] == ["stats"]  # the rest would be for an old graph


def test_the_server_computes_ahead_and_again_after_a_write() -> None:
    store = reference_store()
    guards = TEST_GUARDS.model_copy(update={"precompute": 0.02})
    with client(store, guards=guards) as c:
        app = c.app
        ahead = app.state.precompute  # type: ignore[attr-defined]
        _until(lambda: ahead.rounds >= 1, "the first round")
        cache = app.state.analytics  # type: ignore[attr-defined]
        computed = cache.misses
        assert c.get("/api/chains", headers=auth("viewer")).status_code == 200
        assert cache.misses == computed  # answered from what was computed ahead
        store.write_tables({Table.ENTERPRISES: [{"id": "E9", "name": "新增企业"}]})
        _until(lambda: ahead.rounds >= 2, "a round after the write")
        computed = cache.misses
        stats = c.get("/api/stats", headers=auth("viewer")).json()
        assert stats["enterprises"] == 8 and cache.misses == computed
    assert not ahead.running


def test_without_the_setting_nothing_runs_ahead() -> None:
    with client(MemoryStore()) as c:
        assert c.app.state.precompute is None  # type: ignore[attr-defined]
