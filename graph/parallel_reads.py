"""The chunks of one large read, read a few at once (``CHAINATLAS_PARALLEL_READS``).

A province's global answers read by chunks of ids (graph/neo4j_projections.py): a chain's
survey reads its 290,000 firms' supplies in 29 statements, and one statement runs on one of
the server's threads while the store waits for its record. Read one after another, a first
call at 1,000,000 firms kept one of the server's cores busy and the other idle
(docs/performance.md, "A chain's cover counted in the server; a large read's chunks at
once"). :class:`ParallelReads` keeps a few chunks in flight on threads of its own, each in a
transaction of its own, and gives the rows back in the chunks' order, so every answer is the
one the sequential read gives.

The store reads one chunk after another where its statements must share a transaction: in
a change set (they see its writes) and in a query's read block (``GraphStore.reading``).
"""

from __future__ import annotations

import os
import threading
import weakref
from collections import deque
from collections.abc import Callable, Generator, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from itertools import islice
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")

#: chunks in flight by default: the server runs each statement on one thread, and two keep
#: the 2-core machines of docs/performance.md busy while the store decodes what came back
DEFAULT_PARALLEL_READS = 2
PARALLEL_READS_VAR = "CHAINATLAS_PARALLEL_READS"


class ParallelReads:
    """Up to ``at_once`` calls of a read at a time, on threads started on first use."""

    def __init__(self, at_once: int = DEFAULT_PARALLEL_READS) -> None:
        if at_once < 1:
            raise ValueError(f"{PARALLEL_READS_VAR} must be at least 1, not {at_once}")
        self.at_once = at_once
        self._pool: ThreadPoolExecutor | None = None
        self._lock = threading.Lock()
        _LIVE.add(self)

    def map(self, read: Callable[[T], R], items: Sequence[T]) -> Generator[R, None, None]:
        """``read`` of each item, in the items' order. ``at_once`` reads run while the caller
        works on the row given it; a row waits only until the caller asks for it, so at most
        ``at_once`` rows are held besides. A read's error is raised where its row would be;
        if the caller stops early, no read is started after that (at most ``at_once`` were
        under way, and their rows are dropped)."""
        if self.at_once < 2 or len(items) < 2:
            yield from map(read, items)
            return
        pool = self._started()
        pending = iter(items)
        ahead: deque[Future[R]] = deque(
            pool.submit(read, item) for item in islice(pending, self.at_once)
        )
        while ahead:
            row = ahead.popleft().result()
            ahead.extend(pool.submit(read, item) for item in islice(pending, 1))
            yield row

    def _started(self) -> ThreadPoolExecutor:
        with self._lock:
            if self._pool is None:
                self._pool = ThreadPoolExecutor(self.at_once, thread_name_prefix="chunk-read")
            return self._pool

    def close(self) -> None:
        """Stop the threads (reads already started finish first)."""
        with self._lock:
            pool, self._pool = self._pool, None
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)


#: every pool, so that a forked child starts its own: the parent's threads are not in it,
#: and a pool that believes it has them would never run what it is given
_LIVE: weakref.WeakSet[ParallelReads] = weakref.WeakSet()


def _forget_in_child() -> None:
    for reads in list(_LIVE):
        reads._pool, reads._lock = None, threading.Lock()


os.register_at_fork(after_in_child=_forget_in_child)
