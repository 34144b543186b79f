"""``chainatlas serve`` and ``chainatlas demo``: the HTTP API (and the map pages) with uvicorn.

``serve`` takes its store from the environment like every command (``NEO4J_URI`` → Neo4j,
else ``--data BUNDLE``, else the data directory's graph, else the demo bundle). ``demo`` always
serves the demo bundle from the embedded store on 127.0.0.1 and opens a browser.

Anonymous reading: ``CHAINATLAS_ANONYMOUS_READ`` when set; unset, it is on exactly when the
server binds a loopback address (only this machine can call it), off otherwise.

``serve --workers N`` runs N uvicorn worker processes on one port. Each opens its own store.
Nothing one worker needs lives only in another: the graph is Neo4j's (or, with ``--data``,
every worker's own read-only copy of the bundle; an upload there is refused, since it would
reach one worker only); sign-ins are tokens that every worker checks with one
``CHAINATLAS_SESSION_SECRET`` (made here for the workers when unset); global answers
(centrality, gaps, the 补链/强链/延链 lists), keyed by the graph's version, are computed once
for all workers and shared through ``CHAINATLAS_SHARED_CACHE``, a directory made here for the
run when unset (graph/queries/cache.py). A busy worker answers ``Connection: close`` so that
the clients' next requests spread over the workers (api/spread.py). The embedded data
directory is one process's graph:
several workers need Neo4j or ``--data`` (docs/deploy.md).
Registered on the app in :mod:`api.cli`.
"""

from __future__ import annotations

import copy
import ipaddress
import os
import secrets
import tempfile
import threading
import time
import webbrowser
from pathlib import Path
from typing import Annotated, Any

import typer
import uvicorn
from fastapi import FastAPI
from rich.console import Console

from chainatlas.api.app import create_app
from chainatlas.api.spread import SpreadConnections
from chainatlas.graph.guards import LOOPBACK_HOSTS
from chainatlas.graph.settings import Settings, get_settings
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store

out = Console()

#: how ``serve --workers`` tells its worker processes the bound host and the bundle to serve
WORKER_HOST = "CHAINATLAS_SERVE_HOST"
WORKER_DATA = "CHAINATLAS_SERVE_DATA"
#: how long a worker may take to answer uvicorn's liveness ping
WORKER_PING_S = 600
#: where the workers share their global answers (graph/guards.py)
SHARED_CACHE = "CHAINATLAS_SHARED_CACHE"
FROZEN = "this server runs several workers, each with its own copy of the --data bundle"


def log_config() -> dict[str, Any]:
    """uvicorn's logging, and the app's own loggers (``chainatlas.*``) at INFO through its
    handler: what was computed ahead and how long it took, an unreachable store. Without it
    only their warnings reached stderr (Python's fallback handler), and no INFO line at all."""
    config: dict[str, Any] = copy.deepcopy(uvicorn.config.LOGGING_CONFIG)
    config["loggers"]["chainatlas"] = {"handlers": ["default"], "level": "INFO", "propagate": False}
    return config


def _options() -> dict[str, Any]:
    """What every uvicorn server of ``serve`` runs with: its logging (:func:`log_config`),
    client addresses from a proxy's headers, no ``Server`` header."""
    return {
        "log_level": "info",
        "log_config": log_config(),
        "proxy_headers": True,
        "server_header": False,
    }


HostOpt = Annotated[
    str,
    typer.Option(
        "--host",
        help="Address to bind; 0.0.0.0 for every interface (put a proxy with TLS in front).",
    ),
]
PortOpt = Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        exists=True,
        help="Serve this bundle from the embedded store (the data directory is left alone).",
    ),
]


