"""The server's global answers, computed ahead of their first reader after each change.

With ``CHAINATLAS_PRECOMPUTE=N`` (seconds; 0, the default, for never) a thread of each
worker process looks at the graph's version every N seconds, and at the day; when either has
changed since it last looked, it computes every global answer into the app's analytics cache
(:func:`graph.queries.ahead.precompute`): after a load at 1,000,000 firms the first visitor
of the map or the committee's pages is answered from the cache instead of waiting minutes.
The workers of one server share the cache's answers (``CHAINATLAS_SHARED_CACHE``), so one of
them computes each answer while the others wait for it and read it.

The thread takes the CPU a first visitor would have: on a small machine it slows the reads
served meanwhile (docs/performance.md). It never fails the server: a store that cannot be
reached, or an answer that fails, is logged and tried again at the next look.
"""

from __future__ import annotations

import logging
import threading
from datetime import date

from chainatlas.api.deps import StoreHolder
from chainatlas.graph.errors import StoreUnavailable
from chainatlas.graph.queries.ahead import precompute
from chainatlas.graph.queries.cache import AnalyticsCache

log = logging.getLogger("chainatlas.api.precompute")


class Precomputer:
    """Computes the global answers of ``holder``'s graph into ``cache`` whenever its version
    or the day changes, looking every ``every`` seconds, until :meth:`stop`."""

    def __init__(self, holder: StoreHolder, cache: AnalyticsCache, every: float) -> None:
        self.holder, self.cache, self.every = holder, cache, every
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, name="chainatlas-precompute", daemon=True)
        #: (version, day) of the graph last computed ahead, and how often it was
        self.computed: tuple[str, date] | None = None
        self.rounds = 0

    def start(self) -> Precomputer:
        self._thread.start()
        return self

    @property
    def running(self) -> bool:
        return self._thread.is_alive()

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)  # an answer under way ends with the process

    def _run(self) -> None:
        while not self._stop.is_set():
            self._look()
            self._stop.wait(self.every)

    def _look(self) -> None:
        try:
            store = self.holder.check()
            now = (store.version(), date.today())
            if now == self.computed:
                return
            done = precompute(self.cache, store, today=now[1], stop=self._stop)
            if store.version() == now[0] and not self._stop.is_set():
                self.computed = now
                self.rounds += 1
            spent = sum(s for _, s in done)
            each = ", ".join(f"{name} {s:.1f} s" for name, s in done)
            log.info("computed %d global answers ahead in %.1f s (%s)", len(done), spent, each)
        except StoreUnavailable as e:
            log.warning("no global answers computed ahead: the store is unreachable (%s)", e)
        except Exception:  # an answer that fails must not end the thread
            log.exception("computing the global answers ahead failed; trying again later")
