"""Errors as RFC 9457 problem details: the one place exceptions become HTTP answers.

Every error answer is ``application/problem+json`` with ``type`` (a stable URI per kind of
error, listed in :data:`PROBLEMS` and in docs/api.md), ``title``, ``status``, ``detail`` and
``instance`` (the request path), plus members of its own kind (``errors``, ``entity``…).

Nothing a client sent in a query body is echoed back (Cypher text, parameters, field input),
and an unexpected error says only that it happened: the traceback goes to the server log.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.routing import Match

from chainatlas.graph.errors import (
    BundleInvalid,
    BundleTooLarge,
    ChangeConflict,
    ConfigError,
    GraphChanged,
    InvalidOption,
    Issue,
    LoadRefused,
    NoPath,
    PostConflict,
    PostInvalid,
    QueryInvalid,
    QueryRefused,
    SaveFailed,
    StoreUnavailable,
    UnknownEntity,
)

log = logging.getLogger("chainatlas.api")

MEDIA_TYPE = "application/problem+json"
BASE = "https://chainatlas.dev/problems/"
#: seconds a client should wait before retrying when the store is unavailable
RETRY_AFTER_S = 5


@dataclass(frozen=True)
class ProblemType:
    slug: str
    status: int
    title: str

    @property
    def uri(self) -> str:
        return BASE + self.slug


PROBLEMS: dict[str, ProblemType] = {
    p.slug: p
    for p in (
        ProblemType("bad-request", 400, "Bad request"),
        ProblemType("unauthorized", 401, "Authentication required"),
        ProblemType("forbidden", 403, "Not allowed for this role"),
        ProblemType("query-invalid", 400, "Query invalid"),
        ProblemType("query-refused", 403, "Query refused"),
        ProblemType("not-found", 404, "Not found"),
        ProblemType("unknown-entity", 404, "Unknown entity"),
        ProblemType("no-path", 404, "No path"),
        ProblemType("method-not-allowed", 405, "Method not allowed"),
        ProblemType("conflict", 409, "Conflict"),
        ProblemType("payload-too-large", 413, "Payload too large"),
        ProblemType("unsupported-media-type", 415, "Unsupported media type"),
        ProblemType("misdirected", 421, "Misdirected request"),
        ProblemType("validation", 422, "Invalid request"),
        ProblemType("bundle-invalid", 422, "Bundle invalid"),
        ProblemType("load-refused", 409, "Load refused"),
        ProblemType("post-conflict", 409, "Post conflict"),
        ProblemType("too-many-requests", 429, "Too many requests"),
        ProblemType("cypher-unavailable", 501, "Cypher needs the Neo4j store"),
        ProblemType("store-unavailable", 503, "Graph store unavailable"),
        ProblemType("insufficient-storage", 507, "Insufficient storage"),
        ProblemType("internal", 500, "Internal server error"),
    )
}
_BY_STATUS = {
    400: "bad-request",
    401: "unauthorized",
    403: "forbidden",
    404: "not-found",
    405: "method-not-allowed",
    409: "conflict",
    413: "payload-too-large",
    415: "unsupported-media-type",
    421: "misdirected",
    422: "validation",
    429: "too-many-requests",
    501: "cypher-unavailable",
    503: "store-unavailable",
}


class Problem(Exception):
    """Raise from a route to answer with the problem ``slug`` (and extra members)."""

    def __init__(
        self, slug: str, detail: str, *, headers: dict[str, str] | None = None, **members: Any
    ) -> None:
        super().__init__(detail)
        self.kind = PROBLEMS[slug]
        self.detail = detail
        self.headers = headers or {}
        self.members = members


def problem_response(
    request: Request,
    slug: str,
    detail: str,
    *,
    headers: dict[str, str] | None = None,
    **members: Any,
) -> JSONResponse:
    kind = PROBLEMS[slug]
    body: dict[str, Any] = {
        "type": kind.uri,
        "title": kind.title,
        "status": kind.status,
        "detail": detail,
        "instance": request.url.path,
    }
    body.update(members)
    return JSONResponse(body, status_code=kind.status, media_type=MEDIA_TYPE, headers=headers)


def validation_errors(errors: Sequence[Any]) -> list[dict[str, Any]]:
    """Pydantic errors as ``{in, name, message, type}``, without the input a client sent."""
    out = []
    for e in errors:
        loc = [str(p) for p in e.get("loc", ())]
        where = loc[0] if loc and loc[0] in ("query", "path", "header", "body", "cookie") else ""
        # a parameter by its name (``kind``, not ``kind.0``); a body field by its path
        name = (
            ".".join(loc[1:])
            if where == "body"
            else (loc[1] if where and len(loc) > 1 else ".".join(loc))
        )
        out.append(
            {"in": where, "name": name, "message": e.get("msg", ""), "type": e.get("type", "")}
        )
    return out


def issue_doc(issue: Issue) -> dict[str, Any]:
    """A bundle issue as JSON: where (file, row, column) and what."""
    return {
        "file": issue.file,
        "row": issue.row,
        "column": issue.column,
        "message": issue.message,
        "severity": issue.severity,
        "code": issue.code,
    }


# -- handlers --------------------------------------------------------------------------------
def _problem(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, Problem)
    return problem_response(request, exc.kind.slug, exc.detail, headers=exc.headers, **exc.members)


def _validation(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    errors = validation_errors(exc.errors())
    names = ", ".join(sorted({e["name"] for e in errors if e["name"]})) or "the request"
    if errors and all(e["type"] == "extra_forbidden" and e["in"] == "query" for e in errors):
        return problem_response(
            request, "validation", f"Unknown query parameter: {names}.", errors=errors
        )
    return problem_response(request, "validation", f"Invalid value in {names}.", errors=errors)


def _invalid_option(request: Request, exc: Exception) -> JSONResponse:
    # A query refusing one of its options (docs/queries.md): the message names the option and
    # what it accepts. Any other ValueError is a bug of ours and answers 500.
    assert isinstance(exc, InvalidOption)
    return problem_response(request, "validation", str(exc), errors=[])


def _unknown(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, UnknownEntity)
    return problem_response(
        request,
        "unknown-entity",
        f"No {exc.kind.lower()} has id {exc.id!r}.",
        entity={"kind": exc.kind, "id": exc.id},
    )


def _post_conflict(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, PostConflict)
    return problem_response(
        request, "post-conflict", str(exc) + ".", post_id=exc.post_id, status_of_post=exc.status
    )


def _post_invalid(request: Request, exc: Exception) -> JSONResponse:
    # a post's problems by field, as any invalid body (the values are not echoed)
    assert isinstance(exc, PostInvalid)
    errors = [{"in": "body", "name": f, "message": m, "type": c} for f, m, c in exc.problems]
    names = ", ".join(sorted({f for f, _, _ in exc.problems}))
    return problem_response(request, "validation", f"Invalid value in {names}.", errors=errors)


def _no_path(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NoPath)
    beyond: dict[str, Any] = {} if exc.shortest is None else {"shortest": exc.shortest}
    return problem_response(
        request, "no-path", str(exc) + ".", source=exc.source, target=exc.target, **beyond
    )


def _change_conflict(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ChangeConflict)
    return problem_response(
        request,
        "conflict",
        str(exc) + ".",
        change_set=exc.change_set,
        blocking_change_set=exc.blocking,
    )


def _graph_changed(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, GraphChanged)
    return problem_response(request, "conflict", str(exc) + ".")


def _bundle(request: Request, exc: Exception) -> JSONResponse:
    # the first issues of each severity, and how many of each code there are in all
    assert isinstance(exc, BundleInvalid)
    issues = [issue_doc(i) for i in exc.issues]
    if isinstance(exc, BundleTooLarge):
        detail = "; ".join(i.message for i in exc.issues[:3]) or str(exc)
        slug = "payload-too-large"
    else:
        slug, detail = "bundle-invalid", str(exc) + "."
    return problem_response(
        request, slug, detail, errors=issues, counts=exc.counts, total=exc.total
    )


def _load_refused(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, LoadRefused)
    return problem_response(
        request, "load-refused", str(exc) + ".", refused=exc.counts, max_end_share=exc.max_share
    )


def _refused(request: Request, exc: Exception) -> JSONResponse:
    if not isinstance(exc, QueryInvalid):
        # refused by our own checks (writes, procedures, time limit): the reason names
        # operators or limits, never the query's text
        return problem_response(request, "query-refused", str(exc) or "The query was refused.")
    # the server's own message quotes the query: give its code and position only
    position: dict[str, Any] = (
        {"line": exc.line, "column": exc.column} if exc.line is not None else {}
    )
    kind = "a syntax error" if exc.syntax else "an error"
    return problem_response(
        request, "query-invalid", f"Neo4j reports {kind} in the query ({exc.code}).", **position
    )


def _unavailable(request: Request, exc: Exception) -> JSONResponse:
    holder = getattr(request.app.state, "store_holder", None)
    if holder is not None:
        holder.mark_down()
    log.warning("store unavailable: %s", type(exc).__name__)
    return problem_response(
        request,
        "store-unavailable",
        "The graph store cannot be reached right now; try again shortly.",
        headers={"Retry-After": str(RETRY_AFTER_S)},
    )


def _save_failed(request: Request, exc: Exception) -> JSONResponse:
    # the server's own file system: its reason is the caller's business, its path is not
    assert isinstance(exc, SaveFailed)
    log.error("could not save the graph: %s", exc)
    return problem_response(
        request,
        "insufficient-storage",
        f"The server could not save the graph ({exc.reason}); nothing was written.",
    )


def _http(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    slug = _BY_STATUS.get(exc.status_code)
    if slug is None:
        slug = "bad-request" if exc.status_code < 500 else "internal"
    detail = exc.detail if isinstance(exc.detail, str) else PROBLEMS[slug].title
    headers = dict(exc.headers or {})
    if exc.status_code == 405:  # Starlette names one route's methods; a path may have several
        headers["Allow"] = ", ".join(_allowed(request))
    return problem_response(request, slug, detail, headers=headers)


def _allowed(request: Request) -> list[str]:
    """Every method some route serves at the request's path."""
    methods: set[str] = set()

    def walk(routes: Any, scope: dict[str, Any]) -> None:
        for route in routes:
            match, child = route.matches(scope)
            if match is Match.NONE:
                continue
            # a router included whole (FastAPI's _IncludedRouter wraps the original)
            inner = getattr(getattr(route, "original_router", route), "routes", None)
            if inner is not None and not getattr(route, "methods", None):
                walk(inner, {**scope, **child})
            else:
                methods.update(getattr(route, "methods", None) or ())

    walk(request.app.router.routes, {**request.scope, "method": "GET"})
    return sorted(methods)


