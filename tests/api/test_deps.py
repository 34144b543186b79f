"""``api.deps.known_query``: every ``/api`` route refuses a query parameter it does not take
(``?chian=`` for ``?chain=``) with a 422 problem naming it; the pages keep ignoring extras."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from chainatlas.api.app import create_app
from tests.support.api import TestClient, assert_problem, auth, client, reference_store


@pytest.fixture(scope="module")
def admin() -> Iterator[TestClient]:
    with client(reference_store()) as c:
        c.headers.update(auth("admin"))
        yield c


def api_routes() -> list[tuple[str, str]]:
    """``(method, path)`` of every JSON route of the OpenAPI document, path parameters filled
    with a real id."""
    doc = create_app(store=reference_store()).openapi()
    return [
        (method.upper(), re.sub(r"\{[^}]+\}", "E1", path))
        for path, operations in sorted(doc["paths"].items())
        for method in sorted(operations)
        if path.startswith("/api")
    ]


ROUTES = api_routes()


def test_every_api_route_is_checked() -> None:
    # the routers of api/app.py: reads, match, paths, chains, risk, analytics, cypher, bundles
    assert len(ROUTES) >= 20
    assert ("POST", "/api/bundles") in ROUTES and ("GET", "/api/chains") in ROUTES


@pytest.mark.parametrize(("method", "path"), ROUTES)
def test_an_unknown_query_parameter_is_refused(admin: TestClient, method: str, path: str) -> None:
    body = assert_problem(admin.request(method, path, params={"chian": "poly"}), 422, "validation")
    assert body["detail"] == "Unknown query parameter: chian."
    (error,) = body["errors"]
    assert (error["in"], error["name"], error["type"]) == ("query", "chian", "extra_forbidden")
    assert error["message"].startswith("Unknown query parameter; this route takes: ")


def test_the_refusal_lists_what_the_route_takes(admin: TestClient) -> None:
    body = assert_problem(admin.get("/api/chains", params={"chian": "poly"}), 422, "validation")
    assert body["errors"][0]["message"].endswith("takes: as_of, limit, offset")
    ok = admin.get("/api/chains", params={"limit": 1, "offset": 0, "as_of": "2024-01-01"})
    assert ok.status_code == 200


def test_pages_keep_ignoring_parameters_they_do_not_take(admin: TestClient) -> None:
    assert admin.get("/map", params={"chian": "poly", "utm_source": "mail"}).status_code == 200
