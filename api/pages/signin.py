"""Pages send an anonymous browser to the sign-in page instead of answering 401.

With anonymous reading off, a browser navigating to a page without credentials is sent to
``/login?next=…`` (303) rather than shown a 401 problem; ``/api/...`` and the pages' own
``fetch`` calls keep answering problem details.
"""

from __future__ import annotations

from collections.abc import Callable, Coroutine
from typing import Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, Request
from fastapi.responses import RedirectResponse, Response
from fastapi.routing import APIRoute

from chainatlas.api.auth import SESSION_COOKIE, require_viewer, safe_next
from chainatlas.api.pages.responses import root_path
from chainatlas.api.problems import Problem


def _navigation(request: Request) -> bool:
    """A person's browser opening a page: GET or HEAD, HTML wanted, no key in a header."""
    return (
        request.method in ("GET", "HEAD")
        and "text/html" in request.headers.get("accept", "")
        and "x-api-key" not in request.headers
        and "authorization" not in request.headers
    )


class PageRoute(APIRoute):
    """A page route: an unauthenticated browser navigation goes to the sign-in page (303)
    instead of getting the 401 problem that scripts and API clients get."""

    def get_route_handler(self) -> Callable[[Request], Coroutine[Any, Any, Response]]:
        handle = super().get_route_handler()

        async def route(request: Request) -> Response:
            try:
                return await handle(request)
            except Problem as problem:
                if problem.kind.slug != "unauthorized" or not _navigation(request):
                    raise
                return _to_login(request)

        return route


def _to_login(request: Request) -> Response:
    root = root_path(request)
    path = request.url.path
    if root and path.startswith(root + "/"):
        path = path[len(root) :]
    query = request.url.query
    target = safe_next(f"{path}?{query}" if query else path)
    response = RedirectResponse(
        f"{root}/login?{urlencode({'next': target})}",
        status_code=303,
        headers={"Cache-Control": "no-store"},
    )
    if SESSION_COOKIE in request.cookies:  # expired or unknown: let it go
        response.delete_cookie(SESSION_COOKIE, path="/", httponly=True, samesite="strict")
    return response


def page_router() -> APIRouter:
    """A router for pages a viewer may see, with the sign-in redirect for browsers."""
    return APIRouter(
        include_in_schema=False, dependencies=[Depends(require_viewer)], route_class=PageRoute
    )
