"""The HTML views and pages (api/pages/) on the reference network, without a browser.

Each ``/view/...`` route mirrors its ``/api/...`` route: same parameters, same query, same
answer (checked through ``?format=json``), drawn; errors are the API's problem details.
"""

from __future__ import annotations

import html
import json
import re
import warnings
from collections.abc import Iterator
from typing import Any

import pytest
from starlette.exceptions import StarletteDeprecationWarning

from chainatlas.api.app import create_app
from chainatlas.api.pages.routes import PAGE_CSP
from chainatlas.api.problems import BASE, MEDIA_TYPE
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.settings import Settings
from chainatlas.viz import external_urls
from tests.support import reference
from tests.support.subgraphs import XSS_FIRM

with warnings.catch_warnings():  # starlette wants httpx2 one day; httpx works today
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient

CONTACT = {"contact_person": "王工", "phone": "0575-82000000", "email": "wang@example.com"}
ANALYST_KEY = "analyst-key-for-views-0123"

#: every view, with parameters that have an answer on the reference network
VIEWS = [
    "/view/enterprises/E3",
    "/view/enterprises/E3/tiers?direction=upstream&depth=2",
    "/view/products/pet",
    "/view/products/pet/tiers?direction=downstream",
    "/view/match/suppliers?enterprise=E3",
    "/view/match/buyers?enterprise=E3&product=yarn",
    "/view/paths/supply?source=E1&target=E5",
    "/view/paths/route?source=px&target=fabric",
    "/view/chains/poly",
    "/view/gaps",
    "/view/risk/single-source",
    "/view/risk/impact?enterprise=E1",
    "/view/risk/impact?product=pta&max_tiers=2",
]
PAGES = [
    "/map",
    "/map?chain=textile",
    "/match",
    "/match?enterprise=E3",
    "/match?enterprise=E3&side=buyers&product=yarn",
    "/paths",
    "/paths?source=E1&target=E5",
    "/paths?mode=route&source=px&target=fabric",
]


def _store(*, hostile: bool = False) -> MemoryStore:
    tables = {t: [dict(r) for r in rows] for t, rows in reference.TABLES.items()}
    tables[Table.ENTERPRISES][2].update(CONTACT)  # 丙化纤 E3
    if hostile:
        tables[Table.ENTERPRISES].append(
            {
                "id": "X1",
                "name": XSS_FIRM,
                "region_id": "shangyu",
                "chain_id": "poly",
                "stage": "下游",
                "credit_code": None,
            }
        )
        tables[Table.SUPPLIES].append(
            {"supplier_id": "E3", "buyer_id": "X1", "product_id": "pet", "volume": 5, "unit": "t"}
        )
        tables[Table.PRODUCES].append(
            {"enterprise_id": "E3", "product_id": "pet", "capacity": 1, "unit": "t"}
        )
    store = MemoryStore()
    store.write_tables(tables)
    return store


def _client(*, anonymous: bool = True, hostile: bool = False) -> TestClient:
    settings = Settings(_env_file=None).model_copy(  # type: ignore[call-arg]
        update={
            "anonymous_read": anonymous,
            "api_keys": {ANALYST_KEY: "analyst"},
            "neo4j_uri": None,
        }
    )
    return TestClient(create_app(settings, _store(hostile=hostile)), raise_server_exceptions=False)


@pytest.fixture(scope="module")
def web() -> Iterator[TestClient]:
    with _client() as c:
        yield c


def _view_data(html: str) -> dict[str, Any]:
    body = html.split('<script type="application/json" id="view-data">', 1)[1].split(
        "</script>", 1
    )[0]
    data: dict[str, Any] = json.loads(body)
    return data


def _problem(response: Any, status: int, kind: str) -> dict[str, Any]:
    assert response.status_code == status, response.text
    assert response.headers["content-type"] == MEDIA_TYPE
    body: dict[str, Any] = response.json()
    assert body["type"] == BASE + kind and body["status"] == status
    return body


def _api(url: str) -> str:
    return url.replace("/view/", "/api/", 1)