def _internal(request: Request, exc: Exception) -> JSONResponse:
    log.error("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    return problem_response(
        request, "internal", "An unexpected error occurred; it has been logged."
    )


def install(app: FastAPI) -> None:
    """Register every handler on ``app``."""
    app.add_exception_handler(Problem, _problem)
    app.add_exception_handler(RequestValidationError, _validation)
    app.add_exception_handler(UnknownEntity, _unknown)
    app.add_exception_handler(NoPath, _no_path)
    app.add_exception_handler(PostConflict, _post_conflict)
    app.add_exception_handler(PostInvalid, _post_invalid)
    app.add_exception_handler(BundleInvalid, _bundle)
    app.add_exception_handler(LoadRefused, _load_refused)
    app.add_exception_handler(QueryRefused, _refused)
    app.add_exception_handler(StoreUnavailable, _unavailable)
    app.add_exception_handler(SaveFailed, _save_failed)
    app.add_exception_handler(InvalidOption, _invalid_option)
    app.add_exception_handler(ChangeConflict, _change_conflict)
    app.add_exception_handler(GraphChanged, _graph_changed)
    app.add_exception_handler(StarletteHTTPException, _http)
    app.add_exception_handler(ConfigError, _internal)
    app.add_exception_handler(Exception, _internal)
