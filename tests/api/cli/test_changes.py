"""``chainatlas history``, ``change``, ``digest`` and ``report --since`` on an embedded data
directory holding the demo and the demo a month later (tests/support/changes.py)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.graph.settings import get_settings
from tests.support import changes

runner = CliRunner()
BEFORE = (changes.DAY - timedelta(days=1)).isoformat()


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("cli-changes")
    patch = pytest.MonkeyPatch()
    patch.setenv("CHAINATLAS_HOME", str(root / "home"))
    patch.setenv("NEO4J_URI", "")
    get_settings.cache_clear()
    month = changes.changed(root / "2026-12")
    for args in (["load", str(changes.DEMO), "-q"], ["load", str(month), "--scope", "all", "-q"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0, result.output
    yield root
    patch.undo()
    get_settings.cache_clear()


def run(*args: str) -> str:
    result = runner.invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.output


def test_history_and_one_change_set(home: Path) -> None:
    listed = json.loads(run("history", "--json"))
    assert [c["id"] for c in listed["items"]] == [2, 1] and listed["head"] == 2
    one = json.loads(run("change", "2", "--json", "--limit", "500"))
    ended = sorted(
        f["key"][0] for f in one["facts"] if f["table"] == "enterprises" and f["op"] == "ended"
    )
    assert ended == list(changes.LEAVING) and one["facts_total"] == len(one["facts"])
    assert "change set 2" in run("change", "2")


def test_the_digest(home: Path) -> None:
    answer = json.loads(run("digest", "--since", BEFORE, "--json"))
    assert answer["counts"]["firm_joined"] == 2 and answer["counts"]["supply_ended"] == 5
    shown = run("digest", "--since", BEFORE)
    assert "E0003" in shown and "firm_left 3" in shown
    out = home / "digest.csv"
    run("digest", "--since", BEFORE, "--csv", str(out))
    assert len(pd.read_csv(out)) == sum(answer["counts"].values())


def test_the_report_carries_the_digest(home: Path) -> None:
    out = home / "briefing.xlsx"
    run("report", str(out), "--since", BEFORE, "--limit", "3")
    book = pd.read_excel(out, sheet_name=None)
    assert len(book["变更 Changes"]) == 15  # 2 + 3 + 4 + 5 + 1
