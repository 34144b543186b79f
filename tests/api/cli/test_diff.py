"""``chainatlas diff`` and ``chainatlas load --scope`` on the embedded data directory."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.graph.settings import get_settings
from tests.support import changes
from tests.support.bundles import BAD

runner = CliRunner()


@pytest.fixture(scope="module")
def month_later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return changes.changed(tmp_path_factory.mktemp("cli-changes") / "2026-12")


@pytest.fixture
def loaded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data directory holding the demo (loaded through the CLI)."""
    monkeypatch.setenv("CHAINATLAS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", "")
    get_settings.cache_clear()
    assert runner.invoke(app, ["load", str(changes.DEMO), "--quiet"]).exit_code == 0
    yield get_settings().graph_file
    get_settings.cache_clear()


def test_diff_prints_each_change_with_ids_and_names(loaded: Path, month_later: Path) -> None:
    result = runner.invoke(app, ["diff", str(month_later), "--scope", "all"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert (
        "  ~ E0001 浙江澜晟氟化工股份有限公司 · ahf 无水氟化氢  (capacity: 80000 → 160000)" in lines
    )
    assert any(line.startswith("  - E0003 ") and "left: None → " in line for line in lines)
    assert any(line.startswith("  + E0901 浙江新入链甲化工有限公司") for line in lines)
    assert lines[-1] == (
        "changes: enterprises +2 ~0 -3, produces +0 ~1 -4, needs +0 ~0 -5, supplies +4 ~0 -5"
    )


def test_diff_json_and_without_a_scope_nothing_ends(loaded: Path, month_later: Path) -> None:
    result = runner.invoke(app, ["diff", str(month_later), "--json"])
    doc = json.loads(result.stdout)
    assert doc["scope"] is None
    assert doc["counts"]["supplies"] | {"same": 0} == {
        "add": 4,
        "change": 0,
        "end": 0,
        "same": 0,
        "in_force": 0,
    }
    (change,) = doc["tables"]["produces"]["change"]
    assert change["fields"] == {"capacity": {"old": 80000, "new": 160000}}


def test_diff_of_an_invalid_bundle_prints_its_errors(loaded: Path) -> None:
    before = loaded.read_bytes()
    result = runner.invoke(app, ["diff", str(BAD / "many-at-once")])
    assert result.exit_code == 1
    assert "nothing was written" in result.stderr
    assert result.stderr.splitlines()[0].startswith("cooperations.csv:3:")
    assert loaded.read_bytes() == before


def test_a_truncated_load_is_refused_unless_forced(loaded: Path, tmp_path: Path) -> None:
    cut = changes.truncated(tmp_path / "cut")
    before = loaded.read_bytes()
    result = runner.invoke(app, ["load", str(cut), "--scope", "all"])
    assert result.exit_code == 1
    assert "supplies: would end 121 of 221 (55%)" in result.stderr.splitlines()
    assert loaded.read_bytes() == before
    result = runner.invoke(app, ["load", str(cut), "--scope", "all", "--max-end-share", "0.6"])
    assert result.exit_code == 0, result.output
    again = runner.invoke(app, ["load", str(changes.DEMO), "--scope", "all", "--json"])
    assert json.loads(again.stdout)["ended"] == {}


def test_a_refused_load_answers_json(loaded: Path, tmp_path: Path) -> None:
    cut = changes.truncated(tmp_path / "cut", keep=10)
    result = runner.invoke(app, ["load", str(cut), "--scope", "region=shangyu", "--json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["refused"]["supplies"]["end"] > 0
    forced = runner.invoke(app, ["load", str(cut), "--scope", "all", "--force", "--json"])
    assert json.loads(forced.stdout)["ended"] == {"supplies": 211}


@pytest.mark.parametrize("flag", [["--scope", "town=x"], ["--max-end-share", "2"]])
def test_a_bad_flag_is_one_line_and_exit_2(loaded: Path, flag: list[str]) -> None:
    result = runner.invoke(app, ["load", str(changes.DEMO), *flag])
    assert result.exit_code == 2
    assert flag[0] in result.output


def test_diff_of_what_is_loaded_changes_nothing(loaded: Path) -> None:
    result = runner.invoke(app, ["diff", str(changes.DEMO)])
    assert result.exit_code == 0
    assert result.stdout.splitlines()[-1] == "changes: none"
    assert "no scope: nothing is ended" in result.stdout.splitlines()[0]
