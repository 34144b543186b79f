"""What routes depend on: the settings, the store (through its holder), shared parameters.

The app holds one store for the process in a :class:`StoreHolder`. When the store cannot be
reached (Neo4j down at start or later), the holder remembers it and answers 503 at once,
checking again at most every :attr:`StoreHolder.recheck_s` seconds with a ``ping``; the first
ping that succeeds puts the store back in service. No request waits on a dead server for more
than one connection timeout, and only one request at a time spends it.

A dependency that only reads memory (the request, the app's state, a query parameter) is an
``async def``: FastAPI runs a plain ``def`` dependency in its thread pool, and each such hop
costs a request a hand-off to a worker thread and back (the GIL and the event loop's wake-up
pipe twice): a read had seven (docs/performance.md, "A request's hops, read lanes"). None of
them may block; :func:`get_store`, which may (a newer graph file to read, a server that was
down to ping), stays a ``def``.
"""

from __future__ import annotations

import asyncio
import re
import threading
import time
import weakref
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager, nullcontext
from datetime import date
from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import Depends, Path, Query, Request
from fastapi.dependencies.models import Dependant
from fastapi.exceptions import RequestValidationError
from fastapi.routing import APIRoute
from pydantic import BeforeValidator

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import StoreUnavailable
from chainatlas.graph.queries import window
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.settings import Settings
from chainatlas.graph.store import GraphStore
from chainatlas.graph.stores import write_guard
from chainatlas.graph.vocab import ID_PATTERN as ID_PATTERN  # the id rule; routers take it here

MAX_LIMIT = 500
DEFAULT_LIMIT = 50


class StoreHolder:
    """The process's store, whether it answers, and how loads reach it.

    ``persist``: loads are saved to the data directory (``GraphStore.commit``); false for a
    store the caller handed in (``--data``, the demo, tests). ``stand_in``: the store is the
    demo shown while the data directory holds no graph yet, so a load starts from empty
    instead of writing into the demo.
    """

    recheck_s = 1.0

    def __init__(
        self,
        store: GraphStore,
        *,
        owned: bool = False,
        persist: bool = False,
        stand_in: bool = False,
        watch: FilePath | None = None,
    ) -> None:
        self.store = store
        self.owned = owned
        self.persist = persist
        self.stand_in = stand_in
        #: the embedded graph's file: a newer one saved by another process (a CLI load) is
        #: read and served on the next request (:meth:`refresh`)
        self.watch = watch
        self._refresh_lock = threading.Lock()
        #: one load at a time
        self.write_lock = threading.Lock()
        #: why loads are refused here (several workers each serving a copy of one bundle)
        self.frozen: str | None = None
        self._probe_lock = threading.Lock()
        self._down = False
        self._checked = 0.0
        #: what the last failed :meth:`probe` was told
        self.why_down = ""

    def mark_down(self) -> None:
        self._down = True
        self._checked = time.monotonic()

    def refresh(self, *, wait: bool = False) -> None:
        """Serve the graph another process saved to :attr:`watch` since ours was read (one
        ``stat`` when nothing changed; a request finding another one reloading keeps the old
        graph unless it must ``wait``, as a write does)."""
        if self.watch is None or not self._refresh_lock.acquire(blocking=wait):
            return
        try:
            newer = self.store.reload(self.watch)
            if newer is not None:
                self.replace(newer)
        finally:
            self._refresh_lock.release()

    def check(self) -> GraphStore:
        """The store, or :class:`StoreUnavailable` at once while it is known to be down."""
        if not self._down:
            self.refresh()
            return self.store
        if time.monotonic() - self._checked < self.recheck_s or not self._probe_lock.acquire(
            blocking=False
        ):
            raise StoreUnavailable("the store was unreachable moments ago")
        try:
            self._checked = time.monotonic()
            self.store.ping()
            self._down = False
        finally:
            self._probe_lock.release()
        return self.store

    def probe(self) -> bool:
        """Ping now (the health route); remember the answer, and why the store is down."""
        try:
            self.store.ping()
        except StoreUnavailable as e:
            self.mark_down()
            self.why_down = str(e)
            return False
        self._down = False
        return True

    def replace(self, store: GraphStore) -> None:
        """Serve ``store`` from now on (an embedded load swaps in the graph it wrote)."""
        old, self.store, self.stand_in = self.store, store, False
        if self.owned and old is not store:
            old.close()

    @contextmanager
    def writing(self, settings: Settings) -> Iterator[GraphStore]:
        """Hold while a route writes a change set: one write at a time in this process, the
        embedded graph's file lock against other processes, and the newest saved graph as
        the start; yields :meth:`load_target`. Commit and :meth:`replace` inside."""
        with self.write_lock, write_guard(settings) if self.persist else nullcontext():
            self.refresh(wait=True)
            yield self.load_target()

    def load_target(self) -> GraphStore:
        """The store a load writes into (:meth:`GraphStore.staging`): Neo4j itself, or a copy
        of the embedded graph, so readers keep the old graph until the load succeeded; then
        :meth:`replace` swaps the copy in.
        """
        return self.check().staging(empty=self.stand_in)


