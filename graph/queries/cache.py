"""Answers about the whole graph, computed once per version of the graph and reused.

Centrality, the chains overview, gaps and single-source products read every firm or edge;
on 5,000 firms they take seconds to tens of seconds. :class:`AnalyticsCache` keys an answer by
the store's kind, :meth:`GraphStore.version` (which changes with every write, on both stores),
the day it is about (``as_of`` of a :func:`graph.dated.on_day` view) and the question's own
arguments; a write makes every earlier entry unreachable, and the least recently used fall out
past ``size``. Callers asking the same question at once wait for one computation.

The worker processes of one server (``serve --workers``) share their answers through
:class:`SharedAnswers`, a directory of pickled answers named by key: a worker that finds an
answer there reads it instead of computing it, and one that must compute it holds a file lock
on its key meanwhile, so a global answer is computed once per version for all workers, not
once per worker (``CHAINATLAS_SHARED_CACHE``; ``serve --workers`` makes one for its run).

>>> from chainatlas.graph.memory import MemoryStore
>>> cache, calls = AnalyticsCache(8), []
>>> store = MemoryStore()
>>> def answer() -> int:
...     calls.append(1)
...     return len(calls)
>>> cache.get(store, "demo", (), answer), cache.get(store, "demo", (), answer)
(1, 1)
>>> store.clear()  # a write: a new version
>>> cache.get(store, "demo", (), answer)
2
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import os
import pickle
import tempfile
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import Any, TypeVar, cast

from chainatlas.graph.store import GraphStore

T = TypeVar("T")
W = TypeVar("W")


class SharedAnswers:
    """Answers kept in ``directory`` for every process given it, at most ``size`` of them
    (the least recently written go first). Only the processes of one server may share a
    directory: an answer is a pickle, which runs code as it is read."""

    def __init__(self, directory: Path, size: int) -> None:
        self.directory, self.size = directory, size

    def get(self, key: Hashable, compute: Callable[[], T]) -> T:
        """The answer stored under ``key``, else ``compute()``'s, stored (one process computes
        a key at a time; the others wait for it and read its answer)."""
        name = hashlib.sha256(repr(key).encode("utf-8")).hexdigest()[:32]
        answer = self.directory / f"{name}.pickle"
        with (self.directory / f"{name}.lock").open("a") as lock:
            fcntl.flock(lock, fcntl.LOCK_EX)
            try:
                with answer.open("rb") as fh:
                    return cast(T, pickle.load(fh))
            except FileNotFoundError:
                pass
            value = compute()
            fd, tmp = tempfile.mkstemp(dir=self.directory, suffix=".part")
            with os.fdopen(fd, "wb") as fh:
                pickle.dump(value, fh, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, answer)
        self._trim()
        return value

    def _trim(self) -> None:
        kept = sorted(self.directory.glob("*.pickle"), key=_written, reverse=True)
        for old in kept[self.size :]:
            with contextlib.suppress(FileNotFoundError):
                old.unlink()
                old.with_suffix(".lock").unlink()


def _written(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except FileNotFoundError:
        return 0.0


class AnalyticsCache:
    """At most ``size`` answers (0: compute every time), by graph version; through ``shared``
    when given (the answers of every worker of a server)."""

    def __init__(self, size: int, shared: Path | None = None) -> None:
        self.size = size
        self._shared = None if shared is None else SharedAnswers(shared, size)
        self._lock = threading.Lock()
        self._entries: OrderedDict[Hashable, Any] = OrderedDict()
        self._computing: dict[Hashable, threading.Lock] = {}
        #: answers served from the cache, and computed (for tests and the bench)
        self.hits = 0
        self.misses = 0

    def get(
        self, store: GraphStore, name: str, args: tuple[Hashable, ...], compute: Callable[[], T]
    ) -> T:
        """The answer of ``compute`` for ``name(args)`` on this version of ``store``."""
        if self.size <= 0:
            return compute()
        day = getattr(store, "as_of", None)  # a view of one day (graph.dated.DatedStore)
        key = (store.kind, store.version(), day, name, args)
        with self._lock:
            if key in self._entries:
                self._entries.move_to_end(key)
                self.hits += 1
                return self._entries[key]  # type: ignore[no-any-return]
            gate = self._computing.setdefault(key, threading.Lock())
        with gate:
            try:
                with self._lock:
                    if key in self._entries:
                        self.hits += 1
                        return self._entries[key]  # type: ignore[no-any-return]
                value = compute() if self._shared is None else self._shared.get(key, compute)
                with self._lock:
                    self.misses += 1
                    self._entries[key] = value
                    while len(self._entries) > self.size:
                        self._entries.popitem(last=False)
            finally:  # an answer or an error (an unknown id): no gate is left behind
                with self._lock:
                    self._computing.pop(key, None)
        return value

    def page(
        self,
        store: GraphStore,
        name: str,
        question: tuple[Hashable, ...],
        walk: Callable[[], W],
        draw: Callable[[W], T],
        window: tuple[Hashable, ...],
    ) -> T:
        """One page of a hub's answer (impact, tiers): the walk ``walk()`` kept as
        ``name(question)`` and the page ``draw(walk)`` as ``name_page(question, window)``, both
        per version of the graph, so a hub's pages walk once and a page asked again is not
        drawn again."""
        return self.get(
            store,
            f"{name}_page",
            (*question, *window),
            lambda: draw(self.get(store, name, question, walk)),
        )
