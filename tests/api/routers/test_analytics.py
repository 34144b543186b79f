"""``/api/analytics/...`` (routers/analytics.py): centrality, paged, and the graph export in
every format, whole, per chain or per query."""

from __future__ import annotations

import io
import zipfile
from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries import (
    centrality,
    chain_panorama,
    enterprise_profile,
    export_graph,
    gaps,
    impact,
    product_profile,
    single_source,
)
from chainatlas.graph.queries.network import communities, pagerank
from chainatlas.graph.shapes import Measure
from tests.support.api import TestClient, invalid, ok, same, unknown


@pytest.mark.parametrize("measure", ["degree", "betweenness"])
def test_centrality(viewer: TestClient, store: MemoryStore, measure: Measure) -> None:
    body = ok(
        viewer.get(
            "/api/analytics/centrality", params={"measure": measure, "limit": 3, "offset": 2}
        )
    )
    expected = same(centrality(store, measure=measure, limit=5))
    assert body == {
        "total": 7,
        "limit": 3,
        "offset": 2,
        "measure": measure,
        "items": expected["items"][2:5],
    }


def test_centrality_default_is_betweenness(viewer: TestClient) -> None:
    body = ok(viewer.get("/api/analytics/centrality"))
    assert body["measure"] == "betweenness" and body["items"][0]["id"] == "E3"


def test_centrality_bad_measure(viewer: TestClient) -> None:
    invalid(viewer.get("/api/analytics/centrality", params={"measure": "pagerank"}), "measure")


@pytest.mark.parametrize(
    "fmt, media, ext",
    [
        ("graphml", "application/graphml+xml", "graphml"),
        ("gexf", "application/gexf+xml", "gexf"),
        ("json", "application/json", "json"),
        ("csv", "application/zip", "zip"),
    ],
)
def test_export_whole_graph(
    viewer: TestClient, store: MemoryStore, fmt: str, media: str, ext: str
) -> None:
    answer = viewer.get("/api/export", params={"format": fmt})
    assert answer.status_code == 200
    assert answer.headers["content-type"].split(";")[0] == media
    assert answer.headers["content-disposition"] == f'attachment; filename="chainatlas.{ext}"'
    assert answer.content == export_graph(store, fmt)


def test_export_a_chain(viewer: TestClient, store: MemoryStore) -> None:
    answer = viewer.get("/api/export", params={"format": "csv", "query": "chain", "id": "poly"})
    assert answer.content == export_graph(
        store, "csv", graph=chain_panorama(store, "poly")["graph"]
    )
    assert 'filename="chainatlas-chain-poly.zip"' in answer.headers["content-disposition"]
    names = zipfile.ZipFile(io.BytesIO(answer.content)).namelist()
    assert names == ["nodes.csv", "edges.csv"]


@pytest.mark.parametrize(
    "query, id, answer",
    [
        ("enterprise", "E3", lambda s: enterprise_profile(s, "E3")),
        ("product", "pet", lambda s: product_profile(s, "pet")),
        ("impact", "E1", lambda s: impact(s, enterprise_id="E1")),
        ("gaps", None, lambda s: gaps(s, limit=1000)),
        ("single-source", None, lambda s: single_source(s, limit=1000)),
    ],
)
def test_export_a_query(
    viewer: TestClient, store: MemoryStore, query: str, id: str | None, answer: Any
) -> None:
    params = {"format": "json", "query": query} | ({"id": id} if id else {})
    got = viewer.get("/api/export", params=params)
    assert got.status_code == 200, got.text
    assert got.content == export_graph(store, "json", graph=answer(store)["graph"])


def test_export_unknown_id(viewer: TestClient) -> None:
    unknown(
        viewer.get("/api/export", params={"format": "json", "query": "chain", "id": "x"}),
        "Chain",
        "x",
    )


@pytest.mark.parametrize(
    "params, name",
    [
        ({}, "format"),
        ({"format": "xlsx"}, "format"),
        ({"format": "json", "query": "chain"}, "id"),
        ({"format": "json", "query": "tiers"}, "query"),
    ],
)
def test_export_bad_parameters(viewer: TestClient, params: dict[str, Any], name: str) -> None:
    invalid(viewer.get("/api/export", params=params), name)


def test_pagerank_pages_the_query(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/analytics/pagerank", params={"limit": 2, "offset": 1}))
    expected = same(pagerank(store, limit=3))
    assert body == {
        "total": 7,
        "limit": 2,
        "offset": 1,
        "ties": "all",
        "alpha": 0.85,
        "items": expected["items"][1:3],
    }
    supply = ok(viewer.get("/api/analytics/pagerank", params={"ties": "supply"}))
    assert supply["items"] == same(pagerank(store, ties="supply", limit=7))["items"]
    invalid(viewer.get("/api/analytics/pagerank", params={"ties": "trade"}), "ties")


def test_communities_pages_the_query(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/analytics/communities", params={"seed": 3, "resolution": 0.5}))
    expected = same(communities(store, seed=3, resolution=0.5, limit=50))
    assert body["items"] == expected["communities"]
    assert body["total"] == expected["total"] and body["modularity"] == expected["modularity"]
    assert (body["seed"], body["resolution"], body["ties"]) == (3, 0.5, "all")
    invalid(viewer.get("/api/analytics/communities", params={"resolution": 0}), "resolution")