def is_loopback(host: str) -> bool:
    """True for addresses only this machine can reach (127.0.0.0/8, ::1, localhost)."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def settled(settings: Settings, host: str) -> Settings:
    """``settings`` with ``anonymous_read`` and the allowed host names decided for a server
    bound to ``host`` (the host itself and the loopback names, unless configured)."""
    if settings.guards.allowed_hosts is None:
        bound = () if host in ("0.0.0.0", "::", "") else (host.strip("[]").lower(),)
        hosts = tuple(dict.fromkeys((*bound, *LOOPBACK_HOSTS)))
        guards = settings.guards.model_copy(update={"allowed_hosts": hosts})
        settings = settings.model_copy(update={"guards": guards})
    if settings.anonymous_read is not None:
        return settings
    return settings.model_copy(update={"anonymous_read": is_loopback(host)})


def _describe(settings: Settings, url: str) -> None:
    out.print(f"ChainAtlas 产业链图谱 at [bold]{url}[/bold]", highlight=False)
    out.print(f"  全景图 map     {url}map   (chains by stage and region)", highlight=False)
    out.print(f"  供需匹配 match {url}match   ·   路径 paths {url}paths", highlight=False)
    out.print(f"  接口 API       {url}docs   (Swagger UI; JSON under {url}api/)", highlight=False)
    anon = "anonymous reading on" if settings.anonymous_read else "API key required"
    keys = len(settings.api_keys)
    out.print(f"  访问 access    {anon}; {keys} API key(s) configured", highlight=False)


def _run(app: FastAPI, host: str, port: int, on_started: threading.Event | None = None) -> None:
    config = uvicorn.Config(app, host=host, port=port, **_options())
    server = uvicorn.Server(config)
    if on_started is not None:

        def watch() -> None:
            while not server.started and not server.should_exit:
                time.sleep(0.05)
            if server.started:
                on_started.set()

        threading.Thread(target=watch, daemon=True).start()
    server.run()


def _address(host: str, port: int) -> str:
    """The URL a person on this machine opens for a server bound to ``host``."""
    if host in ("0.0.0.0", "::", ""):
        host = "127.0.0.1"
    return f"http://{f'[{host}]' if ':' in host else host}:{port}/"


WorkersOpt = Annotated[
    int,
    typer.Option(
        "--workers",
        min=1,
        max=64,
        help="Worker processes; above 1 needs NEO4J_URI or --data (each worker opens its own).",
    ),
]


def worker_app() -> FastAPI:
    """The app of one ``serve --workers`` process (a uvicorn factory, called in the worker)."""
    settings = settled(get_settings(), os.environ.get(WORKER_HOST, "127.0.0.1"))
    data = os.environ.get(WORKER_DATA)
    if not data:
        app = create_app(settings)
    else:
        app = create_app(settings, bundle_store(Path(data)))
        app.state.store_holder.frozen = FROZEN
    # outermost: a busy worker hands connections back, so the workers share the clients
    app.add_middleware(SpreadConnections)
    return app


def _serve_workers(settings: Settings, host: str, port: int, data: Path | None, n: int) -> None:
    if data is None and not settings.neo4j_uri:
        raise typer.BadParameter(
            "several workers need NEO4J_URI (one graph for all) or --data", param_hint="--workers"
        )
    # one secret for every worker, so a sign-in made by one is accepted by the others
    if settings.guards.session_secret is None:
        os.environ["CHAINATLAS_SESSION_SECRET"] = secrets.token_urlsafe(48)
    os.environ[WORKER_HOST] = host
    if data is not None:
        os.environ[WORKER_DATA] = str(data.resolve())
    _describe(settings, _address(host, port))
    out.print(f"  进程 workers    {n}", highlight=False)
    if settings.guards.shared_cache is not None:
        _run_workers(port, host, n)
        return
    # the workers' global answers, computed once for all of them, for this run only
    with tempfile.TemporaryDirectory(prefix="chainatlas-answers-") as shared:
        os.environ[SHARED_CACHE] = shared
        try:
            _run_workers(port, host, n)
        finally:  # the directory is gone: nothing started later in this process may use it
            del os.environ[SHARED_CACHE]


def _run_workers(port: int, host: str, n: int) -> None:
    uvicorn.run(
        f"{__name__}:worker_app",
        factory=True,
        host=host,
        port=port,
        workers=n,
        **_options(),
        # a worker reading a large bundle, or computing a global answer while holding the GIL,
        # answers the supervisor's ping late: uvicorn's 5 s would kill and respawn it
        timeout_worker_healthcheck=WORKER_PING_S,
    )


def serve(
    host: HostOpt = "127.0.0.1",
    port: PortOpt = 8000,
    data: DataOpt = None,
    workers: WorkersOpt = 1,
) -> None:
    """Serve the HTTP API and the map pages 启动服务 (Swagger UI at /docs)."""
    settings = settled(get_settings(), host)
    if workers > 1:
        _serve_workers(settings, host, port, data, workers)
        return
    # a bundle is read before the server starts, so its problems print as `load` prints them
    store = bundle_store(data) if data is not None else None
    app = create_app(settings, store)
    _describe(settings, _address(host, port))
    _run(app, host, port)


def demo(
    port: PortOpt = 8000,
    no_browser: Annotated[
        bool, typer.Option("--no-browser", help="Do not open a browser.")
    ] = False,
) -> None:
    """Serve the demo panorama on this machine 演示 (embedded store, no server needed)."""
    settings = settled(get_settings(), "127.0.0.1")
    app = create_app(settings, bundle_store(demo_bundle_path()))
    url = _address("127.0.0.1", port)
    _describe(settings, url)
    started = threading.Event()
    if not no_browser:

        def open_browser() -> None:
            if started.wait(timeout=30):
                webbrowser.open(url + "map")

        threading.Thread(target=open_browser, daemon=True).start()
    _run(app, "127.0.0.1", port, started)
