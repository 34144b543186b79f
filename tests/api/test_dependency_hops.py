"""A read's dependencies run on the event loop: FastAPI runs a plain ``def`` dependency in
its thread pool, one hand-off there and back per dependency per request, so those that only
read memory are ``async def`` (api/deps.py). :func:`api.deps.get_store` is the one that may
block (a newer graph file to read, a Neo4j server to ping) and stays in the pool."""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from typing import Any

from fastapi.dependencies.models import Dependant
from fastapi.routing import APIRoute

from chainatlas.api.app import create_app
from chainatlas.api.deps import get_store
from tests.support.api import reference_store

#: the dependencies that may block, with why
MAY_BLOCK = {get_store: "reloads a newer graph file, pings a Neo4j server that was down"}


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


def test_only_the_store_dependency_runs_in_the_thread_pool() -> None:
    app = create_app(store=reference_store())
    found = list(_routes(app.routes))
    api = [(r, extra) for r, extra in found if r.path.startswith("/api")]
    assert len(api) >= 20  # every router of api/app.py was walked
    hops = {
        f"{r.path}: {getattr(call, '__name__', call)}"
        for r, extra in api
        for call in [*_calls(r.dependant), *extra]
        if _blocking(call) and call not in MAY_BLOCK
    }
    assert not hops, f"plain def dependencies (a thread-pool hop each per request): {hops}"


def test_a_read_still_hops_for_the_store() -> None:
    """The test above walks the real dependency tree: it sees get_store, the one that blocks,
    beside the async ones."""
    app = create_app(store=reference_store())
    route = next(r for r, _ in _routes(app.routes) if r.path == "/api/enterprises/{id}")
    calls = list(_calls(route.dependant))
    assert [c for c in calls if _blocking(c)] == [get_store]
    assert {"principal", "get_store_on_day"} <= {getattr(c, "__name__", "") for c in calls}
