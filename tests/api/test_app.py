"""The app itself: docs served offline, problem details, the store's lifecycle and outages.

Also the helpers the other ``test_api_*`` modules share: settings isolated from the
environment, API keys per role, and the reference network in a memory store.
"""

from __future__ import annotations

import json
import re
import time
import warnings
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from fastapi import FastAPI
from pydantic import SecretStr
from starlette.exceptions import StarletteDeprecationWarning

from chainatlas.api import app as app_module
from chainatlas.api.app import create_app
from chainatlas.api.problems import MEDIA_TYPE, PROBLEMS
from chainatlas.graph.errors import StoreUnavailable
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.shapes import Stats
from tests.support import ROOT, TEST_DATA, reference
from tests.support.api import (
    assert_problem,
    auth,
    client,
    foreign_hosts,
    reference_store,
    reference_tables,
    settings,
)

with warnings.catch_warnings():
    # Starlette asks for httpx2 in place of httpx; the test client works with either
    warnings.simplefilter("ignore", StarletteDeprecationWarning)
    from fastapi.testclient import TestClient


@pytest.fixture
def api() -> Iterator[TestClient]:
    """A client as a viewer with a key, against the reference network."""
    with client() as c:
        c.headers.update(auth("viewer"))
        yield c


# -- docs, offline ------------------------------------------------------------------------------
#: hosts a page of ours may name: ourselves, and the problem-type URIs (identifiers, not fetched)
def test_docs_page_names_no_external_host(api: TestClient) -> None:
    page = api.get("/docs")
    assert page.status_code == 200
    assert foreign_hosts(page.text) == set()
    assert '"validatorUrl": null' in page.text


def test_openapi_names_no_external_host(api: TestClient) -> None:
    doc = api.get("/api/openapi.json")
    assert doc.status_code == 200
    assert foreign_hosts(doc.text) == set()


def test_docs_assets_are_served_by_the_app(api: TestClient) -> None:
    page = api.get("/docs").text
    assets = re.findall(r'(?:href|src)="([^"]+)"', page)
    assert len(assets) == 3
    for url in assets:
        assert url.startswith("/docs/static/")
        got = api.get(url)
        assert got.status_code == 200 and len(got.content) > 500


def test_swagger_bundle_fetches_nothing_by_itself() -> None:
    bundle = ROOT / "api" / "static" / "swagger"
    text = (bundle / "swagger-ui-bundle.js").read_text(encoding="utf-8")
    assert "SwaggerUIBundle" in text
    assert "cdn.jsdelivr" not in text and "unpkg.com" not in text


def test_redoc_is_off(api: TestClient) -> None:
    assert_problem(api.get("/redoc"), 404, "not-found")


def test_openapi_documents_problem_answers_and_keys(api: TestClient) -> None:
    doc = api.get("/api/openapi.json").json()
    assert set(doc["components"]["securitySchemes"]) == {"ApiKey", "Bearer"}
    answers = doc["paths"]["/api/enterprises/{id}"]["get"]["responses"]
    assert {"401", "403", "404", "422", "503"} <= set(answers)
    # declared once under components/responses, named by reference
    declared = answers["404"]["$ref"].removeprefix("#/components/responses/")
    assert MEDIA_TYPE in doc["components"]["responses"][declared]["content"]


# -- problem details ---------------------------------------------------------------------------
def test_unknown_route_is_a_problem(api: TestClient) -> None:
    assert_problem(api.get("/api/nothing-here"), 404, "not-found")


def test_wrong_method_is_a_problem(api: TestClient) -> None:
    answer = api.delete("/api/stats")
    assert_problem(answer, 405, "method-not-allowed")
    assert answer.headers["allow"] == "GET"


class BrokenStore(MemoryStore):
    """Fails the way a bug fails, with a message that must not reach the client."""

    def stats(self, *, as_of: date | None = None) -> Stats:
        raise RuntimeError("secret-internal-detail MATCH (n) RETURN n")


def test_unexpected_error_is_a_500_that_leaks_nothing() -> None:
    with client(BrokenStore(), anonymous=True) as c:
        answer = c.get("/api/stats")
    body = assert_problem(answer, 500, "internal")
    assert "secret" not in answer.text and "MATCH" not in answer.text
    assert set(body) == {"type", "title", "status", "detail", "instance"}


