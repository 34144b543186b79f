"""Pages send an unauthenticated browser to the sign-in page and back; the API, scripts and
key callers still get 401 problems."""

from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from tests.support.api import KEY_OF, TestClient, assert_problem, client
from tests.support.session import HTML, PAGES, login


@pytest.mark.parametrize("url", PAGES)
def test_a_page_navigation_without_auth_goes_to_login(closed: TestClient, url: str) -> None:
    answer = closed.get(url, headers=HTML, follow_redirects=False)
    assert answer.status_code == 303
    location = urlsplit(answer.headers["location"])
    assert location.path == "/login"
    assert parse_qs(location.query)["next"] == [url]
    back = login(closed, "viewer", url)
    assert back.headers["location"] == url
    assert closed.get(url, headers=HTML).status_code == 200


def test_login_then_back_to_the_page_asked_for(closed: TestClient) -> None:
    first = closed.get("/match?enterprise=E3&side=buyers", headers=HTML, follow_redirects=False)
    landing = closed.get(first.headers["location"])
    assert 'name="next" value="/match?enterprise=E3&amp;side=buyers"' in landing.text
    answer = login(closed, "viewer", "/match?enterprise=E3&side=buyers")
    assert answer.headers["location"] == "/match?enterprise=E3&side=buyers"
    assert closed.get(answer.headers["location"]).status_code == 200


def test_the_home_page_leads_to_login(closed: TestClient) -> None:
    final = closed.get("/", headers=HTML)
    assert final.status_code == 200 and final.url.path == "/login"


# (/api/health without parameters: an unknown one such as ?x=1 answers 422 since issue 11)
@pytest.mark.parametrize("url", ["/api/stats", "/api/enterprises/E3", "/api/health"])
def test_the_api_still_answers_401_problems(closed: TestClient, url: str) -> None:
    answer = closed.get(url, headers=HTML, follow_redirects=False)
    if url.startswith("/api/health"):
        assert answer.status_code == 200
        return
    body = assert_problem(answer, 401, "unauthorized")
    assert "/login" in body["detail"]
    assert answer.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize(
    "headers",
    [
        {"Accept": "application/json"},
        {"Accept": "*/*"},
        {**HTML, "X-API-Key": "wrong-key-0123456789"},
    ],
)
def test_scripts_and_key_callers_get_the_401_problem_on_pages(
    closed: TestClient, headers: dict[str, str]
) -> None:
    for url in ("/map", "/view/enterprises/E3?format=json"):
        assert_problem(
            closed.get(url, headers=headers, follow_redirects=False), 401, "unauthorized"
        )


def test_no_redirect_when_anonymous_reading_is_on() -> None:
    with client(anonymous=True) as c:
        page = c.get("/map", headers=HTML, follow_redirects=False)
        assert page.status_code == 200
        assert 'id="sign-in"' in page.text and 'id="account"' not in page.text


def test_a_key_caller_sees_no_account_in_the_header(closed: TestClient) -> None:
    page = closed.get("/map", headers={**HTML, "X-API-Key": KEY_OF["admin"]})
    assert page.status_code == 200
    assert 'id="account"' not in page.text and 'id="sign-in"' not in page.text
