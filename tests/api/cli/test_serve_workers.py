"""``chainatlas serve --workers N``: several processes on one port, nothing one of them needs
kept only in another (api/cli/serve.py)."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from typer.testing import CliRunner

from chainatlas.api.cli import serve as cli_serve
from chainatlas.api.cli.app import app
from chainatlas.api.spread import SpreadConnections
from tests.support import TEST_DATA, free_port
from tests.support.api import KEY_OF, TestClient, settings
from tests.support.live import await_health

GOOD = TEST_DATA / "good"
runner = CliRunner()


def test_several_workers_need_one_graph_for_all(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(cli_serve, "get_settings", lambda: settings(anonymous=None))  # type: ignore[arg-type]
    result = runner.invoke(app, ["serve", "--workers", "2"])
    assert result.exit_code == 2
    assert "--workers" in result.output and "NEO4J_URI" in result.output


@pytest.fixture
def bundle_worker(monkeypatch: pytest.MonkeyPatch) -> FastAPI:
    """The app one ``serve --workers N --data GOOD`` worker process makes, on a loopback host."""
    monkeypatch.setattr(cli_serve, "get_settings", lambda: settings(anonymous=None))  # type: ignore[arg-type]
    monkeypatch.setenv(cli_serve.WORKER_DATA, str(GOOD))
    monkeypatch.setenv(cli_serve.WORKER_HOST, "127.0.0.1")
    return cli_serve.worker_app()


def test_a_worker_of_a_bundle_serves_it_and_refuses_loads(bundle_worker: FastAPI) -> None:
    with TestClient(bundle_worker) as c:
        assert c.get("/api/stats").json()["enterprises"] > 0  # anonymous: a loopback host
        up = c.post(
            "/api/bundles",
            headers={"X-API-Key": KEY_OF["editor"]},
            files={"file": ("b.zip", b"PK\x05\x06" + b"\0" * 18, "application/zip")},
        )
        assert up.status_code == 405 and "several workers" in up.json()["detail"]


def test_the_workers_share_a_directory_made_for_the_run(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: list[Path] = []

    def run(port: int, host: str, n: int) -> None:
        seen.append(Path(os.environ[cli_serve.SHARED_CACHE]))
        assert seen[0].is_dir() and n == 2

    monkeypatch.setattr(cli_serve, "get_settings", lambda: settings(anonymous=None))  # type: ignore[arg-type]
    monkeypatch.setattr(cli_serve, "_run_workers", run)
    monkeypatch.delenv(cli_serve.SHARED_CACHE, raising=False)
    monkeypatch.delenv(cli_serve.WORKER_DATA, raising=False)
    result = runner.invoke(app, ["serve", "--workers", "2", "--data", str(GOOD)])
    assert result.exit_code == 0, result.output
    assert len(seen) == 1 and not seen[0].exists()  # gone with the run
    assert cli_serve.SHARED_CACHE not in os.environ


@pytest.fixture(scope="module")
def shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("answers")


@pytest.fixture(scope="module")
def two_workers(shared: Path) -> Iterator[str]:
    port = free_port()
    env = {
        **os.environ,
        "CHAINATLAS_SHARED_CACHE": str(shared),
        "NEO4J_URI": "",
        "CHAINATLAS_API_KEYS": f"{KEY_OF['viewer']}:viewer",
        "CHAINATLAS_ANONYMOUS_READ": "false",
        "CHAINATLAS_RATE_LIMIT": "0",
    }
    env.pop("CHAINATLAS_SESSION_SECRET", None)
    exe = Path(sys.executable).with_name("chainatlas")
    args = [str(exe), "serve", "--workers", "2", "--port", str(port), "--data", str(GOOD)]
    proc = subprocess.Popen(args, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    base = f"http://127.0.0.1:{port}"
    try:
        await_health(base, proc, 300)  # a loaded 2-core machine
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=120)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def test_a_sign_in_made_by_one_worker_holds_on_every_worker(two_workers: str) -> None:
    with httpx.Client(base_url=two_workers, headers={"Origin": two_workers}) as c:
        signed = c.post("/login", data={"key": KEY_OF["viewer"], "next": "/map"})
        assert signed.status_code == 303 and c.cookies.get("chainatlas_session")
        # uvicorn hands connections to whichever worker accepts first: new connections, many
        # answers, every one signed in (a worker with its own secret would answer 401)
        for _ in range(12):
            with httpx.Client(base_url=two_workers, cookies=c.cookies) as fresh:
                assert fresh.get("/api/stats").status_code == 200


def test_a_global_answer_is_computed_once_for_every_worker(two_workers: str, shared: Path) -> None:
    def stored() -> dict[str, int]:
        return {p.name: p.stat().st_ino for p in shared.glob("*.pickle")}

    headers = {"X-API-Key": KEY_OF["viewer"]}
    before = stored()
    first = httpx.get(two_workers + "/api/gaps", headers=headers).json()
    written = stored()
    assert len(written.keys() - before.keys()) == 1  # the gaps, stored by whichever computed it
    for _ in range(12):  # new connections: both workers answer some
        assert httpx.get(two_workers + "/api/gaps", headers=headers).json() == first
    # a worker that computed an answer again would have replaced its file
    assert stored() == written


def test_a_client_alone_keeps_its_connection_to_a_worker(two_workers: str) -> None:
    """A worker with no other request in flight keeps the connection (api/spread.py hands a
    connection back only while its worker is busy): one client, one connection throughout."""
    headers = {"X-API-Key": KEY_OF["viewer"]}
    with httpx.Client(base_url=two_workers, headers=headers) as c:
        answers = [c.get("/api/stats") for _ in range(6)]
    assert [a.status_code for a in answers] == [200] * 6
    assert all(a.headers.get("connection") is None for a in answers)


def test_a_worker_app_spreads_connections(bundle_worker: FastAPI) -> None:
    # outermost: it counts every request the worker answers
    assert bundle_worker.user_middleware[0].cls is SpreadConnections  # type: ignore[comparison-overlap]
