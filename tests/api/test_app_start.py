"""The app readies its store before the first request: the embedded graph built, and what is
loaded then kept out of the cyclic collector's full passes while the app runs."""

from __future__ import annotations

import gc
import warnings

import networkx as nx
import pytest
from starlette.exceptions import StarletteDeprecationWarning

from chainatlas.api.app import create_app
from chainatlas.graph import memory
from chainatlas.graph.memory_graph import Tables, build_graph
from chainatlas.loaders.stores import bundle_store
from tests.support import TEST_DATA
from tests.support.api import settings

with warnings.catch_warnings():
    # Starlette asks for httpx2 in place of httpx; the test client works with either
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


def test_the_embedded_store_builds_its_graph_at_start_not_in_the_first_request(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The derived graph takes ~9 s at 100,000 firms: the worker pays it before it listens."""
    built: list[int] = []

    def counted(tables: Tables) -> nx.MultiDiGraph:
        built.append(1)
        return build_graph(tables)

    monkeypatch.setattr(memory, "build_graph", counted)
    app = create_app(settings(anonymous=True), data=TEST_DATA / "good")
    with TestClient(app) as c:
        assert built == [1]
        assert (
            c.get("/api/paths/supply", params={"source": "E1", "target": "E3"}).status_code == 200
        )
        assert built == [1]  # the walk read the graph built at start


def test_a_store_handed_in_is_readied_at_start_too(monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve --data`` reads the bundle itself and hands the store in: its graph is built
    before the first request as well."""
    built: list[int] = []

    def counted(tables: Tables) -> nx.MultiDiGraph:
        built.append(1)
        return build_graph(tables)

    monkeypatch.setattr(memory, "build_graph", counted)
    app = create_app(settings(anonymous=True), bundle_store(TEST_DATA / "good"))
    with TestClient(app):
        assert built == [1]


def test_what_is_loaded_at_start_is_kept_from_the_collector_while_the_app_runs() -> None:
    """A full pass of the cyclic collector walks every object: at 100,000 firms embedded (7.9M)
    it cost a first profile 3.5 s. What the app holds at start is frozen, and let go when the
    app stops (a process that starts apps one after another keeps collecting their garbage)."""
    gc.unfreeze()
    app = create_app(settings(anonymous=True), data=TEST_DATA / "good")
    with TestClient(app):
        assert gc.get_freeze_count() > 0
    assert gc.get_freeze_count() == 0
