"""The HTML views (api/pages/) on the reference network, without a browser.

Each ``/view/...`` route mirrors its ``/api/...`` route: same parameters, same query, same
answer (checked through ``?format=json``), drawn; errors are the API's problem details; names
from the data stay text.
"""

from __future__ import annotations

import re

import pytest

from chainatlas.api.pages.routes import PAGE_CSP
from tests.support.api import CONTACT, TestClient
from tests.support.pages import ANALYST_KEY, VIEWS, api_url, problem, view_data, views_client


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
    answer = web.get(api_url(url)).json()
    data = view_data(web.get(url).text)
    assert [n["id"] for n in data["nodes"]] == [n["key"] for n in answer["graph"]["nodes"]]
    assert sorted(e["key"] + e["from"] + e["to"] for e in data["edges"]) == sorted(
        e["key"] + e["source"] + e["target"] for e in answer["graph"]["edges"]
    )


@pytest.mark.parametrize("url", [u for u in VIEWS if "gaps" not in u and "single-source" not in u])
def test_format_json_carries_the_api_answer_and_the_view(web: TestClient, url: str) -> None:
    sep = "&" if "?" in url else "?"
    body = web.get(f"{url}{sep}format=json").json()
    assert body["answer"] == web.get(api_url(url)).json()
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
    data = view_data(web.get("/view/chains/poly").text)
    x = {n["id"]: n["x"] for n in data["nodes"]}
    assert x["Enterprise:E1"] < x["Enterprise:E3"]  # 上游 before 中游
    assert data["meta"]["layout"] == "stages" and data["meta"]["physics"] is False


def test_paths_read_from_source_to_target(web: TestClient) -> None:
    data = view_data(web.get("/view/paths/supply?source=E1&target=E5").text)
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
    problem(web.get(url), 404, "unknown-entity")


def test_no_path_is_a_404_problem(web: TestClient) -> None:
    problem(web.get("/view/paths/supply?source=E5&target=E1"), 404, "no-path")


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
    problem(web.get(url), 422, "validation")


def test_views_need_a_reader() -> None:
    with views_client(anonymous=False) as c:
        problem(c.get("/view/enterprises/E3"), 401, "unauthorized")
        problem(c.get("/map"), 401, "unauthorized")
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
    with views_client(hostile=True) as c:
        r = c.get(url)
    assert r.status_code == 200, r.text
    assert "<img" not in r.text
    assert "&lt;img src=x onerror=alert(1)&gt;" in r.text or "\\u003cimg src=x" in r.text