async def get_holder(request: Request) -> StoreHolder:
    holder: StoreHolder = request.app.state.store_holder
    return holder


def get_store(holder: Annotated[StoreHolder, Depends(get_holder)]) -> GraphStore:
    """The store, checked in the thread pool: it may read a newer graph file or ping a Neo4j
    server that was down. (Handing it over on the event loop when there was nothing to check
    saved a hop but lengthened the tail of the slower reads: docs/performance.md, "A
    request's hops, read lanes".)"""
    return holder.check()


_cache_lock = threading.Lock()


async def get_analytics(request: Request) -> AnalyticsCache:
    return app_analytics(request.app.state)


def app_analytics(state: Any) -> AnalyticsCache:
    """The app's cache of global analytics (made on first use; ``CHAINATLAS_ANALYTICS_CACHE``
    entries, shared with the server's other workers through ``CHAINATLAS_SHARED_CACHE``):
    what the routes read and the answers computed ahead are kept in (api/precompute.py)."""
    found: AnalyticsCache | None = getattr(state, "analytics", None)
    if found is None:
        with _cache_lock:
            found = getattr(state, "analytics", None)
            if found is None:
                guards = state.settings.guards
                found = AnalyticsCache(guards.analytics_cache, guards.shared_cache)
                state.analytics = found
    return found


async def get_app_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


Store = Annotated[GraphStore, Depends(get_store)]


async def read_lane(request: Request) -> AsyncIterator[None]:
    """Hold one of the process's read lanes (``CHAINATLAS_READ_LANES``, graph/guards.py; none
    by default) while a local read's function runs, waiting in order of arrival: with one lane
    on the embedded store eight clients' reads each wait for those ahead instead of all taking
    turns under the interpreter lock and finishing together (docs/performance.md, "A request's
    hops, read lanes"). Its answer is checked and sent outside the lane."""
    lane = _lane(request)
    if lane is None:
        yield
        return
    async with lane:
        yield


def _lane(request: Request) -> asyncio.Semaphore | None:
    state = request.app.state
    lanes = getattr(state, "read_lanes", None)
    if lanes is None:
        count = state.settings.guards.read_lanes
        per_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, asyncio.Semaphore]
        per_loop = weakref.WeakKeyDictionary()
        lanes = state.read_lanes = (count, per_loop)
    count, per_loop = lanes
    if not count:
        return None
    loop = asyncio.get_running_loop()  # a semaphore belongs to one event loop
    found: asyncio.Semaphore | None = per_loop.get(loop)
    if found is None:
        found = per_loop[loop] = asyncio.Semaphore(count)
    return found