# -- every view ------------------------------------------------------------------------------
@pytest.mark.parametrize("url", VIEWS)
def test_a_view_is_a_page_with_strict_headers(web: TestClient, url: str) -> None:
    r = web.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-type"].startswith("text/html")
    assert r.headers["content-security-policy"] == PAGE_CSP
    assert "'unsafe-inline'" not in PAGE_CSP and "'unsafe-eval'" not in PAGE_CSP
    assert r.headers["x-content-type-options"] == "nosniff"
    assert r.headers["referrer-policy"] == "no-referrer"
    assert "<script>" not in r.text  # nothing inline for the CSP to allow


@pytest.mark.parametrize("url", [u for u in VIEWS if "gaps" not in u and "single-source" not in u])
def test_a_view_draws_the_graph_of_the_api_answer(web: TestClient, url: str) -> None:
    answer = web.get(_api(url)).json()
    data = _view_data(web.get(url).text)
    assert [n["id"] for n in data["nodes"]] == [n["key"] for n in answer["graph"]["nodes"]]
    assert sorted(e["key"] + e["from"] + e["to"] for e in data["edges"]) == sorted(
        e["key"] + e["source"] + e["target"] for e in answer["graph"]["edges"]
    )


@pytest.mark.parametrize("url", [u for u in VIEWS if "gaps" not in u and "single-source" not in u])
def test_format_json_carries_the_api_answer_and_the_view(web: TestClient, url: str) -> None:
    sep = "&" if "?" in url else "?"
    body = web.get(f"{url}{sep}format=json").json()
    assert body["answer"] == web.get(_api(url)).json()
    assert {"nodes", "edges", "options", "lanes", "legend", "meta"} <= set(body["view"])


def test_ranking_views_follow_the_api_pages(web: TestClient) -> None:
    body = web.get("/view/risk/single-source?format=json").json()
    page = web.get("/api/risk/single-source").json()
    assert [p["product_id"] for p in body["answer"]["products"]] == [i["id"] for i in page["items"]]
    gaps = web.get("/view/gaps?format=json").json()
    assert [g["product_id"] for g in gaps["answer"]["gaps"]] == [
        i["id"] for i in web.get("/api/gaps").json()["items"]
    ]


@pytest.mark.parametrize("url", VIEWS)
def test_format_standalone_is_a_download_carrying_everything(web: TestClient, url: str) -> None:
    sep = "&" if "?" in url else "?"
    r = web.get(f"{url}{sep}format=standalone")
    assert r.status_code == 200
    assert r.headers["content-disposition"].startswith("attachment;")
    assert not re.search(r"<(?:script|link|img)[^>]+(?:src|href)=", r.text)
    assert "vis.Network" in r.text  # vis-network itself is inside


def test_the_stage_panorama_runs_left_to_right(web: TestClient) -> None:
    data = _view_data(web.get("/view/chains/poly").text)
    x = {n["id"]: n["x"] for n in data["nodes"]}
    assert x["Enterprise:E1"] < x["Enterprise:E3"]  # 上游 before 中游
    assert data["meta"]["layout"] == "stages" and data["meta"]["physics"] is False


def test_paths_read_from_source_to_target(web: TestClient) -> None:
    data = _view_data(web.get("/view/paths/supply?source=E1&target=E5").text)
    x = {n["id"]: n["x"] for n in data["nodes"]}
    assert x["Enterprise:E1"] < x["Enterprise:E3"] < x["Enterprise:E4"] < x["Enterprise:E5"]


# -- errors ----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "/view/enterprises/NOPE",
        "/view/enterprises/NOPE/tiers",
        "/view/products/nope",
        "/view/match/suppliers?enterprise=NOPE",
        "/view/paths/supply?source=E1&target=NOPE",
        "/view/chains/nope",
        "/view/risk/impact?enterprise=NOPE",
        "/view/risk/impact?product=nope",
    ],
)
def test_an_unknown_id_is_a_404_problem(web: TestClient, url: str) -> None:
    _problem(web.get(url), 404, "unknown-entity")


