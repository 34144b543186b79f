"""The Python client generated from docs/openapi.json works (issue 17, item 6): it generates
without a warning (``openapi-python-client --fail-on-warning``), passes ``mypy --strict``
together with clients/python/journey.py, and that journey runs against a live server on
127.0.0.1 (uvicorn, in a thread, serving the reference network).

openapi-python-client lives in its own virtualenv (scripts/setup makes it under
``.venv/tools``; its pins would otherwise move the project's own dependencies). Without it the
test skips, but fails under ``CI=true``.
"""

from __future__ import annotations

import io
import os
import shutil
import socket
import subprocess
import sys
import threading
import time
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn

from chainatlas.api.app import create_app
from chainatlas.api.cli.contract import SNAPSHOT
from tests.support import ROOT
from tests.support.api import KEY_OF, reference_store, settings
from tests.support.bundles import GOOD

IN_CI = os.environ.get("CI", "").lower() == "true"
CLIENT = ROOT / "clients" / "python"
GENERATOR = "openapi-python-client"
#: the generator's own client.py forwards ``*args: object`` to httpx's ``__exit__`` (a flaw of
#: its template, not of our document); everything else is checked strictly
MYPY_CONFIG = """\
[mypy]
strict = True
[mypy-chainatlas_client.client]
disable_error_code = arg-type
"""


def generator() -> Path:
    """$OPENAPI_PYTHON_CLIENT, on PATH, or in .venv/tools beside this Python's venv."""
    tools = Path(sys.executable).parent.parent / "tools" / GENERATOR / "bin" / GENERATOR
    for found in (os.environ.get("OPENAPI_PYTHON_CLIENT"), shutil.which(GENERATOR), tools):
        if found and Path(found).exists():
            return Path(found)
    message = f"{GENERATOR} is not installed (scripts/setup puts it in .venv/tools)"
    if IN_CI:
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@pytest.fixture
def server() -> Iterator[str]:
    """A live server of the reference network on 127.0.0.1 (keys required)."""
    app = create_app(settings(), reference_store())
    config = uvicorn.Config(app, host="127.0.0.1", port=free_port(), log_level="warning")
    live = uvicorn.Server(config)
    thread = threading.Thread(target=live.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not live.started:
        assert thread.is_alive() and time.monotonic() < deadline, "the server did not start"
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    live.should_exit = True
    thread.join(timeout=10)


def run(*args: str | Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(a) for a in args],
        capture_output=True,
        text=True,
        timeout=300,
        check=False,
        env={**os.environ, **env},
    )


def bundle(folder: Path, dest: Path) -> Path:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for csv in sorted(folder.glob("*.csv")):
            z.write(csv, csv.name)
    dest.write_bytes(buf.getvalue())
    return dest


@pytest.mark.slow
def test_the_generated_client_type_checks_and_completes_the_journey(
    server: str, tmp_path: Path
) -> None:
    tool = generator()
    # the generator runs ruff on what it wrote: its own, from its virtualenv
    path = f"{tool.parent}{os.pathsep}{os.environ.get('PATH', '')}"
    generated = run(
        tool,
        "generate",
        "--path",
        ROOT / SNAPSHOT,
        "--config",
        CLIENT / "config.yml",
        "--meta",
        "none",
        "--output-path",
        tmp_path / "chainatlas_client",
        "--fail-on-warning",
        PATH=path,
    )
    assert generated.returncode == 0, generated.stdout + generated.stderr
    assert "Warning" not in generated.stdout + generated.stderr

    shutil.copy(CLIENT / "journey.py", tmp_path / "journey.py")
    (tmp_path / "mypy.ini").write_text(MYPY_CONFIG, encoding="utf-8")
    typed = run(
        sys.executable,
        "-m",
        "mypy",
        "--config-file",
        tmp_path / "mypy.ini",
        "--cache-dir",
        tmp_path / ".mypy_cache",
        tmp_path / "chainatlas_client",
        tmp_path / "journey.py",
        MYPYPATH=str(tmp_path),
    )
    assert typed.returncode == 0, typed.stdout + typed.stderr

    journey = run(
        sys.executable,
        tmp_path / "journey.py",
        server,
        KEY_OF["viewer"],
        KEY_OF["editor"],
        bundle(GOOD, tmp_path / "bundle.zip"),
        PYTHONPATH=str(tmp_path),
    )
    assert journey.returncode == 0, journey.stdout + journey.stderr
    assert journey.stdout.splitlines()[-1] == "journey complete"
    assert "FAIL" not in journey.stdout
