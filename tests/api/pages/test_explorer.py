"""The pages (api/pages/): the map, match and paths explorer answer with strict headers and
show the reference network's answers; no page or view names another host."""

from __future__ import annotations

import html
import re

import pytest

from chainatlas.api.pages.routes import PAGE_CSP
from chainatlas.api.problems import BASE
from chainatlas.viz import external_urls
from tests.support import reference
from tests.support.api import TestClient
from tests.support.pages import PAGES, VIEWS, view_data


def test_home_is_the_map(web: TestClient) -> None:
    r = web.get("/", follow_redirects=False)
    assert r.status_code == 307 and r.headers["location"] == "/map"


@pytest.mark.parametrize("url", PAGES)
def test_pages_answer_with_strict_headers(web: TestClient, url: str) -> None:
    r = web.get(url)
    assert r.status_code == 200, r.text
    assert r.headers["content-security-policy"] == PAGE_CSP


def test_the_map_shows_every_chain(web: TestClient) -> None:
    data = view_data(web.get("/map").text)
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


def test_the_match_page_leaves_out_whom_it_is_asked_to(web: TestClient) -> None:
    # E3 buys pta from E1 and meg from E2: either choice leaves nobody on the reference
    html = web.get("/match?enterprise=E3&exclude=any_partner").text
    assert '<option value="any_partner" selected>' in html and "No candidates found." in html
    assert "exclude=any_partner" in html  # the view links keep the choice
    html = web.get("/match?enterprise=E3&exclude_current=true").text  # the old spelling
    assert '<option value="same_product" selected>' in html


def test_the_paths_page_lists_the_path(web: TestClient) -> None:
    html = web.get("/paths?source=E1&target=E5").text
    assert "甲石化 → 丙化纤 → 丁纺织 → 戊印染" in html  # short names, source to target


def test_the_paths_page_says_when_there_is_no_path(web: TestClient) -> None:
    html = web.get("/paths?source=E5&target=E1").text
    assert 'role="alert"' in html and "No path" in html


def test_the_paths_page_walks_routes_to_their_own_bound(web: TestClient) -> None:
    html = web.get("/paths?mode=route&source=px&target=fabric").text
    assert 'name="max_hops" min="1" max="20" value="20"' in html
    html = web.get("/paths?mode=route&source=px&target=fabric&max_hops=3").text
    assert "the shortest takes 4 steps" in html
    html = web.get("/paths?mode=supply&source=E1&target=E5&max_hops=7").text
    assert 'role="alert"' in html and "max_hops must be between 1 and 6" in html


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
