"""``/api/stats`` and ``/api/search`` on the reference network: the store's figures and the
search query's hits, paged."""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label
from chainatlas.graph.queries import search
from tests.support.api import TestClient, invalid, ok, page_ids, same


def test_stats(viewer: TestClient, store: MemoryStore) -> None:
    assert ok(viewer.get("/api/stats")) == store.stats()


def test_search_is_the_query_paged(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/search", params={"q": "p", "limit": 2, "offset": 1}))
    hits = same(search(store, "p", limit=500))
    assert body == {"total": len(hits), "limit": 2, "offset": 1, "items": hits[1:3]}


def test_search_by_kind(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/search", params={"q": "宁波", "kind": "enterprise"}))
    assert body["items"] == same(search(store, "宁波", kinds=[Label.ENTERPRISE], limit=500))
    assert [i["id"] for i in body["items"]] == ["E1", "E2"]


def test_search_finds_pinyin_initials(viewer: TestClient) -> None:
    assert page_ids(viewer.get("/api/search", params={"q": "jzqp"})) == ["pet"]


@pytest.mark.parametrize(
    "params, names",
    [
        ({}, ["q"]),
        ({"q": ""}, ["q"]),
        ({"q": "x" * 101}, ["q"]),
        ({"q": "pta", "kind": "chain"}, ["kind"]),
        ({"q": "pta", "limit": 0}, ["limit"]),
        ({"q": "pta", "limit": 501}, ["limit"]),
        ({"q": "pta", "offset": -1}, ["offset"]),
    ],
)
def test_search_bad_parameters(
    viewer: TestClient, params: dict[str, Any], names: list[str]
) -> None:
    invalid(viewer.get("/api/search", params=params), *names)
