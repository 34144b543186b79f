"""``chainatlas serve`` logs the app's own INFO lines beside uvicorn's (api/cli/serve.py
``log_config``): with ``CHAINATLAS_PRECOMPUTE`` an operator sees what was computed ahead and
how long it took."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import time
from pathlib import Path

from tests.support import TEST_DATA, free_port
from tests.support.live import await_health

#: the line a round of answers computed ahead logs (api/precompute.py)
ROUND = r"^INFO: +computed (\d+) global answers ahead in [\d.]+ s \((.*)\)$"


def _logged(log: Path, pattern: str, seconds: float) -> re.Match[str]:
    """The first line of ``log`` matching ``pattern``, waiting for it (a bound on a hang, not a
    timed assertion)."""
    deadline = time.monotonic() + seconds
    while True:
        found = re.search(pattern, log.read_text(encoding="utf-8", errors="replace"), re.M)
        if found or time.monotonic() > deadline:
            assert found, f"no line /{pattern}/ in:\n{log.read_text(encoding='utf-8')}"
            return found
        time.sleep(0.1)


def test_the_server_logs_what_it_computed_ahead(tmp_path: Path) -> None:
    port, log = free_port(), tmp_path / "serve.log"
    env = {
        **os.environ,
        "NEO4J_URI": "",
        "CHAINATLAS_PRECOMPUTE": "1",
        "CHAINATLAS_RATE_LIMIT": "0",
    }
    exe = Path(sys.executable).with_name("chainatlas")
    args = [str(exe), "serve", "--port", str(port), "--data", str(TEST_DATA / "good")]
    with log.open("wb") as sink:
        proc = subprocess.Popen(args, env=env, stdout=sink, stderr=subprocess.STDOUT)
    try:
        await_health(f"http://127.0.0.1:{port}", proc, 300, log)
        line = _logged(log, ROUND, 120)
        names = [part.rsplit(" ", 2)[0] for part in line[2].split(", ")]
        assert int(line[1]) == len(names) and names[:2] == ["stats", "chains"]
        assert names[-2:] == ["centrality betweenness", "communities"]
    finally:
        proc.terminate()
        proc.wait(timeout=60)
