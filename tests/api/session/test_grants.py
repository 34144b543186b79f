"""What the session cookie grants (api/auth.py): the role on the API and the pages, and the
same-origin check on cookie-authenticated writes (header keys need none)."""

from __future__ import annotations

from typing import Any

import pytest
from fastapi import Request

from chainatlas.api.auth import same_origin
from tests.support.api import CONTACT, KEY_OF, TestClient, assert_problem
from tests.support.session import BAD_FILE, HTML, ORIGIN, PAGES, SAME, login


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
