"""The problem answers in the OpenAPI document: each error response declared once under
``components/responses`` (:func:`components`) and named by every operation
(:func:`openapi_responses`); the answers themselves are :mod:`chainatlas.api.problems`'."""

from __future__ import annotations

from http import HTTPStatus
from typing import Any

from chainatlas.api.problems import MEDIA_TYPE, PROBLEMS

#: the error answers of the document, declared once under ``components/responses`` and named
#: there by every operation: name → (status, schema, headers)
RESPONSES: dict[str, tuple[int, str, tuple[str, ...]]] = {
    "BadRequest": (400, "ProblemDetails", ()),
    "Unauthorized": (401, "ProblemDetails", ("WWW-Authenticate",)),
    "Forbidden": (403, "ProblemDetails", ()),
    "NotFound": (404, "ProblemDetails", ()),
    "Conflict": (409, "ProblemDetails", ()),
    "PayloadTooLarge": (413, "ProblemDetails", ()),
    "UnsupportedMediaType": (415, "ProblemDetails", ()),
    "ValidationFailed": (422, "ValidationProblem", ()),
    "BundleRejected": (422, "BundleProblem", ()),
    "QueryInvalid": (400, "QueryProblem", ()),
    "TooManyRequests": (429, "ProblemDetails", ("Retry-After",)),
    "InternalError": (500, "ProblemDetails", ()),
    "CypherUnavailable": (501, "ProblemDetails", ()),
    "StoreUnavailable": (503, "ProblemDetails", ("Retry-After",)),
    "InsufficientStorage": (507, "ProblemDetails", ()),
}
#: the response an error status names unless a route says otherwise
BY_STATUS_RESPONSE = {status: name for name, (status, *_) in reversed(RESPONSES.items())}
RESPONSE_REF = "#/components/responses/"
_HEADERS = {
    "WWW-Authenticate": '`Bearer realm="chainatlas"`: send an API key.',
    "Retry-After": "Seconds to wait before trying again.",
}


def openapi_responses(
    *statuses: int, overrides: dict[int, str] | None = None
) -> dict[int | str, dict[str, Any]]:
    """The ``responses=`` entry naming the problem answers of ``statuses`` (each a reference
    to its one declaration in :func:`components`); ``overrides`` picks another response of
    :data:`RESPONSES` for a status (the upload's 422 lists bundle issues). A route that
    checks credentials (401) is rate limited too (429, :mod:`api.limits`)."""
    statuses = (*statuses, 429) if 401 in statuses else statuses
    chosen = {s: BY_STATUS_RESPONSE[s] for s in statuses} | (overrides or {})
    return {s: {"$ref": RESPONSE_REF + name} for s, name in sorted(chosen.items())}


def components() -> dict[str, dict[str, Any]]:
    """``components/responses`` of the document: each problem answer once, on
    ``application/problem+json`` only, with its schema and the problem types it can carry."""
    out = {}
    for name, (status, schema, headers) in RESPONSES.items():
        kinds = sorted(p.slug for p in PROBLEMS.values() if p.status == status)
        if name == "BundleRejected":
            kinds = ["bundle-invalid", "validation"]
        elif name == "QueryInvalid":
            kinds = ["query-invalid"]
        entry: dict[str, Any] = {
            "description": f"{HTTPStatus(status).phrase}: a problem of type "
            + ", ".join(f"`{k}`" for k in kinds)
            + ".",
            "content": {MEDIA_TYPE: {"schema": {"$ref": f"#/components/schemas/{schema}"}}},
        }
        if headers:
            entry["headers"] = {
                h: {"description": _HEADERS[h], "schema": {"type": "string"}} for h in headers
            }
        out[name] = entry
    return out
