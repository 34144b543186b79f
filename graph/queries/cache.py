"""Answers about the whole graph, computed once per version of the graph and reused.

Centrality, the chains overview, gaps and single-source products read every firm or edge;
on 5,000 firms they take seconds to tens of seconds. :class:`AnalyticsCache` keys an answer by
the store's kind, :meth:`GraphStore.version` (which changes with every write, on both stores),
the day it is about (``as_of`` of a :func:`graph.dated.on_day` view) and the question's own
arguments; a write makes every earlier entry unreachable, and the least recently used fall out
past ``size``. Callers asking the same question at once wait for one computation.

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

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from chainatlas.graph.store import GraphStore

T = TypeVar("T")


class AnalyticsCache:
    """At most ``size`` answers (0: compute every time), by graph version."""

    def __init__(self, size: int) -> None:
        self.size = size
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
                value = compute()
                with self._lock:
                    self.misses += 1
                    self._entries[key] = value
                    while len(self._entries) > self.size:
                        self._entries.popitem(last=False)
            finally:  # an answer or an error (an unknown id): no gate is left behind
                with self._lock:
                    self._computing.pop(key, None)
        return value
