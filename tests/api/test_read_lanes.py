"""Read lanes (api.deps.read_lane, ``CHAINATLAS_READ_LANES``): with one lane the local reads
run one at a time in order of arrival; with no bound (the default) they run at once; the other
routes never wait for a lane."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import Any

import pytest

from chainatlas.graph.guards import Guards
from chainatlas.graph.memory import MemoryStore
from tests.support.api import TEST_GUARDS, TestClient, client, reference_store

SEARCH = "/api/search?q=E"


class Watched:
    """Wraps a store method: how many calls were inside it at once, at most; each call runs
    ``inside`` first."""

    def __init__(self, method: Callable[..., Any], inside: Callable[[], object]) -> None:
        self.method, self.inside = method, inside
        self.now = self.most = 0
        self.lock = threading.Lock()

    def __call__(self, *args: Any, **kw: Any) -> Any:
        with self.lock:
            self.now += 1
            self.most = max(self.most, self.now)
        try:
            self.inside()
            return self.method(*args, **kw)
        finally:
            with self.lock:
                self.now -= 1


def _serving(store: MemoryStore, lanes: int | None) -> Iterator[TestClient]:
    guards = TEST_GUARDS if lanes is None else TEST_GUARDS.model_copy(update={"read_lanes": lanes})
    with client(store, anonymous=True, guards=guards) as c:
        yield c


def _at_once(c: TestClient, paths: list[str]) -> list[int]:
    with ThreadPoolExecutor(len(paths)) as pool:
        return [r.status_code for r in pool.map(c.get, paths)]


@pytest.mark.parametrize("lanes", [1, 2])
def test_local_reads_run_as_many_at_once_as_there_are_lanes(lanes: int) -> None:
    store = reference_store()
    watched = Watched(store.search_candidates, lambda: threading.Event().wait(0.05))
    store.search_candidates = watched  # type: ignore[method-assign]
    for c in _serving(store, lanes):
        assert _at_once(c, [SEARCH] * 6) == [200] * 6
    assert 1 <= watched.most <= lanes


def test_without_a_bound_reads_run_at_once() -> None:
    """Two searches must be inside the store together to pass the barrier: with one lane
    the first would wait for a second that waits for the lane, and time out (500)."""
    store = reference_store()
    together = threading.Barrier(2, timeout=10)
    store.search_candidates = Watched(store.search_candidates, together.wait)  # type: ignore[method-assign]
    for c in _serving(store, None):  # the default: no bound
        assert _at_once(c, [SEARCH] * 2) == [200, 200]


@pytest.mark.parametrize("other", ["/api/health", "/api/chains", "/api/risk/single-source"])
def test_only_local_reads_wait_for_the_lane(other: str) -> None:
    store = reference_store()
    release, entered = threading.Event(), threading.Event()

    def hold() -> None:
        entered.set()
        assert release.wait(10)

    store.search_candidates = Watched(store.search_candidates, hold)  # type: ignore[method-assign]
    for c in _serving(store, 1):
        with ThreadPoolExecutor(1) as pool:
            held = pool.submit(c.get, SEARCH)
            assert entered.wait(10)  # the search holds the only lane
            assert c.get(other).status_code == 200
            release.set()
            assert held.result().status_code == 200


def test_no_bound_by_default() -> None:
    assert Guards(_env_file=None).read_lanes == 0  # type: ignore[call-arg]
