"""Sign-in for people using the pages: ``/login``, ``/logout``, ``/session``.

A browser navigation carries no ``X-API-Key`` header, so with anonymous reading off the pages
could not be used at all. ``POST /login`` takes an API key once, checks it against the
configured keys (in constant time), and answers with a session cookie holding a random token
(never the key; :class:`api.auth.Sessions` maps it to the key's role for 8 hours). The cookie is
``HttpOnly; SameSite=Strict; Path=/`` and ``Secure`` whenever the browser reached us over HTTPS.
The pages' own ``fetch`` calls to ``/api/...`` then carry it like any same-origin request.

Nothing here is in the OpenAPI document: these are routes for browsers, not for API clients,
which keep sending their key with every request.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Form, Query, Request
from fastapi.responses import HTMLResponse, JSONResponse, RedirectResponse, Response

from chainatlas.api.auth import (
    CHALLENGE,
    SESSION_COOKIE,
    check_key,
    safe_next,
    same_origin,
    session_role,
    sessions_of,
)
from chainatlas.api.pages.routes import SECURITY_HEADERS
from chainatlas.api.problems import Problem
from chainatlas.graph.settings import Settings
from chainatlas.viz.assets import asset_url
from chainatlas.viz.render import environment

router = APIRouter(include_in_schema=False)

ASSETS = "/view/assets"
NO_STORE = {"Cache-Control": "no-store"}
#: an API key longer than this is not one (keys are 16+ characters; this bounds the work)
MAX_KEY = 1024

FormText = Annotated[str, Form(max_length=4096)]


def _root(request: Request) -> str:
    return str(request.scope.get("root_path", "")).rstrip("/")


def _secure(request: Request) -> bool:
    """Whether the browser talks to us over HTTPS: the URL we see, a proxy's word for it, or
    the page's own origin. Trusting the headers here can only add ``Secure`` to a cookie,
    never take it away."""
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    origin = request.headers.get("origin", "")
    return request.url.scheme == "https" or forwarded == "https" or origin.startswith("https://")


def _page(
    request: Request,
    *,
    next_path: str,
    status: int = 200,
    error: tuple[str, str] | None = None,
    note: tuple[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> HTMLResponse:
    settings: Settings = request.app.state.settings
    root = _root(request)
    html = (
        environment()
        .get_template("login.html")
        .render(
            page="login",
            title=("登录", "Sign in"),
            view=None,
            root=root,
            styles=[asset_url(ASSETS, "atlas.css")],
            icon=asset_url(ASSETS, "favicon.svg"),
            scripts=[asset_url(ASSETS, "atlas.js")],
            standalone=False,
            next_path=next_path,
            error=error,
            note=note,
            no_keys=not settings.api_keys,
        )
    )
    return HTMLResponse(
        html, status_code=status, headers={**SECURITY_HEADERS, **NO_STORE, **(headers or {})}
    )


def _go(request: Request, next_path: str) -> RedirectResponse:
    return RedirectResponse(f"{_root(request)}{next_path}", status_code=303, headers=NO_STORE)


def _cookie(request: Request, response: Response, token: str, max_age: int) -> None:
    response.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=max_age,
        path="/",
        secure=_secure(request),
        httponly=True,
        samesite="strict",
    )


@router.get("/login")
def login_page(
    request: Request,
    next: Annotated[str | None, Query(max_length=2000)] = None,
    out: Annotated[str | None, Query(max_length=8)] = None,
) -> Response:
    """The sign-in form; straight on to ``next`` for a browser already signed in."""
    target = safe_next(next)
    if session_role(request) is not None:
        return _go(request, target)
    note = ("已退出登录。", "You have signed out.") if out else None
    return _page(request, next_path=target, note=note)


@router.post("/login")
def login(request: Request, key: FormText = "", next: FormText = "") -> Response:
    """Check ``key``; on success a session cookie and a 303 to ``next`` (or the map)."""
    target = safe_next(next)
    if not same_origin(request, strict=False):
        # a form on another site posting here: refuse to sign this browser in for it
        return _page(
            request,
            next_path=target,
            status=403,
            error=("请从本站的登录页登录。", "Please sign in from this site's own sign-in page."),
        )
    key = key.strip()
    try:
        found = check_key(request, key) if 0 < len(key) <= MAX_KEY else None
    except Problem as refused:  # too many failed sign-ins from here or for this key
        return _page(
            request,
            next_path=target,
            status=429,
            error=("登录失败次数过多，请稍后再试。", "Too many failed sign-ins; try again later."),
            headers=refused.headers,
        )
    if found is None:
        return _page(
            request,
            next_path=target,
            status=401,
            error=("密钥不正确。", "That key was not accepted."),
            headers=CHALLENGE,
        )
    sessions = sessions_of(request)
    sessions.drop(request.cookies.get(SESSION_COOKIE))  # never keep a token from before
    response = _go(request, target)
    token = sessions.create(found[0], key_id=found[1])
    _cookie(request, response, token, int(sessions.ttl_s))
    return response


@router.post("/logout")
def logout(request: Request) -> Response:
    """End the session (the token dies on the server too) and clear the cookie.

    No origin check: signing out needs no role and grants nothing, and a cross-site post
    carries no SameSite=Strict cookie, so it can end no session."""
    sessions_of(request).drop(request.cookies.get(SESSION_COOKIE))
    response = RedirectResponse(f"{_root(request)}/login?out=1", status_code=303, headers=NO_STORE)
    _cookie(request, response, "", 0)
    return response


@router.get("/session")
def session_state(request: Request) -> JSONResponse:
    """``{"signed_in": bool, "role": str | null}`` of this browser's session cookie.

    The sign-in page asks it with a same-origin fetch: a browser that followed a link from
    another site arrives without its SameSite=Strict cookie, although it is signed in."""
    role = session_role(request)
    body: dict[str, Any] = {"signed_in": role is not None, "role": role}
    return JSONResponse(body, headers={**NO_STORE, "X-Content-Type-Options": "nosniff"})
