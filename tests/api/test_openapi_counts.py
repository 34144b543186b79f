"""The document that clients are generated from, counted (issue 17, first "Done when" line):
0 untyped 2xx JSON answers, 0 error answers without a problem schema, 0 operation ids over 32
characters, counted on the live ``/api/openapi.json``. The counters are shown to find each
fault in FastAPI's default document first, so these zeros cannot pass by counting nothing.
"""

from __future__ import annotations

from typing import Any

from fastapi import FastAPI
from pydantic import BaseModel

from chainatlas.api.app import create_app
from chainatlas.api.problems import MEDIA_TYPE
from tests.support.api import TestClient, client, settings

JSON = "application/json"
MAX_ID = 32
SCALARS = ("string", "integer", "number", "boolean", "null")


def operations(doc: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(f"{m.upper()} {p}", op) for p, item in doc["paths"].items() for m, op in item.items()]


def deref(doc: dict[str, Any], node: dict[str, Any]) -> dict[str, Any]:
    """``node`` with every ``#/components/...`` reference at its top followed."""
    while "$ref" in node:
        *_, section, name = node["$ref"].split("/")
        node = doc["components"][section][name]
    return node


def typed(doc: dict[str, Any], schema: dict[str, Any]) -> bool:
    """Whether a JSON answer's schema names its members (or its items' or values' types), and
    does not let anything through at its top (``additionalProperties: true``)."""
    s = deref(doc, schema)
    if s.get("additionalProperties") is True:
        return False
    if s.get("type") in SCALARS or "enum" in s or "const" in s:
        return True
    if s.get("anyOf"):
        return all(typed(doc, branch) for branch in s["anyOf"])
    if s.get("properties"):
        return True
    if "items" in s:
        return typed(doc, s["items"]) if s["items"] else False
    extra = s.get("additionalProperties")
    return isinstance(extra, dict) and bool(extra)


def untyped_2xx_json(doc: dict[str, Any]) -> list[str]:
    return [
        f"{name} {status}"
        for name, op in operations(doc)
        for status, answer in op["responses"].items()
        if status.startswith("2")
        for media, entry in deref(doc, answer).get("content", {}).items()
        if (media == JSON or media.endswith("+json")) and not typed(doc, entry.get("schema", {}))
    ]


def untyped_errors(doc: dict[str, Any]) -> list[str]:
    """Error answers not exactly ``application/problem+json`` with a problem schema."""
    found = []
    for name, op in operations(doc):
        for status, answer in op["responses"].items():
            if status[0] not in "45":
                continue
            content = deref(doc, answer).get("content", {})
            schema = deref(doc, content.get(MEDIA_TYPE, {}).get("schema", {}))
            problem = {"type", "title", "status", "detail"} <= set(schema.get("properties", {}))
            if set(content) != {MEDIA_TYPE} or not problem:
                found.append(f"{name} {status}")
    return found


def long_operation_ids(doc: dict[str, Any]) -> list[str]:
    return [op["operationId"] for _, op in operations(doc) if len(op["operationId"]) > MAX_ID]


# -- the counters find what they count --------------------------------------------------------
class Problem(BaseModel):
    type: str


def fastapi_default() -> dict[str, Any]:
    """FastAPI's own document for two routes of the kind issue 17 found."""
    app = FastAPI()

    @app.get(
        "/api/enterprises/{id}/tiers",
        responses={404: {"model": Problem, "content": {MEDIA_TYPE: {}}}},
    )
    def enterprise_tiers(id: str) -> dict[str, Any]:
        return {}

    @app.get("/api/stats", response_model=list[dict[str, Any]])
    def stats() -> list[dict[str, Any]]:
        return []

    return app.openapi()


def test_the_counters_find_fastapis_defaults() -> None:
    doc = fastapi_default()
    assert untyped_2xx_json(doc) == [
        "GET /api/enterprises/{id}/tiers 200",
        "GET /api/stats 200",
    ]
    # the 404 with no schema on problem+json, and FastAPI's own 422 on plain JSON
    assert untyped_errors(doc) == [
        "GET /api/enterprises/{id}/tiers 404",
        "GET /api/enterprises/{id}/tiers 422",
    ]
    assert long_operation_ids(doc) == ["enterprise_tiers_api_enterprises__id__tiers_get"]