def test_no_path_is_a_404_problem(web: TestClient) -> None:
    _problem(web.get("/view/paths/supply?source=E5&target=E1"), 404, "no-path")


@pytest.mark.parametrize(
    "url",
    [
        "/view/enterprises/E3?format=xml",
        "/view/enterprises/E3/tiers?depth=0",
        "/view/enterprises/E3/tiers?direction=sideways",
        "/view/match/suppliers",
        "/view/match/suppliers?enterprise=E3&limit=0",
        "/view/paths/supply?source=E1",
        "/view/paths/supply?source=E1&target=E5&max_hops=99",
        "/view/risk/impact",
        "/view/risk/impact?enterprise=E1&product=pta",
        "/view/enterprises/E3?expand=<script>",
        "/view/enterprises/E%3Cb%3E",
        "/view/gaps?limit=100000",
    ],
)
def test_an_invalid_query_is_a_422_problem(web: TestClient, url: str) -> None:
    _problem(web.get(url), 422, "validation")


def test_views_need_a_reader() -> None:
    with _client(anonymous=False) as c:
        _problem(c.get("/view/enterprises/E3"), 401, "unauthorized")
        _problem(c.get("/map"), 401, "unauthorized")
        assert c.get("/view/enterprises/E3", headers={"X-API-Key": ANALYST_KEY}).status_code == 200
        assert c.get("/view/assets/atlas.js").status_code == 200  # code, not data


def test_contacts_reach_analysts_only(web: TestClient) -> None:
    for url in (
        "/view/enterprises/E3",
        "/view/enterprises/E3?format=json",
        "/map",
        "/match?enterprise=E3",
    ):
        assert "0575-82000000" not in web.get(url).text, url
    seen = web.get("/view/enterprises/E3?format=json", headers={"X-API-Key": ANALYST_KEY}).json()
    assert seen["answer"]["enterprise"]["phone"] == CONTACT["phone"]


# -- names from data stay text ---------------------------------------------------------------
@pytest.mark.parametrize(
    "url",
    [
        "/view/enterprises/X1",
        "/view/enterprises/E3",
        "/map",
        "/view/chains/poly",
        "/match?enterprise=X1",
        "/paths?source=E3&target=X1",
        "/view/enterprises/X1?format=standalone",
    ],
)
def test_a_hostile_name_is_escaped_everywhere(url: str) -> None:
    with _client(hostile=True) as c:
        r = c.get(url)
    assert r.status_code == 200, r.text
    assert "<img" not in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text or "\\u003cimg src=x" in r.text


# -- pages -----------------------------------------------------------------------------------
def test_home_is_the_map(web: TestClient) -> None:
    r = web.get("/", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/map"


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_with_strict_headers(web: TestClient, url: str) -> None:
    r = web.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-security-policy"] == PAGE_CSP


def test_the_map_shows_every_chain(web: TestClient) -> None:
    data = _view_data(web.get("/map").text)
    keys = {n["id"] for n in data["nodes"]}
    firms = {f"Enterprise:{e['id']}" for e in reference.ENTERPRISES}
    assert firms <= keys and {"Chain:poly", "Chain:textile"} <= keys
    hidden = {e["rel"] for e in data["edges"] if e.get("hidden")}
    assert hidden == {"IN_CHAIN", "PRODUCES"}  # off at first; the legend switches them on


def test_the_match_page_ranks_candidates_with_reasons(web: TestClient) -> None:
    html = web.get("/match?enterprise=E3").text
    ranks = re.findall(r'<span class="badge">(\d+)</span>', html)
    assert ranks and ranks == [str(i) for i in range(1, len(ranks) + 1)]
    assert "宁波甲石化有限公司" in html and 'class="zh"' in html
    assert "/view/match/suppliers?enterprise=E3" in html


def test_the_paths_page_lists_the_path(web: TestClient) -> None:
    html = web.get("/paths?source=E1&target=E5").text
    assert "甲石化 → 丙化纤 → 丁纺织 → 戊印染" in html  # short names, source to target


def test_the_paths_page_says_when_there_is_no_path(web: TestClient) -> None:
    html = web.get("/paths?source=E5&target=E1").text
    assert 'role="alert"' in html and "No path" in html


# -- assets and exports ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "name,kind",
    [
        ("vis-network.min.js", "text/javascript"),
        ("atlas.css", "text/css"),
        ("map.js", "text/javascript"),
    ],
)
def test_assets_are_served_from_here(web: TestClient, name: str, kind: str) -> None:
    r = web.get(f"/view/assets/{name}")
    assert r.status_code == 200 and r.headers["content-type"].startswith(kind)
    assert r.headers["x-content-type-options"] == "nosniff"
    assert "immutable" in r.headers["cache-control"]


