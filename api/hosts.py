"""Answer only to the configured host names: the defence against DNS rebinding.

A page on ``rebind.attacker.example`` whose name the attacker points at 127.0.0.1 reaches a
server on loopback from the victim's browser, same-origin as far as the browser knows, and
with anonymous reading on it would read the whole graph. Its requests carry ``Host:
rebind.attacker.example``; this middleware answers them 421 (a problem, no data) before any
route runs. Allowed: ``CHAINATLAS_ALLOWED_HOSTS`` (``*`` for any), else the address
``chainatlas serve`` binds and the loopback names (:data:`graph.guards.LOOPBACK_HOSTS`).

>>> host_name("Example.org.:8000"), host_name("[::1]:80"), host_name(""), host_name("[::1")
('example.org', '::1', '', '')
"""

from __future__ import annotations

from collections.abc import Iterable
from urllib.parse import urlsplit

from starlette.requests import Request
from starlette.types import ASGIApp, Receive, Scope, Send

from chainatlas.api import problems


def host_name(header: str) -> str:
    """The host name of a ``Host`` header: lower case, no port, no brackets, no final dot."""
    try:
        name = urlsplit(f"//{header.strip()}").hostname or ""
    except ValueError:
        return ""
    return name.rstrip(".")


class AllowedHosts:
    """Refuse, with 421, requests whose ``Host`` is not one of ``hosts`` (``*``: any)."""

    def __init__(self, app: ASGIApp, *, hosts: Iterable[str]) -> None:
        self.app = app
        self.hosts = frozenset(h.lower().strip("[]").rstrip(".") for h in hosts)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or "*" in self.hosts:
            await self.app(scope, receive, send)
            return
        header = dict(scope["headers"]).get(b"host", b"").decode("latin-1")
        if host_name(header) in self.hosts:
            await self.app(scope, receive, send)
            return
        response = problems.problem_response(
            Request(scope),
            "misdirected",
            "This server does not answer to that host name (CHAINATLAS_ALLOWED_HOSTS).",
        )
        await response(scope, receive, send)