def test_typed_refuses_an_open_top_and_untyped_items() -> None:
    doc: dict[str, Any] = {"components": {"schemas": {}}}
    assert not typed(doc, {"type": "object", "properties": {"a": {}}, "additionalProperties": True})
    assert not typed(doc, {"type": "array", "items": {}})
    assert typed(doc, {"type": "array", "items": {"type": "integer"}})
    assert not typed(doc, {"anyOf": [{"type": "object"}, {"type": "null"}]})
    assert not typed(doc, {})


# -- the live document ------------------------------------------------------------------------
def live(anonymous: bool) -> dict[str, Any]:
    api: TestClient
    with client(anonymous=anonymous) as api:
        answer = api.get("/api/openapi.json")
    assert answer.status_code == 200
    doc: dict[str, Any] = answer.json()
    return doc


def test_the_live_document_has_none_of_the_three_faults() -> None:
    for anonymous in (False, True):
        doc = live(anonymous)
        assert len(operations(doc)) > 20  # the whole API is counted
        assert untyped_2xx_json(doc) == []
        assert untyped_errors(doc) == []
        assert long_operation_ids(doc) == []


def test_each_error_answer_is_declared_once_and_named_by_reference() -> None:
    doc = live(False)
    for _, op in operations(doc):
        for status, answer in op["responses"].items():
            if status[0] in "45":
                assert set(answer) == {"$ref"}
                assert answer["$ref"].startswith("#/components/responses/")
    declared = doc["components"]["responses"]
    unprocessable = deref(doc, declared["ValidationFailed"]["content"][MEDIA_TYPE]["schema"])
    errors = deref(doc, unprocessable["properties"]["errors"]["items"])
    assert set(errors["required"]) == {"in", "name", "message", "type"}


def test_an_error_declared_by_hand_becomes_the_shared_declaration() -> None:
    app = create_app(settings())

    @app.get("/api/extra", responses={404: {"description": "gone"}, 418: {}, 502: {}})
    def extra() -> dict[str, int]:
        return {}

    answers = app.openapi()["paths"]["/api/extra"]["get"]["responses"]
    refs = {s: a["$ref"].rsplit("/", 1)[-1] for s, a in answers.items() if s != "200"}
    assert refs == {"404": "NotFound", "418": "BadRequest", "502": "InternalError"}


def test_files_go_up_and_come_down_as_binary() -> None:
    doc = live(False)
    upload = doc["paths"]["/api/bundles"]["post"]["requestBody"]["content"]
    body = deref(doc, upload["multipart/form-data"]["schema"])
    assert body["title"] == "UploadBundleBody"
    assert body["properties"]["file"]["format"] == "binary"
    assert "contentMediaType" not in body["properties"]["file"]
    exports = doc["paths"]["/api/export"]["get"]["responses"]["200"]["content"]
    files = {m: e["schema"] for m, e in exports.items() if m != JSON}
    assert set(files) == {"application/graphml+xml", "application/gexf+xml", "application/zip"}
    assert all(s == {"type": "string", "format": "binary"} for s in files.values())
    assert exports[JSON]["schema"] == {"$ref": "#/components/schemas/NodeLinkGraph"}


def test_stats_and_cypher_answer_named_models() -> None:
    doc = live(False)
    answer = doc["paths"]["/api/stats"]["get"]["responses"]["200"]["content"][JSON]["schema"]
    stats = deref(doc, answer)
    assert stats["title"] == "Stats"
    assert len(stats["required"]) == 11 == len(stats["properties"])
    assert {p["type"] for p in stats["properties"].values()} == {"integer"}
    assert stats["examples"][0]["enterprises"] == 155  # the demo's
    cypher = doc["paths"]["/api/cypher"]["post"]["responses"]
    assert cypher["400"] == {"$ref": "#/components/responses/QueryInvalid"}
    problem = deref(doc, deref(doc, cypher["400"])["content"][MEDIA_TYPE]["schema"])
    assert {"line", "column"} <= set(problem["properties"])
    result = deref(doc, cypher["200"]["content"][JSON]["schema"])
    assert set(result["required"]) == {"columns", "rows", "truncated"}
