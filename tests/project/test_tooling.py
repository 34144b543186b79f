"""The same commands everywhere: scripts/lint is what the Makefile, scripts/test and the
pre-commit hooks run, and the hooks use the tools the dev extra installs."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
import yaml

from tests.support import ROOT


def _hooks() -> list[dict[str, object]]:
    config = yaml.safe_load((ROOT / ".pre-commit-config.yaml").read_text(encoding="utf-8"))
    return [hook for repo in config["repos"] for hook in repo["hooks"]]


def test_pre_commit_config_is_valid() -> None:
    tool = Path(sys.executable).parent / "pre-commit"
    proc = subprocess.run(
        [str(tool), "validate-config", ".pre-commit-config.yaml"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout + proc.stderr


def test_hooks_run_the_dev_extras_tools_from_the_venv() -> None:
    dev = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["optional-dependencies"]
    declared = {d.split(">")[0].split("=")[0].split("[")[0] for d in dev["dev"]}
    tools = {str(h["entry"]).split()[0] for h in _hooks()}
    assert tools == {".venv/bin/ruff", ".venv/bin/mypy"}
    assert {t.removeprefix(".venv/bin/") for t in tools} <= declared


def test_lint_lives_in_one_script() -> None:
    lint = (ROOT / "scripts" / "lint").read_text()
    assert ".venv/bin/ruff check ." in lint and ".venv/bin/mypy" in lint
    assert "scripts/lint" in (ROOT / "scripts" / "test").read_text()
    assert "lint: ; scripts/lint" in (ROOT / "Makefile").read_text()
    assert "scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_changelog_has_a_section_for_this_version() -> None:
    version = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]["version"]
    changelog = (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")
    assert "## [Unreleased]" in changelog and f"## [{version}]" in changelog


@pytest.mark.parametrize("value", ["two", "0", "-1", "1.5"])
def test_a_bad_worker_count_is_one_line_and_exit_2(value: str) -> None:
    env = {**os.environ, "CHAINATLAS_TEST_WORKERS": value}
    proc = subprocess.run(
        [str(ROOT / "scripts" / "test")], env=env, capture_output=True, text=True, timeout=60
    )
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr.splitlines() == [
        f"CHAINATLAS_TEST_WORKERS must be a whole number from 1, not '{value}'"
    ]


WORKER_TEST = """
import json, os

def test_where(neo4j_store, neo4j_server):
    neo4j_store.write_tables({})
    with open(os.environ["WHERE"], "a") as out:
        out.write(json.dumps([os.environ["PYTEST_XDIST_WORKER"], neo4j_server[0]]) + "\\n")
"""


@pytest.mark.slow
@pytest.mark.neo4j
def test_each_test_process_has_a_neo4j_server_of_its_own(
    neo4j_server: tuple[str, str, str], tmp_path: Path
) -> None:
    """Two pytest-xdist workers (as scripts/test runs them): the first uses the given server,
    the second starts its own, so no two tests share a database."""
    for name in ("test_one.py", "test_two.py"):
        (tmp_path / name).write_text(WORKER_TEST, encoding="utf-8")
    where = tmp_path / "where.jsonl"
    env = {**os.environ, "WHERE": str(where), "NEO4J_URI": neo4j_server[0], "CI": "true"}
    proc = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
         "-n", "2", "--dist", "loadfile", "--rootdir", str(tmp_path), str(tmp_path)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=900,
    )  # fmt: skip
    assert proc.returncode == 0, proc.stdout[-3000:]
    seen = dict(json.loads(line) for line in where.read_text().splitlines())
    assert seen["gw0"] == neo4j_server[0]
    assert seen["gw1"] != neo4j_server[0]


TWINS = """
import pytest


class Twin(pytest.Item):
    def runtest(self):
        pass


class TwinFile(pytest.File):
    def collect(self):
        for _ in range(2):  # one name, so one node id: nothing can tell the two apart
            yield Twin.from_parent(self, name="twin")


def pytest_collect_file(parent, file_path):
    if file_path.suffix == ".twin":
        return TwinFile.from_parent(parent, path=file_path)
"""


@pytest.mark.slow
def test_every_generated_test_runs_under_a_distribution_by_file() -> None:
    """schemathesis names its tests by operation but, under pytest 9.2, leaves them one node
    id between them; tests/conftest.py gives each the id its name spells, so pytest-xdist's
    --dist loadfile runs all 44 and not one of them while saying all passed."""
    checks = str(ROOT / "tests" / "api" / "test_openapi_checks.py")
    run = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-n", "2", checks]
    env = {k: v for k, v in os.environ.items() if k != "CI"}  # collected, skipped as slow
    done = {"cwd": ROOT, "env": env, "capture_output": True, "text": True}
    by_file = subprocess.run([*run, "--dist", "loadfile"], **done)  # type: ignore[call-overload]
    assert by_file.returncode == 0 and "44 skipped" in by_file.stdout, by_file.stdout[-2000:]


@pytest.mark.slow
def test_a_distribution_by_node_id_is_refused_when_tests_share_one(tmp_path: Path) -> None:
    """Tests that share a node id and a name cannot be told apart: --dist loadfile would run
    one of them and say all passed, so the run stops instead (exit 4); plain -n 2 runs both."""
    (tmp_path / "conftest.py").write_text(TWINS, encoding="utf-8")
    (tmp_path / "pair.twin").write_text("", encoding="utf-8")
    run = [sys.executable, "-m", "pytest", "-q", "-p", "tests.conftest", "-p", "no:cacheprovider",
           "-n", "2", "--rootdir", str(tmp_path), str(tmp_path)]  # fmt: skip
    done = {"cwd": ROOT, "capture_output": True, "text": True}
    refused = subprocess.run([*run, "--dist", "loadfile"], **done)  # type: ignore[call-overload]
    assert refused.returncode == 4, refused.stdout[-2000:]
    assert "--dist loadfile would run one of the tests sharing each node id" in refused.stdout
    allowed = subprocess.run(run, **done)  # type: ignore[call-overload]
    assert allowed.returncode == 0 and "2 passed" in allowed.stdout, allowed.stdout[-2000:]
