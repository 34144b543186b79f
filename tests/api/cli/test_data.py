"""``chainatlas check`` and ``chainatlas load`` on the embedded data directory."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.settings import get_settings
from tests.support.bundles import BAD, GOOD, to_xlsx

runner = CliRunner()


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """The embedded store's graph file in a fresh data directory (not there yet)."""
    monkeypatch.setenv("CHAINATLAS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", "")
    get_settings.cache_clear()
    yield get_settings().graph_file
    get_settings.cache_clear()


def test_check_clean_bundle(home: Path) -> None:
    result = runner.invoke(app, ["check", str(GOOD)])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [f"{GOOD}: 0 error(s), 0 warning(s); ok"]
    assert not home.exists()


def test_check_prints_warnings_and_passes(home: Path) -> None:
    result = runner.invoke(app, ["check", str(BAD / "strict-trade")])
    assert result.exit_code == 0
    assert result.stderr.splitlines()[:2] == [
        "supplies.csv:7:buyer_id: warning: buyer E5 does not list pet among its needs "
        "(not in needs)",
        "supplies.csv:8:supplier_id: warning: supplier E2 does not produce yarn "
        "(not in produces; a trader?)",
    ]


def test_check_quiet_hides_warnings(home: Path) -> None:
    result = runner.invoke(app, ["check", str(BAD / "strict-trade"), "--quiet"])
    assert (result.exit_code, result.stderr) == (0, "")


def test_check_json(home: Path) -> None:
    result = runner.invoke(app, ["check", str(BAD / "many-at-once"), "--json"])
    assert result.exit_code == 1
    doc = json.loads(result.stdout)
    assert doc["ok"] is False and doc["warnings"] == []
    assert doc["errors"][0] == {
        "file": "cooperations.csv",
        "row": 3,
        "column": "kind",
        "severity": "error",
        "code": "bad-kind",
        "message": "unknown cooperation kind 'friendship' "
        "(信息/技术/人才/资金/产品/产能/设备/information/technology/talent/capital/product/capacity/equipment)",
    }
    assert [e["code"] for e in doc["errors"]] == [
        "bad-kind",
        "bad-credit-code",
        "unknown-reference",
        "unknown-reference",
    ]


def test_check_missing_path_is_a_usage_error(home: Path, tmp_path: Path) -> None:
    assert runner.invoke(app, ["check", str(tmp_path / "nowhere")]).exit_code == 2


def test_load_writes_the_embedded_graph(home: Path) -> None:
    result = runner.invoke(app, ["load", str(GOOD), "--quiet"])
    assert result.exit_code == 0, result.output
    assert MemoryStore.open(home).stats()["enterprises"] == 7


def test_load_twice_leaves_the_graph_file_identical(home: Path) -> None:
    assert runner.invoke(app, ["load", str(GOOD)]).exit_code == 0
    first = home.read_bytes()
    assert runner.invoke(app, ["load", str(GOOD), "--batch-size", "2"]).exit_code == 0
    assert home.read_bytes() == first


def test_load_workbook_then_csv_is_the_same_graph_but_provenance(
    home: Path, tmp_path: Path
) -> None:
    book = to_xlsx(GOOD, tmp_path / "good.xlsx")
    assert runner.invoke(app, ["load", str(book), "-q"]).exit_code == 0
    stats = MemoryStore.open(home).stats()
    assert runner.invoke(app, ["load", str(GOOD), "-q"]).exit_code == 0
    assert MemoryStore.open(home).stats() == stats


def test_load_json_report(home: Path) -> None:
    result = runner.invoke(app, ["load", str(GOOD), "--json"])
    assert result.exit_code == 0
    doc = json.loads(result.stdout)
    assert (doc["bundle"], doc["store"], doc["total"]) == ("good", "memory", 44)
    assert doc["counts"]["supplies"] == 5 and doc["warnings"] == []


def test_load_strict_refuses_warnings_and_writes_nothing(home: Path) -> None:
    result = runner.invoke(app, ["load", str(BAD / "strict-trade"), "--strict"])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[-1].endswith("2 error(s), 0 warning(s); nothing was written")
    assert not home.exists()


