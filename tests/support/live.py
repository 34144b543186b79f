"""Generated clients against a live server: ``chainatlas serve`` as a user starts it (a
subprocess on a free loopback port, keys required), the bundle they upload, and the tools they
run (tests/api/test_python_client.py, tests/api/test_typescript_client.py)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import time
import zipfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from tests.support import free_port
from tests.support.api import KEYS

IN_CI = os.environ.get("CI", "").lower() == "true"
#: where scripts/setup installs tools that are not Python packages of the project
TOOLS = Path(sys.executable).parent.parent / "tools"


def missing(message: str) -> None:
    """Skip for want of a tool ``message`` names; fail under ``CI=true``, where scripts/setup
    has installed it."""
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def run(*args: str | Path, cwd: Path | None = None, **env: str) -> subprocess.CompletedProcess[str]:
    """Run a command (5 minutes at most), capturing its output."""
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        cwd=cwd,
        env={**os.environ, **env},
    )


def bundle(folder: Path, dest: Path) -> Path:
    """The CSV bundle ``folder`` as the zip a user uploads."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for csv in sorted(folder.glob("*.csv")):
            z.write(csv, csv.name)
    dest.write_bytes(buf.getvalue())
    return dest


def await_health(
    base: str, server: subprocess.Popen[Any], seconds: float, log: Path | None = None
) -> None:
    """Wait until the server process at ``base`` answers ``/api/health`` with 200; fail when
    it exits first (with its ``log``, if any) or ``seconds`` pass."""
    deadline = time.monotonic() + seconds
    while True:
        assert server.poll() is None, log.read_text(encoding="utf-8") if log else "server exited"
        assert time.monotonic() < deadline, "chainatlas serve did not start"
        try:
            if httpx.get(base + "/api/health", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.2)


@contextmanager
def serve(data: Path, home: Path) -> Iterator[str]:
    """``chainatlas serve --data data`` on a free port, with the test keys and no anonymous
    reading; its base URL while it runs."""
    port = free_port()
    env = {
        **os.environ,
        "CHAINATLAS_HOME": str(home),
        "CHAINATLAS_API_KEYS": ",".join(f"{k}:{r}" for k, r in KEYS.items()),
        "CHAINATLAS_ANONYMOUS_READ": "false",
        "NEO4J_URI": "",
    }
    command = [sys.executable, "-m", "chainatlas", "serve", "--port", str(port)]
    command += ["--data", str(data)]
    log = home / "serve.log"
    with log.open("w", encoding="utf-8") as out:
        server = subprocess.Popen(command, env=env, stdout=out, stderr=subprocess.STDOUT)
        base = f"http://127.0.0.1:{port}"
        try:
            await_health(base, server, 90, log)  # a loaded 2-core CI machine starts slowly
            yield base
        finally:
            server.terminate()
            try:
                server.wait(timeout=15)
            except subprocess.TimeoutExpired:
                server.kill()
                server.wait()