def test_an_unknown_asset_is_a_404_problem(web: TestClient) -> None:
    _problem(web.get("/view/assets/secret.txt"), 404, "not-found")
    assert web.get("/view/assets/..%2Fviews.py").status_code == 404


def test_export_makes_a_standalone_file_of_what_the_reader_arranged(web: TestClient) -> None:
    view = web.get("/view/enterprises/E3?format=json").json()["view"]
    edges = [
        {
            "source": e["from"],
            "target": e["to"],
            "rel": e["rel"],
            "key": e["key"],
            "props": e["props"],
        }
        for e in view["edges"]
    ]
    body = {
        "title": ["丙化纤", "E3"],
        "graph": {"nodes": [n["data"] for n in view["nodes"]], "edges": edges},
        "positions": {"Enterprise:E3": [1.5, -2.5]},
        "lanes": [
            {
                "kind": "band",
                "key": "shangyu",
                "x": 0,
                "y": 0,
                "w": 10,
                "h": 10,
                "zh": "上虞",
                "en": "Shangyu",
                "colour": "#D55E00",
            }
        ],
        "dense": True,
    }
    r = web.post("/view/export", json=body)
    assert r.status_code == 200 and r.headers["content-disposition"].startswith("attachment;")
    data = _view_data(r.text)
    e3 = next(n for n in data["nodes"] if n["id"] == "Enterprise:E3")
    assert (e3["x"], e3["y"]) == (1.5, -2.5)
    assert data["lanes"][0]["zh"] == "上虞" and data["meta"]["dense"] is True
    assert 'http-equiv="Content-Security-Policy"' in r.text


def test_export_refuses_what_is_not_a_subgraph(web: TestClient) -> None:
    _problem(
        web.post("/view/export", json={"graph": {"nodes": "x", "edges": []}}), 422, "validation"
    )
    _problem(
        web.post("/view/export", json={"graph": {"nodes": [], "edges": []}, "script": 1}),
        422,
        "validation",
    )
    lane = {
        "kind": "band",
        "key": "k",
        "x": 0,
        "y": 0,
        "w": 1,
        "h": 1,
        "zh": "",
        "en": "",
        "colour": "red;background:url(x)",
    }
    _problem(
        web.post("/view/export", json={"graph": {"nodes": [], "edges": []}, "lanes": [lane]}),
        422,
        "validation",
    )


# -- offline ---------------------------------------------------------------------------------
#: the problem-type URIs name chainatlas.dev in JSON bodies: identifiers, never fetched
def _foreign(text: str) -> list[str]:
    return [u for u in external_urls(text) if not u.startswith(BASE)]


@pytest.mark.parametrize("url", [*VIEWS, *PAGES, "/docs"])
def test_no_page_or_view_names_another_host(web: TestClient, url: str) -> None:
    r = web.get(url)
    assert r.status_code == 200
    assert _foreign(r.text) == [], url
    for src in map(html.unescape, re.findall(r'(?:src|href)="([^"]+)"', r.text)):
        if src.startswith(("/", "?")) and not src.startswith("//"):
            sub = web.get(src if src.startswith("/") else url.split("?")[0] + src)
            assert sub.status_code == 200, src
