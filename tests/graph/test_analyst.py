"""Analyst Cypher on the Neo4j store: reads run and come back JSON-friendly; anything that
writes, loads files or calls a procedure outside the allow-list is refused before it runs."""

from __future__ import annotations

import json
import re

import pytest

from chainatlas.graph.errors import QueryRefused, QueryTimeout
from chainatlas.graph.neo4j_store import Neo4jStore
from tests.support import reference

pytestmark = pytest.mark.neo4j


@pytest.fixture
def neo(neo4j_store: Neo4jStore) -> Neo4jStore:
    neo4j_store.write_tables(reference.TABLES)
    return neo4j_store


def test_a_read_with_parameters(neo: Neo4jStore) -> None:
    answer = neo.run_cypher("MATCH (e:Enterprise {id: $id}) RETURN e.name AS name, e", {"id": "E3"})
    assert answer["columns"] == ["name", "e"] and answer["truncated"] is False
    ((name, node),) = answer["rows"]
    assert name == "浙江丙化纤股份有限公司"
    assert node["labels"] == ["Enterprise"] and node["props"]["region_id"] == "shangyu"
    json.dumps(answer)  # JSON-friendly all the way down


def test_relationships_and_paths(neo: Neo4jStore) -> None:
    answer = neo.run_cypher(
        "MATCH p = (:Enterprise {id: 'E1'})-[r:SUPPLIES]->(:Enterprise) RETURN r, p"
    )
    ((rel, path),) = answer["rows"]
    assert rel["type"] == "SUPPLIES" and rel["props"]["product_id"] == "pta"
    assert [x.get("labels", x.get("type")) for x in path] == [
        ["Enterprise"],
        "SUPPLIES",
        ["Enterprise"],
    ]
    assert path[2]["props"]["id"] == "E3"


def test_rows_are_capped(neo: Neo4jStore) -> None:
    capped = neo.run_cypher("UNWIND range(1, 10) AS x RETURN x", row_cap=3)
    assert (capped["rows"], capped["truncated"]) == ([[1], [2], [3]], True)
    assert neo.run_cypher("UNWIND range(1, 3) AS x RETURN x", row_cap=3)["truncated"] is False


@pytest.mark.parametrize(
    "query",
    [
        "CALL db.labels()",
        "CALL db.relationshipTypes() YIELD relationshipType RETURN relationshipType",
        "CALL db.propertyKeys()",
        "CALL db.schema.visualization()",
        "CALL db.index.fulltext.queryNodes('names', '化纤') YIELD node RETURN node.id",
    ],
)
def test_allowed_procedures(neo: Neo4jStore, query: str) -> None:
    assert neo.run_cypher(query)["rows"]


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("CREATE (n:X) RETURN n", "Create"),
        ("MERGE (n:Enterprise {id: 'E9'})", "Merge"),
        ("MATCH (n:Enterprise) SET n.x = 1", "SetProperty"),
        ("MATCH (n:Enterprise) REMOVE n:Enterprise", "RemoveLabels"),
        ("MATCH (n:Enterprise) SET n:Y", "SetLabels"),
        ("MATCH (n) DETACH DELETE n", "DetachDelete"),
        ("MATCH ()-[r:SUPPLIES]->() DELETE r", "Delete"),
        ("MATCH (n:Enterprise) CALL (n) { SET n.z = 1 } RETURN count(*)", "SetProperty"),
        ("MATCH (n) WITH n LIMIT 1 FOREACH (x IN [1] | CREATE (:Z))", "Foreach"),
        ("LOAD CSV FROM 'file:///etc/passwd' AS line RETURN line", "LOAD CSV"),
        ("CALL dbms.components()", "dbms.components"),
        ("CALL db.createLabel('Foo')", "db.createLabel"),
        ("CALL apoc.load.json('file:///etc/passwd')", "apoc.load.json"),
        ("CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.y)", "CreateIndex"),
        ("SHOW INDEXES", "SHOW"),
        ("EXPLAIN MATCH (n) RETURN n", "EXPLAIN"),
        ("MATCH (n RETURN n", "not valid Cypher"),
        ("", "empty"),
    ],
)
def test_refused(neo: Neo4jStore, query: str, reason: str) -> None:
    before = neo.stats()
    with pytest.raises(QueryRefused, match=re.escape(reason)):
        neo.run_cypher(query)
    assert neo.stats() == before


def test_timeout(neo: Neo4jStore) -> None:
    with pytest.raises(QueryTimeout, match=r"0\.5 s"):
        neo.run_cypher(
            "UNWIND range(1, 1000000000) AS x WITH x WHERE x % 7 = 3 RETURN count(x)", timeout_s=0.5
        )
