"""Every read route against the reference network: the answer is the query function's own
(the API adds paging and access rules, no logic), unknown ids are 404 problems naming the id,
bad parameters are 422 problems.

Hand-worked facts used here are in tests/reference.py; the one gap is added below.
"""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Iterator
from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.graph.queries import (
    MatchWeights,
    centrality,
    chain_list,
    chain_panorama,
    enterprise_profile,
    export_graph,
    gaps,
    impact,
    match_buyers,
    match_suppliers,
    product_profile,
    product_routes,
    search,
    single_source,
    supply_paths,
    tiers,
)
from chainatlas.graph.queries.centrality import Measure
from chainatlas.graph.queries.paths import Direction
from tests.support.api import (
    CONTACT,
    TestClient,
    assert_problem,
    auth,
    client,
    reference_tables,
)

#: a catalyst 丙化纤 (E3) needs and nobody in the map makes: the one gap (补链 target)
CATALYST = {
    "id": "sb2o3",
    "name": "三氧化二锑",
    "name_en": "Antimony trioxide",
    "cas": "1309-64-4",
    "unit": "t",
    "chain_id": "poly",
    "stage": "上游",
}


def make_store() -> MemoryStore:
    tables = reference_tables()
    tables[Table.PRODUCTS].append(CATALYST)
    tables[Table.NEEDS].append(
        {"enterprise_id": "E3", "product_id": "sb2o3", "annual_demand": 40, "unit": "t"}
    )
    store = MemoryStore()
    store.write_tables(tables)
    return store


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return make_store()


@pytest.fixture(scope="module")
def viewer(store: MemoryStore) -> Iterator[TestClient]:
    with client(store) as c:
        c.headers.update(auth("viewer"))
        yield c


@pytest.fixture(scope="module")
def analyst(store: MemoryStore) -> Iterator[TestClient]:
    with client(store) as c:
        c.headers.update(auth("analyst"))
        yield c


def same(answer: Any) -> Any:
    """``answer`` as it looks after a trip through JSON."""
    return json.loads(json.dumps(answer, ensure_ascii=False))


def ok(response: Any) -> Any:
    assert response.status_code == 200, response.text
    return response.json()


def unknown(response: Any, kind: str, id: str) -> None:
    body = assert_problem(response, 404, "unknown-entity")
    assert body["entity"] == {"kind": kind, "id": id}
    assert repr(id) in body["detail"]


def invalid(response: Any, *names: str) -> None:
    body = assert_problem(response, 422, "validation")
    assert set(names) <= {e["name"] for e in body["errors"]}, body


def page_ids(response: Any) -> list[str]:
    return [i["id"] for i in ok(response)["items"]]


# -- stats, search -------------------------------------------------------------------------------
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


# -- enterprises ---------------------------------------------------------------------------------
def test_enterprise_list(viewer: TestClient) -> None:
    body = ok(viewer.get("/api/enterprises"))
    assert (body["total"], body["limit"], body["offset"]) == (7, 50, 0)
    assert [i["id"] for i in body["items"]] == ["E1", "E2", "E3", "E4", "E5", "E6", "E7"]
    assert not {"search_text", "pinyin", "initials"} & set(body["items"][0])


@pytest.mark.parametrize(
    "params, ids",
    [
        ({"region": "keqiao"}, ["E4", "E5"]),
        ({"chain": "poly"}, ["E1", "E2", "E3", "E7"]),
        ({"stage": "中游"}, ["E3", "E4", "E6", "E7"]),
        ({"stage": "midstream"}, ["E3", "E4", "E6", "E7"]),
        ({"region": "shangyu", "chain": "poly", "stage": "midstream"}, ["E3", "E7"]),
        ({"limit": 2, "offset": 5}, ["E6", "E7"]),
        ({"offset": 7}, []),
    ],
)
def test_enterprise_list_filters_and_pages(
    viewer: TestClient, params: dict[str, Any], ids: list[str]
) -> None:
    assert page_ids(viewer.get("/api/enterprises", params=params)) == ids


def test_enterprise_list_total_counts_every_match(viewer: TestClient) -> None:
    assert ok(viewer.get("/api/enterprises", params={"chain": "poly", "limit": 1}))["total"] == 4


@pytest.mark.parametrize("param, kind", [("region", "Region"), ("chain", "Chain")])
def test_enterprise_list_unknown_filter(viewer: TestClient, param: str, kind: str) -> None:
    unknown(viewer.get("/api/enterprises", params={param: "atlantis"}), kind, "atlantis")


