"""Signing in at /login (api/routers/session.py): the login page, the session cookie's
attributes, wrong keys, where ``next`` may lead, cross-site posts, and the session state."""

from __future__ import annotations

import re

import pytest

from chainatlas.api.app import create_app
from chainatlas.api.auth import SESSION_COOKIE, SESSION_TTL_S, safe_next
from chainatlas.api.pages.routes import PAGE_CSP
from tests.support.api import (
    KEY_OF,
    TestClient,
    assert_problem,
    foreign_hosts,
    reference_store,
    settings,
)
from tests.support.session import cookie_of, login, set_cookie, use_cookie


def test_the_login_page_is_a_strict_offline_page(closed: TestClient) -> None:
    answer = closed.get("/login?next=/paths")
    assert answer.status_code == 200
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-security-policy"] == PAGE_CSP
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["referrer-policy"] == "no-referrer"
    assert answer.headers["cache-control"] == "no-store"
    html = answer.text
    assert "<script>" not in html and not re.search(r"\son[a-z]+=", html)  # nothing inline
    assert foreign_hosts(html) == set()
    assert '<span class="zh">登录</span> <span class="en">Sign in</span>' in html
    assert 'type="password" name="key"' in html
    assert 'name="next" value="/paths"' in html
    assert 'action="/login"' in html


def test_login_sets_an_opaque_httponly_strict_cookie(closed: TestClient) -> None:
    key = KEY_OF["viewer"]
    answer = login(closed, "viewer", "/match?enterprise=E3")
    assert answer.headers["location"] == "/match?enterprise=E3"
    assert answer.headers["cache-control"] == "no-store"
    header = answer.headers["set-cookie"]
    morsel = set_cookie(answer)[SESSION_COOKIE]
    assert morsel["httponly"] is True
    assert morsel["samesite"].lower() == "strict"
    assert morsel["path"] == "/"
    assert int(morsel["max-age"]) == SESSION_TTL_S
    assert not morsel["secure"]  # plain http here: a Secure cookie would never come back
    assert key not in header and morsel.value != key
    assert len(morsel.value) >= 40  # 32 random bytes


def test_the_cookie_is_secure_over_https() -> None:
    app = create_app(settings(), reference_store())
    with TestClient(app, base_url="https://testserver") as c:
        answer = login(c, "viewer")
    assert set_cookie(answer)[SESSION_COOKIE]["secure"] is True


def test_the_cookie_is_secure_behind_a_tls_proxy(closed: TestClient) -> None:
    answer = closed.post(
        "/login",
        data={"key": KEY_OF["viewer"]},
        headers={"X-Forwarded-Proto": "https"},
        follow_redirects=False,
    )
    assert answer.status_code == 303
    assert set_cookie(answer)[SESSION_COOKIE]["secure"] is True


def test_each_login_is_a_new_token(closed: TestClient) -> None:
    login(closed, "viewer")
    first = cookie_of(closed)
    login(closed, "viewer")
    second = cookie_of(closed)
    assert first != second
    use_cookie(closed, first)  # the token from before the second sign-in is dead
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")


@pytest.mark.parametrize("key", ["wrong-key-0123456789", "", "   ", "x" * 5000])
def test_a_wrong_key_is_the_login_page_again_with_401(closed: TestClient, key: str) -> None:
    answer = closed.post("/login", data={"key": key, "next": "/map"}, follow_redirects=False)
    if len(key) > 4096:
        assert_problem(answer, 422, "validation")  # not a key at all; nothing echoed
        assert key not in answer.text
        return
    assert answer.status_code == 401
    assert answer.headers["content-type"].startswith("text/html")
    assert answer.headers["content-security-policy"] == PAGE_CSP
    assert "set-cookie" not in answer.headers
    assert 'role="alert"' in answer.text and "That key was not accepted." in answer.text
    if key.strip():
        assert key not in answer.text  # nothing the caller sent comes back
    assert closed.cookies.get(SESSION_COOKIE) is None


def test_the_wrong_key_page_says_nothing_about_the_keys(closed: TestClient) -> None:
    wrong = closed.post("/login", data={"key": KEY_OF["admin"][:-1] + "X"}).text
    unknown = closed.post("/login", data={"key": "a-completely-different-key"}).text
    assert wrong == unknown  # a near miss reads exactly like a stranger's key


@pytest.mark.parametrize(
    "target",
    [
        "https://evil.example/",
        "http://evil.example",
        "//evil.example/map",
        "///evil.example",
        "/\\evil.example",
        "\\\\evil.example",
        "/\t/evil.example",
        "javascript:alert(1)",
        "map",
        " /map",
        "/map\r\nSet-Cookie: x=1",
        "/login",
        "/logout",
        "https:/evil.example",
    ],
)
def test_an_outside_next_is_refused(closed: TestClient, target: str) -> None:
    answer = login(closed, "viewer", target)
    assert answer.headers["location"] == "/map"
    page = closed.get("/login", params={"next": target}, follow_redirects=False)
    assert page.headers["location"] == "/map"  # signed in: straight to the safe default


def test_safe_next_keeps_paths_of_this_site() -> None:
    assert safe_next("/paths?mode=route&source=px") == "/paths?mode=route&source=px"
    assert safe_next("/view/enterprises/E3#x") == "/view/enterprises/E3#x"
    assert safe_next(None) == "/map" and safe_next("//x", default="") == ""


def test_the_login_form_keeps_only_a_safe_next(closed: TestClient) -> None:
    html = closed.get("/login", params={"next": "//evil.example"}).text
    assert 'name="next" value="/map"' in html and "evil" not in html


def test_a_cross_site_login_post_is_refused(closed: TestClient) -> None:
    for headers in (
        {"Origin": "https://evil.example"},
        {"Sec-Fetch-Site": "cross-site"},
        {"Origin": "null", "Referer": "https://evil.example/form"},
    ):
        answer = closed.post(
            "/login", data={"key": KEY_OF["admin"]}, headers=headers, follow_redirects=False
        )
        assert answer.status_code == 403, headers
        assert "set-cookie" not in answer.headers


def test_the_pages_own_form_post_signs_in(closed: TestClient) -> None:
    """What Chromium sends from a no-referrer page: Origin null, no Referer, Fetch Metadata."""
    answer = closed.post(
        "/login",
        data={"key": KEY_OF["admin"]},
        headers={"Origin": "null", "Sec-Fetch-Site": "same-origin"},
        follow_redirects=False,
    )
    assert answer.status_code == 303


def test_a_signed_in_browser_skips_the_form(closed: TestClient) -> None:
    login(closed, "viewer")
    answer = closed.get("/login?next=/paths", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/paths"


def test_session_state(closed: TestClient) -> None:
    assert closed.get("/session").json() == {"signed_in": False, "role": None}
    login(closed, "analyst")
    answer = closed.get("/session")
    assert answer.json() == {"signed_in": True, "role": "analyst"}
    assert answer.headers["cache-control"] == "no-store"


def test_session_routes_are_not_in_the_api_document(closed: TestClient) -> None:
    paths = closed.get("/api/openapi.json").json()["paths"]
    assert not {"/login", "/logout", "/session"} & set(paths)
