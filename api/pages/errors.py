"""A person's browser gets an HTML error page, in the page's two languages; scripts and API
clients keep the RFC 9457 problem details.

:func:`install` wraps every exception handler the app has: when the answer is a problem and
the request is a browser navigating to a page (GET, ``text/html`` accepted, no key in a
header, not under ``/api``, not ``format=json``), the problem is shown as a page with its
status, what went wrong and the way back to the map and the analyses.
"""

from __future__ import annotations

import inspect
import json
from collections.abc import Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import Response

from chainatlas.api.pages.responses import SECURITY_HEADERS, root_path
from chainatlas.api.problems import MEDIA_TYPE
from chainatlas.viz import render_page

#: what each kind of problem says to a person (中文, English)
SAYS: dict[str, tuple[str, str]] = {
    "unknown-entity": (
        "找不到这个编号对应的企业或产品。",
        "There is no firm or product with this id.",
    ),
    "not-found": ("没有这个页面。", "There is no such page."),
    "no-path": ("在给定跳数内没有找到路径。", "No path within the given number of hops."),
    "validation": (
        "页面参数有误，请检查后重试。",
        "A value in the address is not valid; check it and try again.",
    ),
    "store-unavailable": (
        "图数据库暂时无法访问，请稍后再试。",
        "The graph store cannot be reached right now; try again shortly.",
    ),
}
_DEFAULT = ("请求未能完成。", "The request could not be completed.")
Handler = Callable[[Request, Exception], Any]


def wants_page(request: Request) -> bool:
    """A browser navigating to a page (not ``/api``, not a script asking for JSON)."""
    path = request.url.path[len(root_path(request)) :]
    return (
        request.method in ("GET", "HEAD")
        and "text/html" in request.headers.get("accept", "")
        and "x-api-key" not in request.headers
        and "authorization" not in request.headers
        and not path.startswith(("/api/", "/view/assets/"))
        and request.query_params.get("format") in (None, "html")
    )


def error_page(request: Request, problem: dict[str, Any], headers: dict[str, str]) -> Response:
    """The page showing ``problem`` (a problem-details body)."""
    status = int(problem.get("status", 500))
    says = SAYS.get(str(problem.get("type", "")).rsplit("/", 1)[-1], _DEFAULT)
    entity = problem.get("entity")
    if isinstance(entity, dict):
        kind = str(entity.get("kind", ""))
        zh = {"Enterprise": "企业", "Product": "产品", "Chain": "产业链", "Region": "区域"}
        says = (
            f"找不到编号为 {entity.get('id')} 的{zh.get(kind, kind)}。",
            f"There is no {kind.lower()} with id {entity.get('id')}.",
        )
    fields = [
        (str(e.get("name", "")), str(e.get("message", "")))
        for e in problem.get("errors", [])
        if isinstance(e, dict)
    ]
    html = render_page(
        "error",
        title=(f"出错了 · {status}", f"Error {status}"),
        root=root_path(request),
        status=status,
        says=says,
        detail=str(problem.get("detail", "")),
        fields=fields,
        account=None,
        sign_in=False,
    )
    keep = {k: v for k, v in headers.items() if k.lower() == "retry-after"}
    return Response(
        html, status_code=status, media_type="text/html", headers={**SECURITY_HEADERS, **keep}
    )


def _wrap(handler: Handler) -> Handler:
    async def handle(request: Request, exc: Exception) -> Response:
        answer = handler(request, exc)
        if inspect.isawaitable(answer):
            answer = await answer
        if not isinstance(answer, Response):  # pragma: no cover - every handler answers one
            raise TypeError(f"{handler!r} answered {type(answer).__name__}")
        if answer.media_type != MEDIA_TYPE or not wants_page(request):
            return answer
        body = json.loads(bytes(answer.body))
        return error_page(request, body, dict(answer.headers))

    return handle


def install(app: FastAPI) -> None:
    """Wrap every exception handler of ``app`` (call after :func:`api.problems.install`)."""
    for kind, handler in list(app.exception_handlers.items()):
        app.exception_handlers[kind] = _wrap(handler)