@pytest.mark.parametrize(
    "params, name",
    [
        ({"stage": "top"}, "stage"),
        ({"region": "a/b"}, "region"),
        ({"limit": 501}, "limit"),
    ],
)
def test_enterprise_list_bad_parameters(
    viewer: TestClient, params: dict[str, Any], name: str
) -> None:
    invalid(viewer.get("/api/enterprises", params=params), name)


def test_enterprise_profile(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/enterprises/E3"))
    assert body == same(enterprise_profile(store, "E3", contacts=False))


def test_enterprise_profile_with_contacts_for_analyst(
    analyst: TestClient, store: MemoryStore
) -> None:
    body = ok(analyst.get("/api/enterprises/E3"))
    assert body == same(enterprise_profile(store, "E3", contacts=True))
    assert CONTACT.items() <= body["enterprise"].items()


def test_enterprise_profile_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/enterprises/E9"), "Enterprise", "E9")


@pytest.mark.parametrize("bad", ["E%20X", "E%E4%B8%80", "x" * 65])
def test_enterprise_profile_bad_id(viewer: TestClient, bad: str) -> None:
    invalid(viewer.get(f"/api/enterprises/{bad}"), "id")


@pytest.mark.parametrize("side", ["suppliers", "customers"])
def test_trade_partners(viewer: TestClient, store: MemoryStore, side: str) -> None:
    body = ok(viewer.get(f"/api/enterprises/E5/{side}"))
    items = same(getattr(store, side)("E5"))
    assert body == {"total": len(items), "limit": 50, "offset": 0, "items": items}


def test_suppliers_paged(viewer: TestClient) -> None:
    body = ok(viewer.get("/api/enterprises/E3/suppliers", params={"limit": 1, "offset": 1}))
    assert (body["total"], [(i["id"], i["product_id"]) for i in body["items"]]) == (
        2,
        [("E1", "pta")],
    )


@pytest.mark.parametrize("side", ["suppliers", "customers", "tiers"])
def test_enterprise_subroutes_unknown(viewer: TestClient, side: str) -> None:
    unknown(viewer.get(f"/api/enterprises/nope/{side}"), "Enterprise", "nope")


@pytest.mark.parametrize("direction", ["upstream", "downstream"])
def test_enterprise_tiers(viewer: TestClient, store: MemoryStore, direction: Direction) -> None:
    body = ok(viewer.get("/api/enterprises/E4/tiers", params={"direction": direction, "depth": 2}))
    assert body == same(tiers(store, Label.ENTERPRISE, "E4", direction=direction, depth=2))


def test_enterprise_tiers_default_upstream(viewer: TestClient) -> None:
    nodes = ok(viewer.get("/api/enterprises/E5/tiers"))["nodes"]
    assert [(n["tier"], n["id"]) for n in nodes] == [
        (1, "E4"),
        (1, "E6"),
        (2, "E3"),
        (3, "E1"),
        (3, "E2"),
    ]


@pytest.mark.parametrize(
    "params, name",
    [
        ({"direction": "sideways"}, "direction"),
        ({"depth": 0}, "depth"),
        ({"depth": 11}, "depth"),
    ],
)
def test_tiers_bad_parameters(viewer: TestClient, params: dict[str, Any], name: str) -> None:
    invalid(viewer.get("/api/enterprises/E4/tiers", params=params), name)
    invalid(viewer.get("/api/products/pet/tiers", params=params), name)


# -- products ------------------------------------------------------------------------------------
def test_product_list(viewer: TestClient) -> None:
    assert page_ids(viewer.get("/api/products")) == [
        "dye",
        "fabric",
        "meg",
        "pet",
        "pta",
        "px",
        "sb2o3",
        "yarn",
    ]


def test_product_list_filters(viewer: TestClient) -> None:
    got = page_ids(viewer.get("/api/products", params={"chain": "textile", "stage": "中游"}))
    assert got == ["dye", "yarn"]


def test_product_list_unknown_chain(viewer: TestClient) -> None:
    unknown(viewer.get("/api/products", params={"chain": "nope"}), "Chain", "nope")


def test_product_profile(viewer: TestClient, store: MemoryStore) -> None:
    assert ok(viewer.get("/api/products/pet")) == same(product_profile(store, "pet"))


def test_product_profile_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/products/unobtainium"), "Product", "unobtainium")


def test_product_tiers(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/products/fabric/tiers", params={"depth": 4}))
    assert body == same(tiers(store, Label.PRODUCT, "fabric", direction="upstream", depth=4))


def test_product_tiers_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/products/nope/tiers"), "Product", "nope")


# -- match ---------------------------------------------------------------------------------------
def test_match_suppliers(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/match/suppliers", params={"enterprise": "E4"}))
    assert body == same(match_suppliers(store, "E4"))
    assert [c["id"] for c in body["candidates"]] == ["E3"]


def test_match_weights_come_from_settings(store: MemoryStore) -> None:
    weights = MatchWeights(
        region=1.0, capacity=0, trade=0, chain=0, cooperation=0, shared_partners=0
    )
    with client(store, match_weights=weights) as c:
        body = ok(
            c.get("/api/match/suppliers", params={"enterprise": "E4"}, headers=auth("viewer"))
        )
    assert body == same(match_suppliers(store, "E4", weights=weights))
    assert body != same(match_suppliers(store, "E4"))


def test_match_suppliers_options(viewer: TestClient, store: MemoryStore) -> None:
    params = {
        "enterprise": "E3",
        "product": "pta",
        "region": "ningbo",
        "exclude_current": "true",
        "limit": 5,
    }
    body = ok(viewer.get("/api/match/suppliers", params=params))
    assert body == same(
        match_suppliers(
            store, "E3", product_id="pta", region="ningbo", exclude_current=True, limit=5
        )
    )


def test_match_buyers(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/match/buyers", params={"enterprise": "E7", "limit": 3}))
    assert body == same(match_buyers(store, "E7", limit=3))
    assert [c["id"] for c in body["candidates"]] == []


def test_match_buyers_finds_new_customers(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/match/buyers", params={"enterprise": "E1"}))
    assert [(c["id"], c["product_id"]) for c in body["candidates"]] == [("E3", "pta")]


@pytest.mark.parametrize("side", ["suppliers", "buyers"])
@pytest.mark.parametrize(
    "params, kind, id",
    [
        ({"enterprise": "E99"}, "Enterprise", "E99"),
        ({"enterprise": "E3", "product": "gold"}, "Product", "gold"),
        ({"enterprise": "E3", "region": "mars"}, "Region", "mars"),
    ],
)
def test_match_unknown(
    viewer: TestClient, side: str, params: dict[str, str], kind: str, id: str
) -> None:
    unknown(viewer.get(f"/api/match/{side}", params=params), kind, id)


@pytest.mark.parametrize("side", ["suppliers", "buyers"])
@pytest.mark.parametrize(
    "params, name",
    [
        ({}, "enterprise"),
        ({"enterprise": "E3", "limit": 101}, "limit"),
        ({"enterprise": "E3", "exclude_current": "maybe"}, "exclude_current"),
    ],
)
def test_match_bad_parameters(
    viewer: TestClient, side: str, params: dict[str, Any], name: str
) -> None:
    invalid(viewer.get(f"/api/match/{side}", params=params), name)


# -- paths ---------------------------------------------------------------------------------------
def test_supply_paths(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/paths/supply", params={"source": "E1", "target": "E5"}))
    assert body == same(supply_paths(store, "E1", "E5"))
    assert [p["nodes"] for p in body["paths"]] == [["E1", "E3", "E4", "E5"]]


def test_supply_paths_options(viewer: TestClient, store: MemoryStore) -> None:
    params = {"source": "E2", "target": "E4", "k": 1, "max_hops": 2}
    body = ok(viewer.get("/api/paths/supply", params=params))
    assert body == same(supply_paths(store, "E2", "E4", k=1, max_hops=2))


def test_supply_paths_none(viewer: TestClient) -> None:
    body = assert_problem(
        viewer.get("/api/paths/supply", params={"source": "E1", "target": "E5", "max_hops": 2}),
        404,
        "no-path",
    )
    assert (body["source"], body["target"]) == ("E1", "E5")


def test_supply_paths_unknown(viewer: TestClient) -> None:
    unknown(
        viewer.get("/api/paths/supply", params={"source": "E1", "target": "E0"}), "Enterprise", "E0"
    )


def test_product_routes(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/paths/route", params={"source": "px", "target": "fabric"}))
    assert body == same(product_routes(store, "px", "fabric"))
    assert [r["nodes"] for r in body["routes"]] == [["px", "pta", "pet", "yarn", "fabric"]]


def test_product_routes_none(viewer: TestClient) -> None:
    assert_problem(
        viewer.get("/api/paths/route", params={"source": "fabric", "target": "px"}), 404, "no-path"
    )


def test_product_routes_unknown(viewer: TestClient) -> None:
    unknown(
        viewer.get("/api/paths/route", params={"source": "px", "target": "gold"}), "Product", "gold"
    )


@pytest.mark.parametrize("kind", ["supply", "route"])
@pytest.mark.parametrize(
    "params, name",
    [
        ({"source": "E1"}, "target"),
        ({"source": "E1", "target": "E5", "k": 0}, "k"),
        ({"source": "E1", "target": "E5", "max_hops": 7}, "max_hops"),
        ({"source": "E 1", "target": "E5"}, "source"),
    ],
)
def test_paths_bad_parameters(
    viewer: TestClient, kind: str, params: dict[str, Any], name: str
) -> None:
    invalid(viewer.get(f"/api/paths/{kind}", params=params), name)


def test_path_to_itself_is_refused_by_the_query(viewer: TestClient) -> None:
    body = assert_problem(
        viewer.get("/api/paths/supply", params={"source": "E1", "target": "E1"}), 422, "validation"
    )
    assert "same" in body["detail"]


# -- chains, gaps, risk --------------------------------------------------------------------------
def test_chains(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/chains"))
    assert body == {"total": 2, "limit": 50, "offset": 0, "items": same(chain_list(store))}


def test_chain_panorama(viewer: TestClient, store: MemoryStore) -> None:
    assert ok(viewer.get("/api/chains/textile")) == same(chain_panorama(store, "textile"))


def test_chain_unknown(viewer: TestClient) -> None:
    unknown(viewer.get("/api/chains/metals"), "Chain", "metals")


def test_gaps(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/gaps"))
    expected = same(gaps(store, limit=50)["gaps"])
    assert body["total"] == 1
    assert body["items"] == [{"id": g["product_id"], **g} for g in expected]
    assert body["items"][0]["id"] == "sb2o3"


def test_gaps_past_the_end(viewer: TestClient) -> None:
    assert ok(viewer.get("/api/gaps", params={"offset": 1})) == {
        "total": 1,
        "limit": 50,
        "offset": 1,
        "items": [],
    }


def test_single_source(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/risk/single-source", params={"limit": 2, "offset": 1}))
    expected = same(single_source(store, limit=3))
    assert body["total"] == expected["total"] == 5
    assert body["items"] == [{"id": p["product_id"], **p} for p in expected["products"][1:3]]


@pytest.mark.parametrize(
    "params, kw",
    [
        ({"enterprise": "E1"}, {"enterprise_id": "E1"}),
        ({"product": "yarn", "max_tiers": 1}, {"product_id": "yarn", "max_tiers": 1}),
    ],
)
def test_impact(
    viewer: TestClient, store: MemoryStore, params: dict[str, Any], kw: dict[str, Any]
) -> None:
    assert ok(viewer.get("/api/risk/impact", params=params)) == same(impact(store, **kw))


def test_impact_cascades(viewer: TestClient) -> None:
    body = ok(viewer.get("/api/risk/impact", params={"enterprise": "E1"}))
    assert [(a["tier"], a["id"]) for a in body["affected"]] == [(1, "E3"), (2, "E4"), (3, "E5")]


@pytest.mark.parametrize(
    "params, kind, id",
    [
        ({"enterprise": "E0"}, "Enterprise", "E0"),
        ({"product": "gold"}, "Product", "gold"),
    ],
)
def test_impact_unknown(viewer: TestClient, params: dict[str, str], kind: str, id: str) -> None:
    unknown(viewer.get("/api/risk/impact", params=params), kind, id)


@pytest.mark.parametrize(
    "params, name",
    [
        ({}, "enterprise"),
        ({"enterprise": "E1", "product": "pta"}, "enterprise"),
        ({"enterprise": "E1", "max_tiers": 0}, "max_tiers"),
    ],
)
def test_impact_bad_parameters(viewer: TestClient, params: dict[str, Any], name: str) -> None:
    invalid(viewer.get("/api/risk/impact", params=params), name)


# -- analytics, export ---------------------------------------------------------------------------
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