class CheckingStore(MemoryStore):
    """An internal check that fails: a ValueError that is not a caller's invalid option."""

    def stats(self, *, as_of: date | None = None) -> Stats:
        raise ValueError("secret-internal-check failed")


def test_an_internal_value_error_is_a_500_not_the_callers_fault() -> None:
    with client(CheckingStore(), anonymous=True) as c:
        answer = c.get("/api/stats")
    assert_problem(answer, 500, "internal")
    assert "secret" not in answer.text


def test_an_invalid_option_is_a_422_naming_the_option(api: TestClient) -> None:
    # the route accepts any k the schema allows; the query refuses source == target itself
    answer = api.get("/api/paths/supply", params={"source": "E1", "target": "E1"})
    body = assert_problem(answer, 422, "validation")
    assert body["detail"] == "source and target are the same node"


def test_validation_problem_lists_errors_without_input(api: TestClient) -> None:
    answer = api.get("/api/enterprises", params={"limit": "many", "region": "宁波"})
    body = assert_problem(answer, 422, "validation")
    assert {(e["in"], e["name"]) for e in body["errors"]} == {
        ("query", "limit"),
        ("query", "region"),
    }
    assert "many" not in answer.text and "宁波" not in answer.text


# -- the store's lifecycle -----------------------------------------------------------------------
def test_lifespan_opens_and_closes_the_store_of_the_settings(tmp_path: Path) -> None:
    """No store handed in: the app opens the settings' store (here the data directory's
    graph) at start and closes it at the end."""
    reference_store().save(tmp_path / "graph.json")
    app = create_app(settings(anonymous=True, home=tmp_path))
    with TestClient(app) as c:
        assert c.get("/api/stats").json()["enterprises"] == 7
        holder = app.state.store_holder
        assert holder.owned and holder.persist and not holder.stand_in
    assert not hasattr(app.state, "store_holder")


def test_app_serves_a_bundle_given_as_data() -> None:
    bundle = TEST_DATA / "good"
    app = create_app(settings(anonymous=True), data=bundle)
    with TestClient(app) as c:
        assert c.get("/api/stats").json()["enterprises"] == 7
        assert not app.state.store_holder.persist


class FlakyStore(MemoryStore):
    """The reference network behind a switch: ``down`` makes every call fail as Neo4j does."""

    def __init__(self) -> None:
        super().__init__()
        self.down = False
        self.pings = 0

    def ping(self) -> None:
        self.pings += 1
        if self.down:
            raise StoreUnavailable("switched off")

    def stats(self, *, as_of: date | None = None) -> Stats:
        if self.down:
            raise StoreUnavailable("switched off")
        return super().stats(as_of=as_of)

    def version(self) -> str:  # a cached answer asks for the version first: Neo4j reads it
        if self.down:
            raise StoreUnavailable("switched off")
        return super().version()


def flaky_app(down: bool) -> tuple[FlakyStore, FastAPI]:
    store = FlakyStore()
    store.write_tables(reference_tables())
    store.down = down
    return store, create_app(settings(anonymous=True), store)


def test_store_down_at_start_answers_503_without_crashing() -> None:
    _, app = flaky_app(down=True)
    with TestClient(app) as c:
        answer = c.get("/api/stats")
        assert_problem(answer, 503, "store-unavailable")
        assert answer.headers["retry-after"].isdigit()
        assert_problem(c.get("/api/health"), 503, "store-unavailable")


def test_store_that_comes_back_is_served_again() -> None:
    store, app = flaky_app(down=True)
    with TestClient(app) as c:
        assert c.get("/api/stats").status_code == 503
        store.down = False
        app.state.store_holder.recheck_s = 0.0
        assert c.get("/api/stats").json()["enterprises"] == 7


def test_store_lost_mid_run_is_noticed_and_not_hammered() -> None:
    store, app = flaky_app(down=False)
    with TestClient(app) as c:
        assert c.get("/api/stats").status_code == 200
        store.down = True
        assert c.get("/api/stats").status_code == 503
        pings = store.pings
        # within the recheck interval no request waits on the store
        assert [c.get("/api/stats").status_code for _ in range(5)] == [503] * 5
        assert store.pings == pings


def test_health_reports_the_store(api: TestClient) -> None:
    body = api.get("/api/health").json()
    assert body["status"] == "ok" and body["store"] == {"kind": "memory", "reachable": True}