#: on a local read's route (search, profiles, matchmaking, paths, tiers, impact)
LOCAL_READ = Depends(read_lane, scope="function")

AS_OF_HELP = (
    "The day the answer is about (YYYY-MM-DD): only supplies, cooperations, produces and "
    "needs that hold that day count (since <= as_of < until), and only firms in the map "
    "that day (founded or joined, not closed nor left). Default: today."
)


def _iso_day(value: object) -> object:
    """Only ``YYYY-MM-DD`` is a day (pydantic would also read ``0`` as 1970-01-01)."""
    if isinstance(value, str) and not _ISO_DAY.fullmatch(value):
        raise ValueError("a day is YYYY-MM-DD")
    return value


_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: put on a ``date`` query parameter: only ``YYYY-MM-DD`` reads as a day
IsoDay = BeforeValidator(_iso_day)


def _form_day(value: object) -> object:
    """A form's date field left empty is no day; anything else must be ``YYYY-MM-DD``."""
    return None if value == "" else _iso_day(value)


#: put on a ``date | None`` query parameter a page's form sends (empty: none)
FormDay = BeforeValidator(_form_day)


async def get_as_of(
    as_of: Annotated[
        date | None,
        BeforeValidator(_iso_day),
        Query(description=AS_OF_HELP, examples=["2026-06-30"]),
    ] = None,
) -> date:
    """The ``as_of`` query parameter, today when it is absent (a malformed day is a 422)."""
    return date.today() if as_of is None else as_of


async def get_store_on_day(store: Store, as_of: Annotated[date, Depends(get_as_of)]) -> GraphStore:
    return on_day(store, as_of)


#: the store as it stood on the request's ``as_of`` day (routes about current facts)
StoreOnDay = Annotated[GraphStore, Depends(get_store_on_day)]
Holder = Annotated[StoreHolder, Depends(get_holder)]
AppSettings = Annotated[Settings, Depends(get_app_settings)]
Analytics = Annotated[AnalyticsCache, Depends(get_analytics)]

PathId = Annotated[str, Path(pattern=ID_PATTERN, description=f"An id: `{ID_PATTERN}`.")]


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"Items per page (1–{MAX_LIMIT}).")]
Offset = Annotated[int, Query(ge=0, le=1_000_000, description="Items to skip.")]
#: one page of a hub's answer (a profile's trading partners, tiers, impact): graph/queries/window
HUB_LIMIT, HUB_MAX = window.DEFAULT_LIMIT, window.MAX_LIMIT
HubLimit = Annotated[
    int,
    Query(
        ge=1,
        le=HUB_MAX,
        description=f"Items per list at most (1–{HUB_MAX}); `total` or `totals` count them all"
        " and `next` is the next page's offset (null on the last page).",
    ),
]


# -- unknown query parameters -------------------------------------------------------------------
def _query_names(dependant: Dependant) -> frozenset[str]:
    """Every query parameter a route takes, its dependencies' included (by the name sent)."""
    names = {p.alias for p in dependant.query_params}
    for sub in dependant.dependencies:
        names |= _query_names(sub)
    return frozenset(names)


async def known_query(request: Request) -> None:
    """Refuse a query parameter the route does not take (``?chian=`` for ``?chain=``) with a
    422 ``validation`` problem naming it, instead of answering as if it were not sent.

    The app adds this to every ``/api`` route (one mechanism); the pages under ``/`` keep
    ignoring parameters they do not know, so a shared link with extras still opens.
    """
    route = request.scope.get("route")
    if not isinstance(route, APIRoute):
        return
    known = _query_names(route.dependant)
    unknown = sorted(set(request.query_params) - known)
    if unknown:
        takes = ", ".join(sorted(known)) or "none"
        raise RequestValidationError(
            [
                {
                    "loc": ("query", name),
                    "msg": f"Unknown query parameter; this route takes: {takes}",
                    "type": "extra_forbidden",
                }
                for name in unknown
            ]
        )
