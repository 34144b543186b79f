"""Security headers (issue 12, item 11): every API answer is ``nosniff`` and ``no-store`` (the
200s, the problems of routes, of authentication and of the body-size guard, the exports); the
Swagger UI at ``/docs`` has its own Content-Security-Policy (its inline script by hash,
framing refused) and keeps no API key in ``localStorage`` (tests/e2e/test_docs.py loads it in
Chromium)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Iterator

import httpx
import pytest

from chainatlas.api.headers import API_HEADERS, docs_csp, script_hashes
from tests.support.api import TestClient, auth, client

VIEWER = auth("viewer")


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    with client() as c:
        yield c


def api_headers(answer: httpx.Response) -> dict[str, str]:
    return {k: answer.headers.get(k, "") for k in API_HEADERS}


@pytest.mark.parametrize(
    "method, url, headers, status",
    [
        ("GET", "/api/stats", VIEWER, 200),
        ("GET", "/api/enterprises/E3", auth("analyst"), 200),  # with contact details
        ("GET", "/api/enterprises/E9", VIEWER, 404),
        ("GET", "/api/stats", {}, 401),
        ("GET", "/api/paths/supply?source=E1&target=E5&k=0", VIEWER, 422),
        ("GET", "/api/export?format=csv", auth("analyst"), 200),
        ("GET", "/api/no-such-route", VIEWER, 404),
        ("GET", "/api/health", {}, 200),
    ],
)
def test_every_api_answer_is_nosniff_and_no_store(
    api: TestClient, method: str, url: str, headers: dict[str, str], status: int
) -> None:
    answer = api.request(method, url, headers=headers)
    assert answer.status_code == status, answer.text
    assert api_headers(answer) == API_HEADERS


def test_an_answer_of_the_body_guard_has_them_too(api: TestClient) -> None:
    big = {"content-length": str(64 * 2**20), **VIEWER}
    answer = api.post("/api/cypher", content=b"{}", headers=big)
    assert answer.status_code == 413
    assert api_headers(answer) == API_HEADERS


def test_pages_keep_their_own_headers(api: TestClient) -> None:
    # the map's assets may be cached; only /api/ answers are no-store
    asset = api.get("/docs/static/swagger-ui.css")
    assert asset.status_code == 200
    assert asset.headers.get("cache-control") != "no-store"


# -- /docs ------------------------------------------------------------------------------------
def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        name, *values = part.split()
        out[name] = values
    return out


def test_docs_has_its_own_policy_that_allows_only_its_inline_script(api: TestClient) -> None:
    answer = api.get("/docs")
    assert answer.status_code == 200
    policy = directives(answer.headers["content-security-policy"])
    assert policy["frame-ancestors"] == ["'none'"]
    assert answer.headers["x-frame-options"] == "DENY"
    assert answer.headers["x-content-type-options"] == "nosniff"
    assert policy["default-src"] == ["'none'"]
    scripts = policy["script-src"]
    assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts
    inline = re.findall(r"<script>(.*?)</script>", answer.text, flags=re.S)
    assert len(inline) == 1 and "SwaggerUIBundle" in inline[0]
    digest = base64.b64encode(hashlib.sha256(inline[0].encode()).digest()).decode()
    assert scripts == ["'self'", f"'sha256-{digest}'"]
    assert all(v == "'self'" for v in policy["connect-src"])


def test_docs_keeps_no_key_in_local_storage(api: TestClient) -> None:
    page = api.get("/docs").text
    assert '"persistAuthorization": false' in page
    assert 'persistAuthorization": true' not in page


def test_the_policy_follows_the_page() -> None:
    one = "<script src='/x.js'></script><script>a()</script>"
    two = "<script>a()</script><script>b()</script>"
    assert script_hashes(one) == [script_hashes("<script>a()</script>")[0]]
    assert len(script_hashes(two)) == 2
    assert docs_csp(one) != docs_csp("<script>b()</script>")
