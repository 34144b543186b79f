"""The query commands on the reference network read with ``--data``: readable tables, and JSON
equal to the query function's answer (the CLI adds no logic either)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli import serve as cli_serve
from chainatlas.api.cli.app import app
from chainatlas.graph.errors import NoPath, UnknownEntity
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries import (
    export_graph,
    gaps,
    impact,
    match_buyers,
    match_suppliers,
    product_routes,
    search,
    supply_paths,
)
from chainatlas.graph.queries.window import DEFAULT_LIMIT
from chainatlas.loaders.stores import bundle_store
from tests.support import TEST_DATA, free_port
from tests.support.api import settings

GOOD = TEST_DATA / "good"
runner = CliRunner()


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return bundle_store(GOOD)


def cli(*args: str) -> Any:
    return runner.invoke(app, [*args, "--data", str(GOOD)])


def answer(*args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def same(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


# -- JSON is the query's answer ------------------------------------------------------------------
def test_search_json(store: MemoryStore) -> None:
    assert answer("search", "宁波", "--kind", "enterprise") == same(
        search(store, "宁波", kinds=["Enterprise"])
    )


def test_match_suppliers_json(store: MemoryStore) -> None:
    got = answer("match", "suppliers", "E3", "--product", "pta", "--limit", "3")
    assert got == same(match_suppliers(store, "E3", product_id="pta", limit=3))


def test_match_buyers_json(store: MemoryStore) -> None:
    got = answer("match", "buyers", "E1", "--exclude-current", "--region", "shangyu")
    assert got == same(match_buyers(store, "E1", exclude_current=True, region="shangyu"))


def test_supply_paths_json(store: MemoryStore) -> None:
    assert answer("paths", "supply", "E1", "E5", "--k", "2") == same(
        supply_paths(store, "E1", "E5", k=2)
    )


def test_route_json(store: MemoryStore) -> None:
    assert answer("paths", "route", "px", "fabric", "--max-hops", "5") == same(
        product_routes(store, "px", "fabric", max_hops=5)
    )


def test_gaps_json(store: MemoryStore) -> None:
    assert answer("gaps", "--limit", "5") == same(gaps(store, limit=5))


def test_impact_json(store: MemoryStore) -> None:
    assert answer("impact", "--product", "yarn") == same(
        impact(store, product_id="yarn", limit=DEFAULT_LIMIT)
    )


def test_impact_by_the_page(store: MemoryStore) -> None:
    first = answer("impact", "--product", "pta", "--limit", "1")
    assert first == same(impact(store, product_id="pta", limit=1))
    assert first["total"] > 1 and first["next"] == 1
    table = cli("impact", "--product", "pta", "--limit", "1")
    assert f"{first['total']} firms in all; the next page: --offset 1" in table.stdout


@pytest.mark.parametrize(
    "fmt, ext", [("graphml", "graphml"), ("gexf", "gexf"), ("json", "json"), ("csv", "zip")]
)
def test_export_writes_the_file(store: MemoryStore, tmp_path: Path, fmt: str, ext: str) -> None:
    target = tmp_path / f"out.{ext}"
    got = answer("export", fmt, "--out", str(target))
    assert got == {"file": str(target), "format": fmt, "bytes": target.stat().st_size}
    assert target.read_bytes() == export_graph(store, fmt)


# -- tables ---------------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "args, shown",
    [
        (("search", "jdbe"), ["搜索 Search", "Product", "pinyin"]),
        (("search", "pta"), ["精对苯二甲酸", "Purified terephthalic acid", "exact_code"]),
        (("match", "suppliers", "E4"), ["供应商候选", "Candidate suppliers", "E3", "涤纶长丝"]),
        (("match", "buyers", "E1"), ["采购方候选", "Candidate buyers", "E3"]),
        (("paths", "supply", "E1", "E5"), ["供应路径", "E1", "E5", "坯布"]),
        (("paths", "route", "px", "fabric"), ["工艺路线", "px → pta → pet → yarn →", "E4"]),
        (("gaps",), ["补链目标 Gaps (0)"]),
        (("impact", "--enterprise", "E1"), ["断链影响", "E3", "E4", "E5", "pta: E1"]),
    ],
)
def test_tables_are_readable(args: tuple[str, ...], shown: list[str]) -> None:
    result = runner.invoke(app, [*args, "--data", str(GOOD)], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    for text in shown:
        assert text in result.stdout


# -- errors ---------------------------------------------------------------------------------------
def test_unknown_id_is_the_domain_error() -> None:
    result = cli("match", "suppliers", "E99")
    assert isinstance(result.exception, UnknownEntity)


def test_no_path_is_the_domain_error() -> None:
    result = cli("paths", "supply", "E7", "E5")
    assert isinstance(result.exception, NoPath)


@pytest.mark.parametrize(
    "args",
    [
        ("paths", "supply", "E1", "E1"),
        ("impact",),
        ("impact", "--enterprise", "E1", "--product", "pta"),
        ("search", "pta", "--limit", "0"),
        ("export", "xlsx"),
    ],
)
def test_bad_options_are_usage_errors(args: tuple[str, ...]) -> None:
    assert cli(*args).exit_code == 2


# -- serve and demo -------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "host, loopback",
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("::1", True),
        ("[::1]", True),
        ("localhost", True),
        ("0.0.0.0", False),
        ("192.168.1.5", False),
        ("example.org", False),
    ],
)
def test_loopback(host: str, loopback: bool) -> None:
    assert cli_serve.is_loopback(host) is loopback


@pytest.mark.parametrize(
    "configured, host, anonymous",
    [
        (None, "127.0.0.1", True),
        (None, "0.0.0.0", False),
        (False, "127.0.0.1", False),
        (True, "0.0.0.0", True),
    ],
)
def test_serve_settles_anonymous_reading(
    configured: bool | None, host: str, anonymous: bool
) -> None:
    assert cli_serve.settled(settings(anonymous=configured), host).anonymous_read is anonymous  # type: ignore[arg-type]


def test_serve_runs_uvicorn_with_the_app(monkeypatch: pytest.MonkeyPatch) -> None:
    """``serve`` builds the app and hands it to uvicorn on the host and port asked for."""
    ran: dict[str, Any] = {}

    def fake_run(app: Any, host: str, port: int, on_started: Any = None) -> None:
        ran.update(app=app, host=host, port=port)

    monkeypatch.setattr(cli_serve, "_run", fake_run)
    monkeypatch.setattr(cli_serve, "get_settings", lambda: settings(anonymous=None))  # type: ignore[arg-type]
    result = runner.invoke(app, ["serve", "--port", "8123", "--data", str(GOOD)])
    assert result.exit_code == 0, result.output
    assert (ran["host"], ran["port"]) == ("127.0.0.1", 8123)
    assert ran["app"].state.settings.anonymous_read is True
    assert ran["app"].state.store_holder.store.stats()["enterprises"] == 7
    assert "http://127.0.0.1:8123/" in result.stdout


def test_demo_serves_the_demo_and_answers(monkeypatch: pytest.MonkeyPatch) -> None:
    """A real uvicorn on a free port: the demo answers /api/health and /api/stats."""
    import httpx
    import uvicorn

    port = free_port()
    servers: list[uvicorn.Server] = []

    class Recording(uvicorn.Server):
        def __init__(self, config: uvicorn.Config) -> None:
            super().__init__(config)
            servers.append(self)  # uvicorn leaves signals alone off the main thread

    monkeypatch.setattr(uvicorn, "Server", Recording)
    monkeypatch.setattr(cli_serve, "get_settings", lambda: settings(anonymous=None))  # type: ignore[arg-type]
    thread = threading.Thread(
        target=runner.invoke, args=(app, ["demo", "--port", str(port), "--no-browser"]), daemon=True
    )
    thread.start()
    try:
        for _ in range(200):
            if servers and servers[0].started:
                break
            time.sleep(0.05)
        base = f"http://127.0.0.1:{port}"
        assert httpx.get(f"{base}/api/health", timeout=5).json()["status"] == "ok"
        assert httpx.get(f"{base}/api/stats", timeout=5).json()["enterprises"] == 155
    finally:
        if servers:
            servers[0].should_exit = True
        thread.join(timeout=10)
    assert not thread.is_alive()
