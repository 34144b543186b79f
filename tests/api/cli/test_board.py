"""``chainatlas board``: list, show, add, matches, accept and withdraw on the demo bundle."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.loaders.demo import demo_bundle_path

runner = CliRunner()
DATA = ["--data", str(demo_bundle_path())]


def run(*args: str) -> str:
    result = runner.invoke(app, ["board", *args, *DATA])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_list_show_and_matches() -> None:
    assert "BP016" in run("list", "--kind", "人才", "--side", "need")
    page = json.loads(run("list", "--text", "氟化工艺", "--json"))
    assert page["total"] >= 1 and all("id" in p for p in page["items"])
    assert "招聘氟化工艺工程师" in run("show", "BP016")
    text = run("matches", "BP016", "--limit", "3")
    assert "E0001" in text and "生产四氟乙烯" in text and "Produces" in text


def test_add_accept_and_withdraw_on_one_graph() -> None:
    # --data reads a fresh store per command: each command here stands alone
    made = json.loads(
        run(
            "add",
            "--enterprise-id",
            "E0006",
            "--side",
            "need",
            "--kind",
            "技术",
            "--title",
            "测试需求",
            "--products",
            "tfe",
            "--quantity",
            "2",
            "--json",
        )
    )
    assert made["status"] == "open" and made["products"] == ["tfe"]
    assert "E0102 —产能→ E0045" in run("accept", "BP037", "--candidate", "BP036")
    assert "withdrawn" in run("withdraw", "BP016", "--reason", "测试")


def test_bad_input_and_conflicts_are_refused_plainly() -> None:
    bad = runner.invoke(
        app,
        [
            "board",
            "add",
            "--enterprise-id",
            "E9999",
            "--side",
            "need",
            "--kind",
            "技术",
            "--title",
            "x",
            *DATA,
        ],
    )
    assert bad.exit_code == 2 and "unknown enterprise E9999" in bad.output
    late = runner.invoke(app, ["board", "accept", "BP040", "--candidate", "E0001", *DATA])
    assert late.exit_code == 1 and "expired" in late.output
