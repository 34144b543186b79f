"""The rules between parameters in the OpenAPI document (issue 12, item 11) are the server's:
for every combination tried, the server refuses a request (422, or 415 for an upload) exactly
when a rule of the live document's ``x-parameter-rules`` forbids it, and the rule is written
for people in the operation's description too."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chainatlas.api.rules import RULES
from tests.support.api import TestClient, auth, client
from tests.support.bundles import GOOD
from tests.support.live import bundle
from tests.support.rules import REFUSAL, broken


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    with client() as c:
        yield c


@pytest.fixture(scope="module")
def operations(api: TestClient) -> dict[str, dict[str, Any]]:
    doc = api.get("/api/openapi.json").json()
    return {
        op["operationId"]: op | {"path": path}
        for path, item in doc["paths"].items()
        for op in item.values()
    }


def combinations(**choices: list[str | None]) -> Iterator[dict[str, str]]:
    names = list(choices)
    for values in itertools.product(*choices.values()):
        yield {n: v for n, v in zip(names, values, strict=True) if v is not None}


QUERIES = ["chain", "enterprise", "product", "impact", "gaps", "single-source", None]
#: each operation with rules, the role it needs, and the query parameters to try
TRIED: dict[str, tuple[str, list[dict[str, str]]]] = {
    "export_graph": (
        "analyst",
        [{"format": "json", **c} for c in combinations(query=QUERIES, id=["E1", None])],
    ),
    "supply_paths": ("viewer", list(combinations(source=["E1", "E5"], target=["E1", "E5"]))),
    "weighted_paths": ("viewer", list(combinations(source=["E1", "E5"], target=["E1", "E5"]))),
    "product_routes": ("viewer", list(combinations(source=["px", "pet"], target=["px", "pet"]))),
    "impact": ("viewer", list(combinations(enterprise=["E1", None], product=["px", None]))),
    "get_digest": (
        "viewer",
        list(combinations(since=["2020-01-01", "2099-01-01"], until=["2019-06-30", None])),
    ),
}


def test_every_rule_is_in_the_document_for_programs_and_people(
    operations: dict[str, dict[str, Any]],
) -> None:
    assert set(RULES) == set(TRIED) | {"upload_bundle"}
    for name, rules in RULES.items():
        op = operations[name]
        assert op["x-parameter-rules"] == rules
        assert "**Parameter rules:**" in op["description"]
        for rule in rules:
            assert rule["description"] in op["description"]
            named = rule.get("parameters", [rule.get("parameter")]) + rule.get("requires", [])
            declared = {p["name"] for p in op.get("parameters", [])}
            if rule["rule"] != "file-types":
                assert set(named) <= declared, (name, named)


@pytest.mark.parametrize("name", list(TRIED))
def test_the_server_refuses_exactly_what_the_rules_forbid(
    name: str, api: TestClient, operations: dict[str, dict[str, Any]]
) -> None:
    role, tried = TRIED[name]
    op = operations[name]
    refusals = 0
    for params in tried:
        answer = api.get(op["path"], params=params, headers=auth(role))
        forbidden = [r for r in op["x-parameter-rules"] if broken(r, params)]
        if forbidden:
            refusals += 1
            assert answer.status_code == REFUSAL[forbidden[0]["rule"]], (params, answer.text)
            assert answer.json()["type"].endswith("/validation")
        else:
            assert answer.status_code not in (415, 422), (params, answer.text)
    assert 0 < refusals < len(tried)


def test_an_upload_is_refused_exactly_when_its_type_is_not_listed(
    api: TestClient, operations: dict[str, dict[str, Any]], tmp_path: Path
) -> None:
    op = operations["upload_bundle"]
    (rule,) = op["x-parameter-rules"]
    encoding = op["requestBody"]["content"]["multipart/form-data"]["encoding"]["file"]
    assert "application/zip" in encoding["contentType"]
    content = bundle(GOOD, tmp_path / "bundle.zip").read_bytes()
    for filename in ("bundle.zip", "bundle.ZIP", "bundle.xlsx", "bundle.csv", "bundle"):
        answer = api.post(
            "/api/bundles",
            params={"dry_run": "true"},
            files={"file": (filename, content)},
            headers=auth("editor"),
        )
        if broken(rule, {"file": filename}):
            assert answer.status_code == 415, (filename, answer.text)
        else:
            assert answer.status_code != 415, (filename, answer.text)