def test_health_needs_no_key() -> None:
    with client() as c:
        assert c.get("/api/health").status_code == 200


# -- Neo4j ---------------------------------------------------------------------------------------
def test_neo4j_down_answers_503_quickly() -> None:
    """A Neo4j store at a closed port: the app starts and read routes answer 503 at once."""
    store = Neo4jStore.connect("bolt://127.0.0.1:1", "neo4j", "not-a-real-password")
    try:
        with TestClient(create_app(settings(anonymous=True), store)) as c:
            for path in ("/api/stats", "/api/enterprises", "/api/search?q=pta"):
                started = time.monotonic()
                body = assert_problem(c.get(path), 503, "store-unavailable")
                assert time.monotonic() - started < 2.0
                assert "127.0.0.1:1" not in json.dumps(body)
    finally:
        store.close()


@pytest.mark.neo4j
def test_refused_credentials_are_named_when_the_app_starts(
    neo4j_server: tuple[str, str, str], caplog: pytest.LogCaptureFixture
) -> None:
    """A wrong password is not an absent server: the warning says which settings to check
    (a user of its own, so the server's lock-out after failed logins spares the tests' user)."""
    store = Neo4jStore.connect(neo4j_server[0], "chainatlas-nobody", "not-the-password")
    try:
        with (
            caplog.at_level("WARNING"),
            TestClient(create_app(settings(anonymous=True), store)) as c,
        ):
            assert_problem(c.get("/api/stats"), 503, "store-unavailable")
        (warning,) = [r.getMessage() for r in caplog.records if "not reachable" in r.getMessage()]
        assert "refused the credentials (NEO4J_USER, NEO4J_PASSWORD)" in warning
    finally:
        store.close()


@pytest.mark.neo4j
def test_neo4j_backed_app_serves_stats(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write_tables(reference.TABLES)
    with TestClient(create_app(settings(anonymous=True), neo4j_store)) as c:
        assert c.get("/api/health").json()["store"] == {"kind": "neo4j", "reachable": True}
        assert c.get("/api/stats").json()["enterprises"] == 7


@pytest.mark.neo4j
def test_app_opens_and_closes_its_own_neo4j_store(
    neo4j_server: tuple[str, str, str], neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Given the settings only, the lifespan opens one store (one driver) and closes it."""
    neo4j_store.write_tables(reference.TABLES)
    closed: list[Neo4jStore] = []
    original = Neo4jStore.close

    def close(self: Neo4jStore) -> None:
        closed.append(self)
        original(self)

    monkeypatch.setattr(Neo4jStore, "close", close)
    uri, user, password = neo4j_server
    app = create_app(
        settings(
            anonymous=True,
            neo4j_uri=uri,
            neo4j_user=user,
            neo4j_password=SecretStr(password),
            neo4j_database=neo4j_store.database,
        )
    )
    with TestClient(app) as c:
        assert c.get("/api/stats").json()["enterprises"] == 7
        opened = app.state.store_holder.store
        assert opened.kind == "neo4j" and opened is not neo4j_store
    assert closed == [opened]


# -- request bodies ------------------------------------------------------------------------------
@pytest.fixture
def small_bodies(monkeypatch: pytest.MonkeyPatch) -> Iterator[TestClient]:
    monkeypatch.setattr(app_module, "MAX_BODY", 1024)
    with client() as c:
        c.headers.update(auth("analyst"))
        yield c


def test_oversized_body_is_refused_before_it_is_read(small_bodies: TestClient) -> None:
    answer = small_bodies.post(
        "/api/cypher",
        content=b"{" + b" " * 2048 + b"}",
        headers={"content-type": "application/json"},
    )
    assert_problem(answer, 413, "payload-too-large")


def test_oversized_streamed_body_is_cut_short(small_bodies: TestClient) -> None:
    chunks = (b" " * 512 for _ in range(8))
    answer = small_bodies.post(
        "/api/cypher", content=chunks, headers={"content-type": "application/json"}
    )
    assert_problem(answer, 413, "payload-too-large")


def test_every_problem_type_is_documented() -> None:
    doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    listed = set(re.findall(r"^\| `([a-z-]+)` \| (\d{3}) \|", doc, flags=re.MULTILINE))
    assert listed == {(p.slug, str(p.status)) for p in PROBLEMS.values()}
