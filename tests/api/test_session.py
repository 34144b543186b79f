"""Signing in at /login: the session cookie, what it grants, the CSRF check, sign-out, and the
pages sending an unauthenticated browser to the sign-in page (api/routers/session.py, api/auth.py).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from http.cookies import SimpleCookie
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest
from fastapi import FastAPI, Request

from chainatlas.api.app import create_app
from chainatlas.api.auth import (
    MAX_SESSIONS,
    SESSION_COOKIE,
    SESSION_TTL_S,
    Sessions,
    safe_next,
    same_origin,
)
from chainatlas.api.pages.routes import PAGE_CSP
from tests.support.api import (
    CONTACT,
    KEY_OF,
    TestClient,
    assert_problem,
    client,
    foreign_hosts,
    reference_store,
    settings,
)

ORIGIN = "http://testserver"
SAME = {"Origin": ORIGIN}
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
PAGES = ["/map", "/match?enterprise=E3", "/paths", "/view/enterprises/E3", "/view/gaps"]
BAD_FILE = {"file": ("b.txt", b"not a bundle", "text/plain")}


@pytest.fixture
def closed() -> Iterator[TestClient]:
    """Keys for every role, anonymous reading off (the compose deployment)."""
    with client() as c:
        yield c


def app_of(c: TestClient) -> FastAPI:
    app: FastAPI = c.app  # type: ignore[assignment]
    return app


def set_cookie(response: Any) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    jar.load(response.headers["set-cookie"])
    return jar


def login(c: TestClient, role: str, next_path: str = "/map") -> Any:
    answer = c.post("/login", data={"key": KEY_OF[role], "next": next_path}, follow_redirects=False)
    assert answer.status_code == 303, answer.text
    return answer


def cookie_of(c: TestClient) -> str:
    value = c.cookies.get(SESSION_COOKIE)
    assert isinstance(value, str) and value
    return value


def use_cookie(c: TestClient, value: str) -> None:
    c.cookies.clear()
    c.cookies.set(SESSION_COOKIE, value)


# -- signing in ------------------------------------------------------------------------------
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


# -- what the cookie grants ------------------------------------------------------------------
@pytest.mark.parametrize("role", ["viewer", "analyst", "editor", "admin"])
def test_the_cookie_grants_the_role_on_the_api_and_the_pages(closed: TestClient, role: str) -> None:
    login(closed, role)
    assert closed.get("/api/stats").status_code == 200
    profile = closed.get("/api/enterprises/E3").json()["enterprise"]
    assert (CONTACT.items() <= profile.items()) is (role != "viewer")
    for url in PAGES:
        page = closed.get(url, headers=HTML, follow_redirects=False)
        assert page.status_code == 200, url
        assert f'data-role="{role}"' in page.text  # the header names the role
        assert 'action="/logout"' in page.text
    cypher = closed.post("/api/cypher", json={"query": "RETURN 1"}, headers=SAME)
    if role == "viewer":
        assert_problem(cypher, 403, "forbidden")
    else:
        assert_problem(cypher, 501, "cypher-unavailable")  # let through; the memory store


def test_a_viewer_cookie_cannot_load_bundles(closed: TestClient) -> None:
    login(closed, "viewer")
    body = assert_problem(
        closed.post("/api/bundles", files=BAD_FILE, headers=SAME), 403, "forbidden"
    )
    assert "the session has viewer" in body["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {},
        {"Origin": "https://evil.example"},
        {"Origin": "http://testserver.evil.example"},
        {"Origin": "null"},
        {"Referer": "https://evil.example/page"},
        {"Origin": ORIGIN, "Sec-Fetch-Site": "cross-site"},
        {"Sec-Fetch-Site": "same-site"},
        {"Origin": "null", "Sec-Fetch-Site": "none"},
    ],
)
def test_an_editor_cookie_post_from_elsewhere_is_refused(
    closed: TestClient, headers: dict[str, str]
) -> None:
    login(closed, "editor")
    answer = closed.post("/api/bundles", files=BAD_FILE, headers=headers)
    body = assert_problem(answer, 403, "forbidden")
    assert "Origin" in body["detail"]


@pytest.mark.parametrize(
    "headers",
    [
        {"Origin": ORIGIN},
        {"Origin": "http://TestServer:80"},
        {"Referer": f"{ORIGIN}/map"},
        {"Origin": "null", "Sec-Fetch-Site": "same-origin"},
        {"Origin": ORIGIN, "Sec-Fetch-Site": "same-origin"},
    ],
)
def test_an_editor_cookie_post_from_this_site_proceeds(
    closed: TestClient, headers: dict[str, str]
) -> None:
    login(closed, "editor")
    answer = closed.post("/api/bundles", files=BAD_FILE, headers=headers)
    assert_problem(answer, 415, "unsupported-media-type")  # past access control, to the upload


@pytest.mark.parametrize(
    "host, origin, same",
    [
        ("atlas.example.com", "https://atlas.example.com", True),
        ("atlas.example.com:8080", "http://atlas.example.com:8080", True),
        ("atlas.example.com:8080", "http://atlas.example.com:80", False),
        ("atlas.example.com:4080", "http://atlas.example.com:40", False),
        ("ATLAS.example.com", "https://atlas.EXAMPLE.com:443", True),
        ("[::1]:8000", "http://[::1]:8000", True),
        ("atlas.example.com", "https://atlas.example.com.evil.example", False),
        ("atlas.example.com", "https://user@evil.example", False),
        ("atlas.example.com:x", "https://atlas.example.com", False),
        ("", "https://atlas.example.com", False),
    ],
)
def test_the_origin_must_name_the_host(host: str, origin: str, same: bool) -> None:
    scope = {
        "type": "http",
        "method": "POST",
        "headers": [(b"host", host.encode()), (b"origin", origin.encode())],
    }
    assert same_origin(Request(scope)) is same


def test_the_map_export_posts_with_the_cookie(closed: TestClient) -> None:
    login(closed, "viewer")
    body: dict[str, Any] = {"graph": {"nodes": [], "edges": []}}
    assert_problem(closed.post("/view/export", json=body), 403, "forbidden")
    assert closed.post("/view/export", json=body, headers=SAME).status_code == 200


def test_header_keys_need_no_origin(closed: TestClient) -> None:
    login(closed, "viewer")  # a viewer cookie alongside: the header key wins
    answer = closed.post("/api/bundles", files=BAD_FILE, headers={"X-API-Key": KEY_OF["editor"]})
    assert_problem(answer, 415, "unsupported-media-type")
    bearer = {"Authorization": f"Bearer {KEY_OF['editor']}", "Origin": "https://evil.example"}
    assert_problem(
        closed.post("/api/bundles", files=BAD_FILE, headers=bearer), 415, "unsupported-media-type"
    )


def test_an_unknown_header_key_is_401_even_with_a_cookie(closed: TestClient) -> None:
    login(closed, "admin")
    answer = closed.get("/api/stats", headers={"X-API-Key": "wrong-key-0123456789"})
    assert_problem(answer, 401, "unauthorized")


# -- expiry, garbage, sign-out ---------------------------------------------------------------
def test_an_expired_cookie_is_unauthenticated(closed: TestClient) -> None:
    login(closed, "admin")
    assert closed.get("/api/stats").status_code == 200
    sessions: Sessions = app_of(closed).state.sessions
    now = sessions.clock()
    sessions.clock = lambda: now + SESSION_TTL_S + 1
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")
    assert closed.get("/session").json()["signed_in"] is False
    answer = closed.get("/map", headers=HTML, follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?next=%2Fmap"
    assert "Max-Age=0" in answer.headers["set-cookie"]  # the dead cookie is cleared


@pytest.mark.parametrize("value", ["garbage", "x" * 500, KEY_OF["admin"], ""])
def test_a_garbage_cookie_is_unauthenticated(closed: TestClient, value: str) -> None:
    use_cookie(closed, value)
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")
    answer = closed.get("/map", headers=HTML, follow_redirects=False)
    assert answer.status_code == 303


def test_a_garbage_cookie_reads_anonymously_when_that_is_on() -> None:
    with client(anonymous=True) as c:
        use_cookie(c, "garbage")
        assert c.get("/api/stats").status_code == 200
        assert_problem(c.post("/api/cypher", json={"query": "RETURN 1"}), 401, "unauthorized")


def test_logout_clears_the_cookie_and_ends_the_session(closed: TestClient) -> None:
    login(closed, "admin")
    token = cookie_of(closed)
    answer = closed.post("/logout", follow_redirects=False)
    assert answer.status_code == 303 and answer.headers["location"] == "/login?out=1"
    morsel = set_cookie(answer)[SESSION_COOKIE]
    assert morsel.value == "" and morsel["max-age"] == "0"
    assert closed.cookies.get(SESSION_COOKIE) is None
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")
    use_cookie(closed, token)  # a copy of the old cookie is dead on the server too
    assert_problem(closed.get("/api/stats"), 401, "unauthorized")
    assert "You have signed out." in closed.get("/login?out=1").text


def test_logout_without_a_session_is_harmless(closed: TestClient) -> None:
    assert closed.post("/logout", follow_redirects=False).status_code == 303
    assert closed.get("/logout").status_code == 405


# -- pages send browsers to sign in ----------------------------------------------------------
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


@pytest.mark.parametrize("url", ["/api/stats", "/api/enterprises/E3", "/api/health?x=1"])
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


# -- the session table -----------------------------------------------------------------------
def test_sessions_keep_only_digests_and_expire() -> None:
    table = Sessions(ttl_s=10)
    now = [100.0]
    table.clock = lambda: now[0]
    token = table.create("editor")
    assert table.role(token) == "editor"
    assert token not in repr(table._table)
    now[0] += 10
    assert table.role(token) is None and len(table) == 0


def test_sessions_are_bounded() -> None:
    table = Sessions(ttl_s=100, limit=3)
    now = [0.0]
    table.clock = lambda: now[0]
    tokens = []
    for _ in range(4):
        tokens.append(table.create("viewer"))
        now[0] += 1
    assert len(table) == 3
    assert table.role(tokens[0]) is None  # the oldest made room
    assert all(table.role(t) == "viewer" for t in tokens[1:])
    assert MAX_SESSIONS >= 1000
