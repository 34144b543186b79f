"""Bounded work per caller: request rates, failed sign-ins, concurrent analyst queries.

Every limit answers 429 (problem ``too-many-requests``) with ``Retry-After`` in whole seconds.
A caller is who :func:`api.auth.principal` found: an API key (by its fingerprint, never the key;
a session counts as the key that signed in), or for anonymous readers the client's address.
The tables live in this process: behind several replicas each replica counts for itself (the
limits are per replica; docs/security.md).

>>> rates = RateLimiter(rate=1.0, burst=2)
>>> rates.clock = lambda: 0.0
>>> [rates.wait("k") for _ in range(3)]
[0.0, 0.0, 1.0]
"""

from __future__ import annotations

import math
import threading
import time
from collections import OrderedDict, deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import contextmanager
from typing import TypeVar

from chainatlas.api.problems import Problem

T = TypeVar("T")
#: callers remembered at most per table (the least recently seen are forgotten first)
MAX_CALLERS = 100_000
#: the window failed sign-ins are counted over
FAILURE_WINDOW_S = 60.0


def too_many(detail: str, retry_after: float) -> Problem:
    return Problem(
        "too-many-requests",
        detail,
        headers={"Retry-After": str(max(1, math.ceil(retry_after)))},
    )


class RateLimiter:
    """A token bucket per caller: ``rate`` requests per second, ``burst`` at once."""

    def __init__(self, rate: float, burst: int) -> None:
        self.rate = rate
        self.burst = burst
        self.clock: Callable[[], float] = time.monotonic
        self._lock = threading.Lock()
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def wait(self, caller: str) -> float:
        """Take one token: 0 when the request may go, else the seconds until it could."""
        if self.rate <= 0:
            return 0.0
        now = self.clock()
        with self._lock:
            tokens, then = self._buckets.pop(caller, (float(self.burst), now))
            tokens = min(float(self.burst), tokens + (now - then) * self.rate)
            wait = 0.0 if tokens >= 1 else (1 - tokens) / self.rate
            self._buckets[caller] = (tokens - 1 if wait == 0 else tokens, now)
            while len(self._buckets) > MAX_CALLERS:
                self._buckets.popitem(last=False)
        return wait

    def check(self, caller: str) -> None:
        wait = self.wait(caller)
        if wait:
            raise too_many(
                f"Too many requests: at most {self.rate:g} per second ({self.burst} at once).",
                wait,
            )


class FailureThrottle:
    """Failed sign-ins (and unknown keys) counted per client and per key tried: ``limit`` in
    :data:`FAILURE_WINDOW_S` seconds, then 429 until the oldest failure leaves the window."""

    def __init__(self, limit: int, window_s: float = FAILURE_WINDOW_S) -> None:
        self.limit = limit
        self.window_s = window_s
        self.clock: Callable[[], float] = time.monotonic
        self._lock = threading.Lock()
        self._failures: OrderedDict[str, deque[float]] = OrderedDict()

    def _recent(self, who: str, now: float) -> deque[float]:
        seen = self._failures.get(who) or deque()
        while seen and seen[0] <= now - self.window_s:
            seen.popleft()
        return seen

    def check(self, *who: str) -> None:
        """429 when any of ``who`` failed ``limit`` times within the window."""
        now = self.clock()
        with self._lock:
            waits = [
                seen[0] + self.window_s - now
                for w in who
                if len(seen := self._recent(w, now)) >= self.limit
            ]
        if waits:
            raise too_many(
                f"Too many failed sign-ins: at most {self.limit} per "
                f"{self.window_s:g} s from one client or for one key.",
                max(waits),
            )

    def fail(self, *who: str) -> None:
        now = self.clock()
        with self._lock:
            for w in who:
                seen = self._recent(w, now)
                seen.append(now)
                self._failures[w] = seen
                self._failures.move_to_end(w)
            while len(self._failures) > MAX_CALLERS:
                self._failures.popitem(last=False)


class CypherGate:
    """Analyst queries: at most ``per_key`` at once per caller, run on ``workers`` threads of
    their own (so they never take the threads that serve other routes), and no queue beyond
    one waiting query per worker. A slot is held until the store gives the query up, not
    merely until the caller stopped waiting for it."""

    def __init__(self, per_key: int, workers: int) -> None:
        self.per_key = per_key
        self.workers = workers
        self._lock = threading.Lock()
        self._running: dict[str, int] = {}
        self._total = 0
        self._pool = ThreadPoolExecutor(workers, thread_name_prefix="chainatlas-cypher")

    @contextmanager
    def _slot(self, caller: str) -> Iterator[None]:
        with self._lock:
            if self._running.get(caller, 0) >= self.per_key:
                raise too_many(
                    f"At most {self.per_key} analyst queries at once per key; wait for one "
                    "to finish.",
                    1,
                )
            if self._total >= 2 * self.workers:
                raise too_many("The server is running as many analyst queries as it can.", 1)
            self._running[caller] = self._running.get(caller, 0) + 1
            self._total += 1
        try:
            yield
        finally:
            with self._lock:
                self._total -= 1
                self._running[caller] -= 1
                if not self._running[caller]:
                    del self._running[caller]

    def submit(self, caller: str, work: Callable[[], T]) -> Future[T]:
        """Run ``work`` on the analyst threads, holding one of ``caller``'s slots until it
        ends or is cancelled before it started (429 when no slot is free)."""
        slot = self._slot(caller)
        slot.__enter__()
        future = self._pool.submit(work)
        future.add_done_callback(lambda _: slot.__exit__(None, None, None))
        return future

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)
