"""The OpenAPI document describes every answer, and every answer matches its description.

Three checks, from the cheap to the thorough:

- the document walk: every operation's 200 answer declares its media types, and each JSON one
  a schema that says something (a ``$ref`` to a component with members, a typed map or list);
  each JSON route names a ``response_model`` rather than leaving FastAPI to guess one from a
  return annotation;
- a known-good request per JSON operation on the reference network (the one gap included),
  each answered 200 and checked by schemathesis's ``response_schema_conformance`` (but Cypher,
  which needs Neo4j, and bundle loads, which tests/api/test_bundles.py checks);
- schemathesis generating requests from the document itself (id parameters mostly drawn from
  the reference network, so profiles, paths and tiers answer 200 too), a few per operation,
  derandomized, each answer checked the same way (slow: about 20 s).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Iterator
from typing import Any

import hypothesis
import pytest
import schemathesis
from fastapi.routing import APIRoute
from hypothesis import strategies as st
from schemathesis.errors import FailureGroup
from schemathesis.openapi.checks import JsonSchemaError
from schemathesis.specs.openapi.checks import response_schema_conformance

from chainatlas.api import routers
from chainatlas.api.app import OPENAPI_URL, create_app
from chainatlas.graph.changes import change_set
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from tests.support.api import KEY_OF, reference_tables, settings


def make_store() -> MemoryStore:
    """The reference network (contacts on E3) and one gap: a catalyst E3 needs, nobody makes."""
    tables = reference_tables()
    tables[Table.PRODUCTS].append(
        {"id": "sb2o3", "name": "三氧化二锑", "unit": "t", "chain_id": "poly", "stage": "上游"}
    )
    tables[Table.NEEDS].append(
        {"enterprise_id": "E3", "product_id": "sb2o3", "annual_demand": 40, "unit": "t"}
    )
    store = MemoryStore()
    with change_set(store, author="test", source="reference") as cs:  # change set 1
        for table in Table:
            cs.upsert(table, tables.get(table, []))
    return store


STORE = make_store()
IDS = {label: [n["id"] for n in STORE.nodes(label)] for label in Label}
#: analyst: sees contact fields (the open shapes must let them through) and may try Cypher
HEADERS = {"X-API-Key": KEY_OF["analyst"]}
JSON = "application/json"


APP = create_app(settings(), STORE)
DOC: dict[str, Any] = APP.openapi()
SCHEMA = schemathesis.openapi.from_asgi(OPENAPI_URL, APP)


def operations() -> Iterator[tuple[str, str, dict[str, Any]]]:
    for path, ops in DOC["paths"].items():
        for method, op in ops.items():
            yield path, method.upper(), op


def resolve(schema: dict[str, Any]) -> dict[str, Any]:
    while "$ref" in schema:
        name = schema["$ref"].removeprefix("#/components/schemas/")
        schema = DOC["components"]["schemas"][name]
    return schema


def describes(schema: dict[str, Any]) -> bool:
    """Whether ``schema`` says more than "some JSON" or "some object"."""
    s = resolve(schema)
    if s.get("properties") or s.get("items") or s.get("anyOf") or s.get("oneOf"):
        return True
    extra = s.get("additionalProperties")
    return isinstance(extra, dict) and bool(extra)


# -- the document ---------------------------------------------------------------------------
def test_describes_is_not_fooled_by_an_empty_object() -> None:
    assert not describes({})
    assert not describes({"type": "object", "additionalProperties": True})
    assert describes({"type": "object", "additionalProperties": {"type": "integer"}})


@pytest.mark.parametrize(
    "path, method, op", list(operations()), ids=[f"{m} {p}" for p, m, _ in operations()]
)
def test_every_200_answer_is_described(path: str, method: str, op: dict[str, Any]) -> None:
    content = op["responses"]["200"]["content"]
    assert content, f"{method} {path}: the 200 answer declares no media type"
    for media, entry in content.items():
        assert entry.get("schema"), f"{method} {path}: no schema for {media}"
        if media == JSON:
            assert describes(entry["schema"]), f"{method} {path}: {entry['schema']}"


def routes() -> list[APIRoute]:
    """The routes of every router module (FastAPI nests included routers)."""
    found = []
    for info in pkgutil.iter_modules(routers.__path__):
        module = importlib.import_module(f"{routers.__name__}.{info.name}")
        found += [r for r in module.router.routes if isinstance(r, APIRoute)]
    return [r for r in found if r.include_in_schema]


def test_every_json_route_names_its_response_model() -> None:
    found = routes()
    assert len(found) == sum(1 for _ in operations())
    vague = [r.path for r in found if r.response_class is not None and r.response_model is None]
    # the export answers files of four media types and declares them itself
    assert vague == ["/api/export"]


# -- known-good requests --------------------------------------------------------------------
#: one request per JSON operation that answers 200 on the reference network
GOOD: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    ("/api/health", "GET", {}, {}),
    ("/api/stats", "GET", {}, {}),
    ("/api/search", "GET", {}, {"q": "化"}),
    ("/api/enterprises", "GET", {}, {"chain": "poly"}),
    ("/api/enterprises/{id}", "GET", {"id": "E3"}, {}),
    ("/api/enterprises/{id}/suppliers", "GET", {"id": "E3"}, {}),
    ("/api/enterprises/{id}/customers", "GET", {"id": "E3"}, {}),
    ("/api/enterprises/{id}/tiers", "GET", {"id": "E5"}, {"depth": 3}),
    ("/api/products", "GET", {}, {}),
    ("/api/products/{id}", "GET", {"id": "pet"}, {}),
    ("/api/products/{id}/tiers", "GET", {"id": "fabric"}, {}),
    ("/api/match/suppliers", "GET", {}, {"enterprise": "E5"}),
    ("/api/match/buyers", "GET", {}, {"enterprise": "E3"}),
    ("/api/paths/supply", "GET", {}, {"source": "E1", "target": "E5"}),
    ("/api/paths/route", "GET", {}, {"source": "px", "target": "fabric"}),
    ("/api/chains", "GET", {}, {}),
    ("/api/chains/{id}", "GET", {"id": "poly"}, {}),
    ("/api/chains/{id}/firms", "GET", {"id": "poly"}, {"stage": "上游"}),
    ("/api/gaps", "GET", {}, {}),
    ("/api/risk/single-source", "GET", {}, {}),
    ("/api/risk/impact", "GET", {}, {"enterprise": "E1"}),
    ("/api/analytics/centrality", "GET", {}, {"measure": "degree"}),
    ("/api/analytics/pagerank", "GET", {}, {"ties": "supply"}),
    ("/api/analytics/communities", "GET", {}, {"seed": 1}),
    ("/api/paths/weighted", "GET", {}, {"source": "E1", "target": "E5"}),
    ("/api/geo", "GET", {}, {"flows": "1"}),
    ("/api/export", "GET", {}, {"format": "json", "query": "chain", "id": "poly"}),
    ("/api/targets/fill", "GET", {}, {}),
    ("/api/targets/strengthen", "GET", {}, {}),
    ("/api/targets/extend", "GET", {}, {}),
    ("/api/kpis", "GET", {}, {}),
    ("/api/board/posts", "GET", {}, {"kind": "产品"}),
    ("/api/board/posts/{post_id}", "GET", {"post_id": "BP1"}, {}),
    ("/api/board/posts/{post_id}/matches", "GET", {"post_id": "BP1"}, {}),
    ("/api/changes", "GET", {}, {}),
    ("/api/changes/digest", "GET", {}, {"since": "2019-01-01", "until": "2026-01-01"}),
    ("/api/changes/{change_id}", "GET", {"change_id": 1}, {"limit": 3}),
]
#: JSON operations no request here can answer 200: Cypher needs the Neo4j store (501 on the
#: embedded one), a load needs a bundle file (tests/test_api_bundles.py checks its answer), and
#: a revert would undo the reference network (tests/api/test_changes.py checks it)
NOT_HERE = {
    ("/api/cypher", "POST"),
    ("/api/bundles", "POST"),
    ("/api/changes/{change_id}/revert", "POST"),
}
#: the board's writes change the graph: tests/api/routers/test_board.py checks their answers
NOT_HERE |= {
    ("/api/board/posts", "POST"),
    ("/api/board/posts/{post_id}/accept", "POST"),
    ("/api/board/posts/{post_id}/withdraw", "POST"),
}


def test_every_operation_has_a_known_good_request() -> None:
    assert {(p, m) for p, m, _ in operations()} == {(p, m) for p, m, *_ in GOOD} | NOT_HERE


@pytest.mark.parametrize("path, method, path_parameters, query", GOOD, ids=[g[0] for g in GOOD])
def test_known_good_answers_match_their_schema(
    path: str, method: str, path_parameters: dict[str, Any], query: dict[str, Any]
) -> None:
    case = SCHEMA[path][method].Case(path_parameters=path_parameters, query=query)
    response = case.call(headers=HEADERS)
    assert response.status_code == 200, response.text
    case.validate_response(response, checks=[response_schema_conformance])


def test_a_wrong_schema_is_caught() -> None:
    """The check fails when an answer does not match: the contract test can fail."""
    case = SCHEMA["/api/stats"]["GET"].Case()
    response = case.call(headers=HEADERS)
    stats = DOC["paths"]["/api/stats"]["get"]["responses"]["200"]["content"][JSON]
    saved = stats["schema"]
    stats["schema"] = {"type": "object", "additionalProperties": {"type": "string"}}
    try:
        wrong = schemathesis.openapi.from_dict(DOC)
        with pytest.raises(FailureGroup) as caught:
            wrong["/api/stats"]["GET"].Case().validate_response(
                response, checks=[response_schema_conformance]
            )
        assert [type(e) for e in caught.value.exceptions] == [JsonSchemaError]
    finally:
        stats["schema"] = saved


# -- generated requests ---------------------------------------------------------------------
#: which node kind an id-valued parameter names, by parameter and path
KIND = {"enterprise": Label.ENTERPRISE, "product": Label.PRODUCT, "region": Label.REGION}
KIND |= {"chain": Label.CHAIN}


def _kind(path: str, name: str) -> list[str]:
    if name in KIND:
        return IDS[KIND[name]]
    if path.startswith("/api/paths/route"):
        return IDS[Label.PRODUCT]
    if path.startswith(("/api/paths/supply", "/api/paths/weighted", "/api/enterprises")):
        return IDS[Label.ENTERPRISE]
    if path.startswith("/api/products"):
        return IDS[Label.PRODUCT]
    if path.startswith("/api/chains"):
        return IDS[Label.CHAIN]
    return [i for ids in IDS.values() for i in ids]


def _known_ids(context: schemathesis.HookContext, values: dict[str, Any]) -> Any:
    """Each id-valued parameter: as generated, or (as often) an id of the reference network."""
    if not isinstance(values, dict):  # no parameters of this kind
        return st.just(values)
    path = context.operation.path if context.operation else ""
    drawn = {
        k: st.sampled_from([v, *_kind(path, k)])
        if isinstance(v, str) and k in {*KIND, "id", "source", "target"}
        else st.just(v)
        for k, v in values.items()
    }
    return st.fixed_dictionaries(drawn)


SCHEMA.hook("flatmap_path_parameters")(_known_ids)
SCHEMA.hook("flatmap_query")(_known_ids)


@pytest.mark.slow
@SCHEMA.parametrize()
@hypothesis.settings(
    max_examples=12,
    deadline=None,
    derandomize=True,
    database=None,
)
def test_generated_requests_get_answers_that_match_their_schema(
    case: schemathesis.Case,
) -> None:
    case.call_and_validate(headers=HEADERS, checks=[response_schema_conformance])
