"""Signing in from a test client: the headers a browser sends (same-origin, navigation), the
pages that need a session, and helpers to sign in and to read, set or move the cookie."""

from __future__ import annotations

from http.cookies import SimpleCookie

import httpx
from fastapi import FastAPI

from chainatlas.api.auth import SESSION_COOKIE
from tests.support.api import KEY_OF, TestClient

#: the test client's own origin, and the header a same-origin form post carries
ORIGIN = "http://testserver"
SAME = {"Origin": ORIGIN}
#: what a browser's page navigation accepts
HTML = {"Accept": "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"}
#: pages that need a session
PAGES = ["/map", "/match?enterprise=E3", "/paths", "/view/enterprises/E3", "/view/gaps"]
#: an upload the bundles route refuses (it only matters who may send it)
BAD_FILE = {"file": ("b.txt", b"not a bundle", "text/plain")}


def app_of(c: TestClient) -> FastAPI:
    app: FastAPI = c.app  # type: ignore[assignment]
    return app


def set_cookie(response: httpx.Response) -> SimpleCookie:
    jar: SimpleCookie = SimpleCookie()
    jar.load(response.headers["set-cookie"])
    return jar


def login(c: TestClient, role: str, next_path: str = "/map") -> httpx.Response:
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
