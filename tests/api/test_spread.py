"""A busy worker hands its connections back (api/spread.py): an answer started while another
request is in flight says ``Connection: close``; one alone keeps its connection."""

from __future__ import annotations

import anyio
import httpx
from starlette.types import Receive, Scope, Send

from chainatlas.api.spread import SpreadConnections


def ordered_app() -> tuple[SpreadConnections, list[str]]:
    """An app answering "/a" only once "/b" has arrived, and "/b" only once "/a" is answered:
    "/a" answers while "/b" is in flight, "/b" answers alone."""
    b_arrived, a_done = anyio.Event(), anyio.Event()
    order: list[str] = []

    async def app(scope: Scope, receive: Receive, send: Send) -> None:
        if scope["path"] == "/a":
            await b_arrived.wait()
        elif scope["path"] == "/b":
            b_arrived.set()
            await a_done.wait()
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": scope["path"].encode()})
        order.append(scope["path"])
        if scope["path"] == "/a":
            a_done.set()

    return SpreadConnections(app), order


def test_an_answer_started_while_another_request_waits_closes_its_connection() -> None:
    spread, order = ordered_app()
    seen: dict[str, str | None] = {}

    async def main() -> None:
        transport = httpx.ASGITransport(app=spread)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:

            async def get(path: str) -> None:
                seen[path] = (await client.get(path)).headers.get("connection")

            async with anyio.create_task_group() as tg:
                for path in ("/a", "/b"):
                    tg.start_soon(get, path)

    anyio.run(main)
    assert order == ["/a", "/b"]
    assert seen == {"/a": "close", "/b": None}
    assert (spread.handed_back, spread.in_flight) == (1, 0)


def test_a_request_alone_keeps_its_connection() -> None:
    spread, _ = ordered_app()

    async def main() -> list[str | None]:
        transport = httpx.ASGITransport(app=spread)
        async with httpx.AsyncClient(transport=transport, base_url="http://t") as client:
            return [(await client.get("/c")).headers.get("connection") for _ in range(3)]

    assert anyio.run(main) == [None, None, None]
    assert spread.handed_back == 0
