"""``chainatlas serve`` and ``chainatlas demo``: the HTTP API (and the map pages) with uvicorn.

``serve`` takes its store from the environment like every command (``NEO4J_URI`` → Neo4j,
else ``--data BUNDLE``, else the data directory's graph, else the demo bundle). ``demo`` always
serves the demo bundle from the embedded store on 127.0.0.1 and opens a browser.

Anonymous reading: ``CHAINATLAS_ANONYMOUS_READ`` when set; unset, it is on exactly when the
server binds a loopback address (only this machine can call it), off otherwise.
Registered on the app in :mod:`api.cli`.
"""

from __future__ import annotations

import ipaddress
import threading
import time
import webbrowser
from pathlib import Path
from typing import Annotated

import typer
import uvicorn
from fastapi import FastAPI
from rich.console import Console

from chainatlas.api.app import create_app
from chainatlas.graph.guards import LOOPBACK_HOSTS
from chainatlas.graph.settings import Settings, get_settings
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store

out = Console()

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
    config = uvicorn.Config(
        app, host=host, port=port, log_level="info", proxy_headers=True, server_header=False
    )
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


def serve(host: HostOpt = "127.0.0.1", port: PortOpt = 8000, data: DataOpt = None) -> None:
    """Serve the HTTP API and the map pages 启动服务 (Swagger UI at /docs)."""
    settings = settled(get_settings(), host)
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
