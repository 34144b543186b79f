"""``POST /api/cypher``: read-only analyst Cypher, with nothing of the query echoed back."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chainatlas.api.app import create_app
from chainatlas.graph.neo4j_store import Neo4jStore
from tests.support import reference
from tests.support.api import TestClient, assert_problem, auth, client, settings

ANALYST = auth("analyst")


def run(c: TestClient, query: str, params: dict[str, Any] | None = None) -> Any:
    return c.post("/api/cypher", headers=ANALYST, json={"query": query, "params": params or {}})


def test_embedded_store_has_no_cypher() -> None:
    with client() as c:
        assert_problem(run(c, "RETURN 1"), 501, "cypher-unavailable")


@pytest.mark.parametrize(
    "body, name",
    [
        ({}, "query"),
        ({"query": ""}, "query"),
        ({"query": "RETURN 1", "extra": 1}, "extra"),
        ({"query": "RETURN 1", "params": [1]}, "params"),
        ({"query": "x" * 20_001}, "query"),
    ],
)
def test_bad_body(body: dict[str, Any], name: str) -> None:
    with client() as c:
        answer = c.post("/api/cypher", headers=ANALYST, json=body)
    problem = assert_problem(answer, 422, "validation")
    assert name in {e["name"] for e in problem["errors"]}
    assert "xxxxxxxx" not in answer.text and "RETURN" not in answer.text


def test_body_that_is_not_json() -> None:
    with client() as c:
        answer = c.post(
            "/api/cypher",
            headers={**ANALYST, "content-type": "application/json"},
            content=b"MATCH (n) DETACH DELETE n",
        )
    assert_problem(answer, 422, "validation")
    assert "DELETE" not in answer.text


@pytest.fixture
def neo4j_api(neo4j_store: Neo4jStore) -> Iterator[TestClient]:
    neo4j_store.write_tables(reference.TABLES)
    with TestClient(create_app(settings(), neo4j_store)) as c:
        yield c


@pytest.mark.neo4j
def test_read_query_with_parameters(neo4j_api: TestClient) -> None:
    answer = run(
        neo4j_api,
        "MATCH (e:Enterprise {region_id: $region}) RETURN e.id AS id ORDER BY id",
        {"region": "keqiao"},
    )
    assert answer.status_code == 200, answer.text
    assert answer.json() == {"columns": ["id"], "rows": [["E4"], ["E5"]], "truncated": False}


@pytest.mark.neo4j
def test_rows_are_capped(neo4j_api: TestClient) -> None:
    body = run(neo4j_api, "UNWIND range(1, 1500) AS i RETURN i").json()
    assert (len(body["rows"]), body["truncated"]) == (1000, True)


@pytest.mark.neo4j
@pytest.mark.parametrize(
    "query",
    [
        "CREATE (n:Secret {name: 'x'}) RETURN n",
        "MATCH (n:Enterprise) DETACH DELETE n",
        "CALL dbms.components()",
        "LOAD CSV FROM 'file:///etc/passwd' AS r RETURN r",
    ],
)
def test_writes_and_disallowed_calls_are_refused(
    neo4j_api: TestClient, neo4j_store: Neo4jStore, query: str
) -> None:
    answer = run(neo4j_api, query)
    assert_problem(answer, 403, "query-refused")
    assert "Secret" not in answer.text and "passwd" not in answer.text
    assert neo4j_store.stats()["enterprises"] == 7


@pytest.mark.neo4j
def test_invalid_cypher_gives_its_position_not_its_text(neo4j_api: TestClient) -> None:
    answer = run(neo4j_api, "MATCH (n:Enterprise) RETRUN n.secret_token")
    body = assert_problem(answer, 400, "query-invalid")
    assert "RETRUN" not in answer.text and "secret_token" not in answer.text
    assert body["line"] == 1


@pytest.mark.neo4j
def test_missing_parameter_is_invalid(neo4j_api: TestClient) -> None:
    assert_problem(run(neo4j_api, "RETURN $nope AS x"), 400, "query-invalid")


@pytest.mark.neo4j
def test_viewer_may_not_run_cypher(neo4j_api: TestClient) -> None:
    answer = neo4j_api.post("/api/cypher", headers=auth("viewer"), json={"query": "RETURN 1"})
    assert_problem(answer, 403, "forbidden")
