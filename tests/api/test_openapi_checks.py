"""Schemathesis with every check it has (not only schema conformance) against the app's own
OpenAPI document: server errors, status codes, content types, headers, schemas, negative data
rejected, positive data accepted, authentication and unsupported methods (issue 12).

Requests are generated from the document, with positive and negative data, a few per
operation, derandomized. The rules between parameters that a parameter's schema cannot state
(``source`` ≠ ``target``, ``enterprise`` xor ``product``, an export of one node's subgraph
needs ``id``, the upload's file types) are in the document too, as the operation's
``x-parameter-rules`` (api/rules.py): a generated request that breaks one is not valid data by
the document, so it must be refused as the rule says (422, or 415) and is not held to
``positive_data_acceptance``; every other request is. What the document truly cannot say is
left out in :data:`EXCEPT`, each entry with its reason.
"""

from __future__ import annotations

from typing import Any

import hypothesis
import pytest
import schemathesis
from schemathesis.checks import CheckContext, not_a_server_error
from schemathesis.core.failures import Failure
from schemathesis.core.transport import Response
from schemathesis.specs.openapi.checks import positive_data_acceptance

from chainatlas.api.app import OPENAPI_URL, create_app
from tests.support.api import KEY_OF, reference_store, settings
from tests.support.rules import REFUSAL, broken

APP = create_app(settings(), reference_store())
SCHEMA = schemathesis.openapi.from_asgi(OPENAPI_URL, APP)
HEADERS = {"X-API-Key": KEY_OF["admin"]}
#: (method, path) → the rules between its parameters, as the live document states them
RULES = {
    (method.upper(), path): op.get("x-parameter-rules", [])
    for path, item in SCHEMA.raw_schema["paths"].items()
    for method, op in item.items()
}


def cypher_unavailable_only(ctx: CheckContext, response: Response, case: schemathesis.Case) -> None:
    """In place of ``not_a_server_error`` for Cypher: its one 5xx is the documented 501."""
    if response.status_code >= 500 and not (
        response.status_code == 501 and response.json()["type"].endswith("/cypher-unavailable")
    ):
        raise Failure(operation=case.operation.label, title="Server error", message=response.text)


#: (method, path) → the checks left out there (and any narrower check in their place), and why
EXCEPT: dict[tuple[str, str], tuple[list[Any], list[Any], str]] = {
    # The reference app runs the embedded store, where Cypher answers the documented 501
    # cypher-unavailable: a store's kind is no parameter a schema can constrain (Cypher on
    # Neo4j is tested in tests/api/test_cypher.py). Any other 5xx still fails.
    ("POST", "/api/cypher"): ([not_a_server_error], [cypher_unavailable_only], "501 embedded"),
    # A post naming a firm, product or chain the map does not hold is a located 422 on its
    # field (issue 15: the loaders' rules, field by field), which no schema can know.
    ("POST", "/api/board/posts"): ([positive_data_acceptance], [], "unknown ids: 422 by field"),
}


def given(case: schemathesis.Case) -> dict[str, Any]:
    """The parameters a case gives, by name, as the rules name them (an upload's file part by
    the file name it is sent with)."""
    params = dict(case.query or {})
    if isinstance(case.body, dict) and "file" in case.body:
        # a schema cannot name a file, so schemathesis sends the bytes named after their field:
        # never a .zip or .xlsx, always refused by the file-types rule (415), as checked below
        params["file"] = "file"
    return params


@pytest.mark.slow
@SCHEMA.parametrize()
@hypothesis.settings(
    max_examples=8,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=list(hypothesis.HealthCheck),
)
def test_every_check_passes(case: schemathesis.Case) -> None:
    key = (case.operation.method.upper(), case.operation.path)
    left_out, instead, _reason = EXCEPT.get(key, ([], [], ""))
    rules = [r for r in RULES[key] if broken(r, given(case))]
    if rules:  # not valid by the document: refused as its rule says, below
        left_out = [*left_out, positive_data_acceptance]
    response = case.call_and_validate(
        headers=HEADERS, excluded_checks=left_out, additional_checks=instead
    )
    positive = case.meta is not None and case.meta.generation.mode.is_positive
    if rules and positive and response.status_code < 500:
        assert response.status_code in {REFUSAL[r["rule"]] for r in rules}, response.text
