"""A read's dependencies run on the event loop: FastAPI runs a plain ``def`` dependency in
its thread pool, one hand-off there and back per dependency per request, so every dependency
is an ``async def`` that reads memory only (api/deps.py); :func:`api.deps.get_store` sends
the store's check to the pool only when there is one to make (a newer graph file to read, a
server that was down to ping)."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from chainatlas.api.app import create_app
from chainatlas.api.deps import StoreHolder
from chainatlas.graph.memory import MemoryStore
from tests.support.api import reference_store


def _routes(routes: list[Any]) -> Iterator[tuple[APIRoute, list[Callable[..., Any]]]]:
    """Every APIRoute with the dependencies its router was included with."""
    for r in routes:
        if isinstance(r, APIRoute):
            yield r, []
        inner = getattr(r, "original_router", None) or getattr(r, "app", None)
        context = getattr(r, "include_context", None)
        extra = [d.dependency for d in getattr(context, "dependencies", None) or ()]
        if inner is not None and hasattr(inner, "routes") and inner is not r:
            for route, deps in _routes(inner.routes):
                yield route, deps + extra


def _calls(dependant: Dependant) -> Iterator[Callable[..., Any]]:
    for sub in dependant.dependencies:
        yield from _calls(sub)
        if sub.call is not None:
            yield sub.call


def _blocking(call: Callable[..., Any]) -> bool:
    method = getattr(call, "__call__", None)  # noqa: B004  (security schemes are instances)
    return not (
        inspect.iscoroutinefunction(call)
        or inspect.isasyncgenfunction(call)  # a ``yield`` dependency (api.deps.read_lane)
        or inspect.iscoroutinefunction(method)
    )


def test_no_dependency_runs_in_the_thread_pool() -> None:
    app = create_app(store=reference_store())
    found = list(_routes(app.routes))
    api = [(r, extra) for r, extra in found if r.path.startswith("/api")]
    assert len(api) >= 20  # every router of api/app.py was walked
    hops = {
        f"{r.path}: {getattr(call, '__name__', call)}"
        for r, extra in api
        for call in [*_calls(r.dependant), *extra]
        if _blocking(call)
    }
    assert not hops, f"plain def dependencies (a thread-pool hop each per request): {hops}"


def test_the_walk_sees_a_plain_def_dependency() -> None:
    """The test above walks the real dependency tree: a route's own ``def`` dependency is
    found (so an empty answer there is not a walk that saw nothing)."""
    app = create_app(store=reference_store())
    route = next(r for r, _ in _routes(app.routes) if r.path == "/api/enterprises/{id}")
    assert {getattr(c, "__name__", "") for c in _calls(route.dependant)} >= {
        "get_store",
        "principal",
        "get_store_on_day",
    }
    plain = next(c for c in _calls(route.dependant) if getattr(c, "__name__", "") == "principal")
    assert not _blocking(plain) and _blocking(lambda: None)


def test_the_store_is_checked_in_the_pool_only_when_there_is_a_check(tmp_path: Path) -> None:
    store = MemoryStore()
    assert StoreHolder(store).settled() is store  # nothing to check: no hop
    assert StoreHolder(store, watch=tmp_path / "graph.json").settled() is None  # a file to stat
    down = StoreHolder(store)
    down.mark_down()
    assert down.settled() is None  # the ping, at most every recheck_s
