"""What every page answers with: the security headers, HTML responses, the page header's
account line, and the URLs pages link to.

Pages carry a strict Content-Security-Policy: scripts and styles from this host only (there is
no inline script to allow), no ``eval``, no other host for anything.
"""

from __future__ import annotations

from typing import Any, TypedDict
from urllib.parse import quote, urlencode

from fastapi import Request
from fastapi.responses import HTMLResponse, Response

from chainatlas.api.auth import Principal
from chainatlas.graph.model import Label
from chainatlas.graph.store import GraphStore
from chainatlas.viz import ViewData, render_page

#: the Content-Security-Policy of every page; no inline script exists to need a nonce
PAGE_CSP = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self' data: blob:",
        "font-src 'self'",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "form-action 'self'",
        "frame-ancestors 'none'",
    ]
)
SECURITY_HEADERS = {
    "Content-Security-Policy": PAGE_CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
}
Bilingual = tuple[str, str]


class Account(TypedDict):
    role: str


class SignedIn(TypedDict):
    """What the page header shows about the caller."""

    account: Account | None
    sign_in: bool


def html_response(content: str, *, download: str | None = None) -> HTMLResponse:
    headers = dict(SECURITY_HEADERS)
    if download:
        headers["Content-Disposition"] = (
            f"attachment; filename=\"chainatlas.html\"; filename*=UTF-8''{quote(download)}"
        )
    return HTMLResponse(content, headers=headers)


def signed_in(request: Request) -> SignedIn:
    """What the page header says about the caller: the role of a session cookie (with a
    sign-out button), or a sign-in link for an anonymous reader when keys exist."""
    caller: Principal | None = getattr(request.state, "caller", None)
    if caller is not None and caller.session:
        return {"account": {"role": caller.role}, "sign_in": False}
    keys = bool(request.app.state.settings.api_keys)
    return {"account": None, "sign_in": keys and (caller is None or caller.anonymous)}


def product_names(request: Request) -> dict[str, str]:
    """Every product's name by id, to label what answers name by id (SUPPLIES edges, lists)."""
    store: GraphStore = request.app.state.store_holder.check()
    return {p["id"]: p.get("name") or p["id"] for p in store.nodes(Label.PRODUCT)}


def root_path(request: Request) -> str:
    """Where the app is mounted (no trailing slash); every link a page makes starts here."""
    return str(request.scope.get("root_path", "")).rstrip("/")


def same_url(request: Request, **change: str) -> str:
    """This request's URL (path and query) with some parameters replaced."""
    params = [(k, v) for k, v in request.query_params.multi_items() if k not in change]
    params += list(change.items())
    return f"{root_path(request)}{request.url.path}?{urlencode(params)}"


def page_response(
    request: Request, page: str, title: Bilingual, view: ViewData | None, **context: Any
) -> Response:
    """A page of the site (``viz.render_page``) with the header's account line."""
    return html_response(
        render_page(
            page, title=title, view=view, root=root_path(request), **context, **signed_in(request)
        )
    )
