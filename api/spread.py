"""A busy worker hands its connections back, so several workers share the clients.

``serve --workers N`` runs N processes on one listening socket. A worker's event loop accepts
every connection waiting when it wakes (asyncio takes up to its backlog in one go), and an
HTTP/1.1 client keeps its connection for its next requests: eight clients that connect at
once mostly land on one worker and stay there. Measured at 100,000 firms on 2 CPUs, the
busiest of two workers did 86–88 % of the work on the hub's profile and paths in most runs;
with this, 50–52 %, and half the p50 (bench/README.md, "Several workers share the clients").

:class:`SpreadConnections` answers ``Connection: close`` when the worker has another request in
flight as it starts an answer. The client's next request then opens a new connection, which
a free worker accepts first (a busy one is computing, not waiting on its socket), so the
requests spread over the workers one by one. A worker with nothing else to do keeps the
connection: a single client, or a light load, keeps its keep-alive. A reverse proxy opening
its upstream connections per request gets the same spread without it.

Only ``serve --workers`` (N > 1) adds it: with one worker there is nowhere to spread to.
"""

from __future__ import annotations

from starlette.datastructures import MutableHeaders
from starlette.types import ASGIApp, Message, Receive, Scope, Send


class SpreadConnections:
    """Close a connection after its answer while the worker serves another request."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app
        #: HTTP requests of this process being answered now (one event loop: no lock needed)
        self.in_flight = 0
        #: answers that handed their connection back (for the tests)
        self.handed_back = 0

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def closing_when_busy(message: Message) -> None:
            if message["type"] == "http.response.start" and self.in_flight > 1:
                message.setdefault("headers", [])  # optional in ASGI; MutableHeaders needs it
                headers = MutableHeaders(scope=message)
                if "connection" not in headers:
                    headers["Connection"] = "close"
                    self.handed_back += 1
            await send(message)

        self.in_flight += 1
        try:
            await self.app(scope, receive, closing_when_busy)
        finally:
            self.in_flight -= 1
