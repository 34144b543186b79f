"""The real app served by uvicorn on a free loopback port, and attacks run against it while a
probe checks that other routes keep answering (tests/hostile/)."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import uvicorn

from chainatlas.api.app import create_app
from chainatlas.graph.guards import LOOPBACK_HOSTS, Guards
from chainatlas.graph.settings import Settings
from chainatlas.graph.store import GraphStore
from tests.support import free_port
from tests.support.api import KEY_OF, settings


def guards(**values: Any) -> Guards:
    """Guards from ``values``, nothing from the environment; the test client's host name is
    allowed unless ``allowed_hosts`` is given."""
    values.setdefault("allowed_hosts", ("testserver", *LOOPBACK_HOSTS))
    return Guards(_env_file=None, **values)  # type: ignore[call-arg]


@contextmanager
def served(store: GraphStore, config: Settings | None = None) -> Iterator[str]:
    """The base URL of the app serving ``store`` with ``config`` (keys of every role)."""
    app = create_app(config or settings(), store)
    port = free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=30)


def key(role: str) -> dict[str, str]:
    return {"X-API-Key": KEY_OF[role]}


@dataclass
class Probe:
    """Seconds each probe request took, and its status codes."""

    seconds: list[float] = field(default_factory=list)
    statuses: list[int] = field(default_factory=list)

    @property
    def slowest(self) -> float:
        return max(self.seconds, default=0.0)


@contextmanager
def probing(base: str, path: str = "/api/health", every_s: float = 0.2) -> Iterator[Probe]:
    """Call ``path`` every ``every_s`` seconds while the block runs."""
    probe, stop = Probe(), threading.Event()

    def loop() -> None:
        with httpx.Client(base_url=base, timeout=60) as c:
            while not stop.is_set():
                started = time.monotonic()
                status = c.get(path, headers=key("viewer")).status_code
                probe.seconds.append(time.monotonic() - started)
                probe.statuses.append(status)
                stop.wait(every_s)

    thread = threading.Thread(target=loop, daemon=True)
    thread.start()
    try:
        yield probe
    finally:
        stop.set()
        thread.join(timeout=90)


def timed(call: Callable[[], httpx.Response]) -> tuple[httpx.Response, float]:
    started = time.monotonic()
    response = call()
    return response, time.monotonic() - started


def at_once(calls: list[Callable[[], httpx.Response]]) -> list[httpx.Response]:
    """Run ``calls`` concurrently; their responses in order."""
    with ThreadPoolExecutor(len(calls)) as pool:
        return list(pool.map(lambda call: call(), calls))
