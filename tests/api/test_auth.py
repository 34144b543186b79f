"""Access: API keys and roles on every route, anonymous reading, contacts for analysts only."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chainatlas.api.app import create_app
from chainatlas.api.auth import redact
from tests.support.api import (
    CONTACT,
    KEY_OF,
    TestClient,
    assert_problem,
    auth,
    client,
    reference_store,
    settings,
)

ROLES = ("viewer", "analyst", "editor", "admin")

#: every JSON route: (method, path as requested, role needed; None: open to all)
ROUTES: list[tuple[str, str, str | None]] = [
    ("GET", "/api/health", None),
    ("GET", "/api/stats", "viewer"),
    ("GET", "/api/search?q=pta", "viewer"),
    ("GET", "/api/enterprises", "viewer"),
    ("GET", "/api/enterprises/E3", "viewer"),
    ("GET", "/api/enterprises/E3/suppliers", "viewer"),
    ("GET", "/api/enterprises/E3/customers", "viewer"),
    ("GET", "/api/enterprises/E3/tiers", "viewer"),
    ("GET", "/api/products", "viewer"),
    ("GET", "/api/products/pet", "viewer"),
    ("GET", "/api/products/pet/tiers", "viewer"),
    ("GET", "/api/match/suppliers?enterprise=E3", "viewer"),
    ("GET", "/api/match/buyers?enterprise=E3", "viewer"),
    ("GET", "/api/paths/supply?source=E1&target=E5", "viewer"),
    ("GET", "/api/paths/route?source=px&target=fabric", "viewer"),
    ("GET", "/api/paths/weighted?source=E1&target=E5", "viewer"),
    ("GET", "/api/chains", "viewer"),
    ("GET", "/api/chains/poly", "viewer"),
    ("GET", "/api/chains/poly/firms", "viewer"),
    ("GET", "/api/gaps", "viewer"),
    ("GET", "/api/geo", "viewer"),
    ("GET", "/api/risk/single-source", "viewer"),
    ("GET", "/api/risk/impact?enterprise=E1", "viewer"),
    ("GET", "/api/analytics/centrality", "viewer"),
    ("GET", "/api/analytics/pagerank", "viewer"),
    ("GET", "/api/analytics/communities", "viewer"),
    ("GET", "/api/export?format=json", "viewer"),
    ("GET", "/api/targets/fill", "viewer"),
    ("GET", "/api/targets/strengthen", "viewer"),
    ("GET", "/api/targets/extend", "viewer"),
    ("GET", "/api/kpis", "viewer"),
    ("GET", "/api/board/posts", "viewer"),
    ("GET", "/api/board/posts/BP1", "viewer"),
    ("GET", "/api/board/posts/BP1/matches", "viewer"),
    # writes: a firm's own key, editors and admins (tests/api/routers/test_board.py)
    ("POST", "/api/board/posts", "editor"),
    ("POST", "/api/board/posts/BP1/accept", "editor"),
    ("POST", "/api/board/posts/BP1/withdraw", "editor"),
    ("POST", "/api/cypher", "analyst"),
    ("POST", "/api/bundles", "editor"),
    ("GET", "/api/changes", "viewer"),
    ("GET", "/api/changes/digest?since=2019-01-01", "viewer"),
    ("GET", "/api/changes/1", "viewer"),
    ("POST", "/api/changes/9/revert", "editor"),  # unknown: an editor gets 404, not a revert
    ("POST", "/api/edits", "editor"),  # an end of an unknown fact: an editor gets 422
]


def call(c: TestClient, method: str, path: str, **kw: Any) -> Any:
    if method == "POST" and path == "/api/cypher":
        kw.setdefault("json", {"query": "RETURN 1 AS one"})
    if method == "POST" and path == "/api/board/posts":
        body = {"enterprise_id": "E1", "side": "offer", "kind": "产品", "title": "供应PTA"}
        kw.setdefault("json", body)
    if method == "POST" and path.endswith("/accept"):
        kw.setdefault("json", {"candidate": "E1"})
    if method == "POST" and path.endswith("/withdraw"):
        kw.setdefault("json", {"reason": "moderated in a test"})
    if method == "POST" and path == "/api/edits":
        fields = {"supplier_id": "E1", "buyer_id": "E9", "product_id": "pta"}
        kw.setdefault("json", {"table": "supplies", "action": "end", "fields": fields})
    if method == "POST" and path == "/api/bundles":
        kw.setdefault("files", {"file": ("b.txt", b"not a bundle", "text/plain")})
    return c.request(method, path, **kw)


@pytest.fixture(scope="module")
def closed() -> Iterator[TestClient]:
    """Keys configured, anonymous reading off."""
    with client() as c:
        yield c


@pytest.fixture(scope="module")
def open_read() -> Iterator[TestClient]:
    """Keys configured, anonymous reading on."""
    with client(anonymous=True) as c:
        yield c


def test_every_api_route_is_in_the_table() -> None:
    doc = create_app(settings(), reference_store()).openapi()
    served = {(m.upper(), p) for p, ops in doc["paths"].items() for m in ops}
    concrete = {
        (
            m,
            p.replace("{post_id}", "BP1").replace(
                "{id}", "E3" if "enterprises" in p else "pet" if "products" in p else "poly"
            ),
        )
        for m, p in served
    }
    concrete = {(m, p.replace("{change_id}", "9" if m == "POST" else "1")) for m, p in concrete}
    assert concrete == {(m, p.split("?")[0]) for m, p, _ in ROUTES}


@pytest.mark.parametrize("method, path, role", [r for r in ROUTES if r[2]])
def test_no_key_is_401_when_anonymous_reading_is_off(
    closed: TestClient, method: str, path: str, role: str
) -> None:
    answer = call(closed, method, path)
    assert_problem(answer, 401, "unauthorized")
    assert answer.headers["www-authenticate"].startswith("Bearer")


@pytest.mark.parametrize("method, path, role", [r for r in ROUTES if r[2]])
def test_unknown_key_is_401(open_read: TestClient, method: str, path: str, role: str) -> None:
    answer = call(open_read, method, path, headers={"X-API-Key": "wrong-key-0123456789"})
    assert_problem(answer, 401, "unauthorized")


@pytest.mark.parametrize("method, path, role", ROUTES)
@pytest.mark.parametrize("caller", ROLES)
def test_roles(closed: TestClient, method: str, path: str, role: str | None, caller: str) -> None:
    answer = call(closed, method, path, headers=auth(caller))
    if role is not None and ROLES.index(caller) < ROLES.index(role):
        assert_problem(answer, 403, "forbidden")
    else:
        assert answer.status_code not in (401, 403), answer.text


@pytest.mark.parametrize("method, path, role", ROUTES)
def test_anonymous_reader_is_a_viewer(
    open_read: TestClient, method: str, path: str, role: str | None
) -> None:
    answer = call(open_read, method, path)
    if role in (None, "viewer"):
        assert answer.status_code == 200, answer.text
    else:
        # more than a viewer is needed: ask for a key rather than forbid
        assert_problem(answer, 401, "unauthorized")


def test_open_routes_need_no_key(closed: TestClient) -> None:
    for path in ("/api/health", "/docs", "/api/openapi.json"):
        assert closed.get(path).status_code == 200


def test_bearer_token_works_like_the_header(closed: TestClient) -> None:
    answer = closed.get("/api/stats", headers={"Authorization": f"Bearer {KEY_OF['viewer']}"})
    assert answer.status_code == 200


def test_other_authorization_schemes_are_not_keys(closed: TestClient) -> None:
    answer = closed.get("/api/stats", headers={"Authorization": f"Basic {KEY_OF['viewer']}"})
    assert_problem(answer, 401, "unauthorized")


def test_no_keys_and_no_anonymous_reading_lets_nobody_in() -> None:
    with client(keys={}) as c:
        assert_problem(c.get("/api/stats"), 401, "unauthorized")


def test_unset_anonymous_reading_fails_closed() -> None:
    app = create_app(settings(anonymous=None), reference_store())  # type: ignore[arg-type]
    with TestClient(app) as c:
        assert_problem(c.get("/api/stats"), 401, "unauthorized")


# -- contacts ------------------------------------------------------------------------------------
CONTACT_KEYS = set(CONTACT)


def contact_fields(value: Any) -> set[str]:
    """Contact field names anywhere in ``value``."""
    if isinstance(value, dict):
        return (set(value) & CONTACT_KEYS).union(*(contact_fields(v) for v in value.values()))
    if isinstance(value, list):
        return set().union(*(contact_fields(v) for v in value))
    return set()


@pytest.mark.parametrize(
    "path", ["/api/enterprises", "/api/enterprises/E3", "/api/enterprises?region=shangyu"]
)
def test_viewers_never_see_contacts(closed: TestClient, path: str) -> None:
    assert contact_fields(closed.get(path, headers=auth("viewer")).json()) == set()


@pytest.mark.parametrize("caller", ["analyst", "editor", "admin"])
def test_analysts_and_above_see_contacts(closed: TestClient, caller: str) -> None:
    firms = closed.get("/api/enterprises", headers=auth(caller)).json()["items"]
    e3 = next(f for f in firms if f["id"] == "E3")
    assert CONTACT.items() <= e3.items()
    profile = closed.get("/api/enterprises/E3", headers=auth(caller)).json()
    assert CONTACT.items() <= profile["enterprise"].items()


def test_redact_reaches_any_depth() -> None:
    value = {"a": [{"phone": 1, "b": {"email": 2, "c": 3}}], "contact_person": 4}
    assert redact(value) == {"a": [{"b": {"c": 3}}]}
    assert redact([[{"phone": 1, "x": None}], 5, "email", [[]]]) == [
        [{"x": None}],
        5,
        "email",
        [[]],
    ]
    kept = {"d": [1, 2]}
    assert redact(kept) == kept and redact(kept)["d"] is not kept["d"]  # copied, not shared
