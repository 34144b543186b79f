"""Security headers of the API's answers and of its Swagger UI (issue 12, item 11).

- Every answer under ``/api/`` (JSON, problems, exports) carries ``X-Content-Type-Options:
  nosniff`` and ``Cache-Control: no-store``: answers hold contact details and analyst
  results, which no browser or proxy cache should keep (a route that sets its own
  ``Cache-Control`` keeps it).
- ``/docs`` (Swagger UI, self-hosted under ``api/static/swagger``) has a policy of its own:
  its one inline script is allowed by its SHA-256 hash (no ``'unsafe-inline'`` for scripts, no
  ``eval``), everything else comes from this host, and no other site may frame it
  (``frame-ancestors 'none'``). The UI keeps an API key in memory only
  (``persistAuthorization`` off, so nothing lands in ``localStorage``).
"""

from __future__ import annotations

import base64
import hashlib
import re

from fastapi.responses import HTMLResponse
from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send

API_PREFIX = "/api/"
API_HEADERS = {"X-Content-Type-Options": "nosniff", "Cache-Control": "no-store"}
#: Swagger UI's settings: the key stays in the page's memory, no badge from validator.swagger.io
SWAGGER_PARAMETERS = {"validatorUrl": None, "persistAuthorization": False}
INLINE_SCRIPT = re.compile(r"<script>(.*?)</script>", re.S)


class ApiHeaders:
    """Add :data:`API_HEADERS` to every HTTP answer under ``/api/`` (those a route did not set
    itself), including the answers of the middleware and error handlers around the routes."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith(API_PREFIX):
            await self.app(scope, receive, send)
            return

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in API_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
            await send(message)

        await self.app(scope, receive, with_headers)


def script_hashes(html: str) -> list[str]:
    """CSP sources allowing exactly the inline scripts of ``html``."""
    return [
        "'sha256-" + base64.b64encode(hashlib.sha256(s.encode()).digest()).decode() + "'"
        for s in INLINE_SCRIPT.findall(html)
    ]


def docs_csp(html: str) -> str:
    """The Content-Security-Policy of the Swagger UI page ``html``."""
    return "; ".join(
        [
            "default-src 'none'",
            "script-src 'self' " + " ".join(script_hashes(html)),
            # Swagger UI sets style attributes on the elements it draws
            "style-src 'self' 'unsafe-inline'",
            "img-src 'self' data:",
            "connect-src 'self'",
            "base-uri 'none'",
            "form-action 'none'",
            "frame-ancestors 'none'",
        ]
    )


def docs_page(page: HTMLResponse) -> HTMLResponse:
    """``page`` (FastAPI's Swagger UI page) with its own policy and framing refused."""
    html = bytes(page.body).decode()
    headers = {
        "Content-Security-Policy": docs_csp(html),
        "X-Frame-Options": "DENY",
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Cache-Control": "no-store",
    }
    return HTMLResponse(html, headers=headers)