def test_load_with_warnings_loads_and_prints_them(home: Path) -> None:
    result = runner.invoke(app, ["load", str(BAD / "strict-trade")])
    assert result.exit_code == 0
    assert "warning: supplier E2 does not produce yarn" in result.stderr
    assert MemoryStore.open(home).stats()["supply_edges"] == 7


def test_bad_batch_size_is_a_usage_error(home: Path) -> None:
    assert runner.invoke(app, ["load", str(GOOD), "--batch-size", "0"]).exit_code == 2


def test_load_bulk_needs_neo4j_and_writes_nothing(home: Path, tmp_path: Path) -> None:
    result = runner.invoke(app, ["load", str(GOOD), "--bulk", str(tmp_path / "files")])
    assert result.exit_code == 2
    assert "NEO4J_URI" in result.output
    assert not (tmp_path / "files").exists()


def test_load_bulk_refuses_its_target_before_reading_the_bundle(home: Path, tmp_path: Path) -> None:
    # a province's bundle takes minutes to read: a target the importer cannot fill is said
    # first (here an invalid bundle, whose issues would otherwise be the answer)
    result = runner.invoke(app, ["load", str(BAD / "bad-id"), "--bulk", str(tmp_path / "f")])
    assert result.exit_code == 2
    assert result.stderr.splitlines() == [
        "error: --bulk writes files for Neo4j's importer: set NEO4J_URI"
    ]


def test_load_again_is_answered_by_the_receipt(home: Path) -> None:
    bundle = str(BAD / "strict-trade")
    first = runner.invoke(app, ["load", bundle, "--json"])
    again = runner.invoke(app, ["load", bundle, "--json"])
    assert (first.exit_code, again.exit_code) == (0, 0)
    one, two = json.loads(first.stdout), json.loads(again.stdout)
    assert two["recalled"] and not one["recalled"] and two["change_set"] is None
    assert two["warnings"] == one["warnings"] != [] and two["counts"] == one["counts"]
    said = runner.invoke(app, ["load", bundle])
    assert "not read again" in said.stderr
    assert "warning: supplier E2 does not produce yarn" in said.stderr
    # --strict is another load: the bundle is read again, and its warnings refuse it
    assert runner.invoke(app, ["load", bundle, "--strict"]).exit_code == 1


def test_load_keeps_a_baseline_and_reads_changed_lines_by_it(home: Path, tmp_path: Path) -> None:
    bundle = Path(shutil.copytree(BAD / "strict-trade", tmp_path / "trade"))
    first = runner.invoke(app, ["load", str(bundle), "--json"])
    root = home.parent / "baselines"
    assert first.exit_code == 0 and len(list(root.iterdir())) == 1
    supplies = bundle / "supplies.csv"
    lines = supplies.read_text(encoding="utf-8").splitlines()
    supplies.write_text("\n".join([*lines, "E2,E5,yarn,1,t,2022,"]) + "\n", "utf-8")
    again = runner.invoke(app, ["load", str(bundle), "--json"])
    whole = runner.invoke(app, ["load", str(bundle), "--json", "--no-baselines"])
    assert (again.exit_code, whole.exit_code) == (0, 0)
    by_lines = json.loads(again.stdout)
    assert by_lines["change_set"]["counts"]["supplies"]["added"] == 1
    assert by_lines["changed_lines"] == 1 and json.loads(first.stdout)["changed_lines"] is None
    assert by_lines["counts"] == json.loads(first.stdout)["counts"] | {
        "supplies": json.loads(first.stdout)["counts"]["supplies"] + 1
    }
    assert json.loads(whole.stdout)["recalled"]  # the receipt of the load by lines
    assert by_lines["warnings"] == check_json(bundle)["warnings"]  # a whole read's
    assert len(list(root.iterdir())) == 2
    assert not runner.invoke(app, ["load", str(GOOD), "--no-baselines"]).exit_code
    assert len(list(root.iterdir())) == 2


def check_json(bundle: Path) -> dict[str, Any]:
    result = runner.invoke(app, ["check", str(bundle), "--json"])
    return json.loads(result.stdout)
