"""A bad environment variable is one line naming it and what is wrong, exit 2, no traceback."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest


@pytest.mark.parametrize(
    ("variable", "value", "says"),
    [
        ("CHAINATLAS_TILE_URL", "ftp://x/{z}", "must be an http(s) URL with {z}, {x} and {y}"),
        ("CHAINATLAS_MATCH_WEIGHTS", "bogus", "'bogus' is not name=number"),
        ("CHAINATLAS_API_KEYS", "short:admin", "at least 16 characters"),
        ("CHAINATLAS_API_KEYS", "member-key-0123456789:member", "needs a scope"),
        ("CHAINATLAS_API_KEYS", "member-key-0123456789:member@E 1", "scope after @"),
        ("CHAINATLAS_API_KEYS", "admin-key-0123456789:admin@shangyu", "take a scope"),
        ("CHAINATLAS_SHARED_CACHE", "/nowhere/answers", "must be a writable directory"),
        ("CHAINATLAS_READ_LANES", "-1", "greater than or equal to 0"),
        ("CHAINATLAS_READ_LANES", "two", "valid integer"),
        ("CHAINATLAS_PRECOMPUTE", "-5", "greater than or equal to 0"),
        ("CHAINATLAS_PRECOMPUTE", "soon", "valid number"),
        ("CHAINATLAS_PARALLEL_READS", "0", "greater than or equal to 1"),
        ("CHAINATLAS_PARALLEL_READS", "many", "valid integer"),
    ],
)
def test_a_bad_setting_is_one_line_and_exit_2(
    tmp_path: Path, variable: str, value: str, says: str
) -> None:
    env = {
        **os.environ,
        variable: value,
        "NEO4J_URI": "",
        "CHAINATLAS_HOME": str(tmp_path),
        "COLUMNS": "60",
    }
    proc = subprocess.run(
        [sys.executable, "-m", "chainatlas", "stats"],
        capture_output=True,
        text=True,
        env=env,
        cwd=tmp_path,  # no .env of the repository
        check=False,
    )
    assert proc.returncode == 2, proc.stderr
    lines = proc.stderr.splitlines()
    assert len(lines) == 1 and "Traceback" not in proc.stderr
    assert lines[0].startswith(f"configuration: {variable}") and says in lines[0]
