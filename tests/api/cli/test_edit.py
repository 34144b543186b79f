"""``chainatlas edit`` on an embedded data directory holding the demo (change set 1): an end
saved as change set 2 and listed by ``history``, a stale ``--base`` refused naming both
change sets, located problems (exit 1, nothing written), a flag outside its choices (exit 2)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.graph.settings import get_settings
from chainatlas.loaders.demo import demo_bundle_path

runner = CliRunner()
KEY = ["supplier_id=E0001", "buyer_id=E0002", "product_id=sulfuric_acid"]


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    root = tmp_path_factory.mktemp("cli-edit")
    patch = pytest.MonkeyPatch()
    patch.setenv("CHAINATLAS_HOME", str(root / "home"))
    patch.setenv("NEO4J_URI", "")
    get_settings.cache_clear()
    loaded = runner.invoke(app, ["load", str(demo_bundle_path()), "-q"])
    assert loaded.exit_code == 0, loaded.output
    yield root
    patch.undo()
    get_settings.cache_clear()


def test_an_end_a_stale_base_and_located_problems(home: Path) -> None:
    args = ["edit", "supplies", "end", *KEY, "until=2025-12-31", "--base", "1", "--json"]
    ended = runner.invoke(app, args)
    assert ended.exit_code == 0, ended.output
    assert json.loads(ended.output)["change_set"]["counts"]["supplies"]["ended"] == 1
    history = json.loads(runner.invoke(app, ["history", "--json"]).output)
    assert [(c["id"], c["kind"]) for c in history["items"]] == [(2, "edit"), (1, "load")]
    stale = runner.invoke(app, ["edit", "supplies", "change", *KEY, "volume=1", "--base", "1"])
    assert stale.exit_code == 1 and stale.exception is not None
    assert "written by change set 2 after change set 1" in str(stale.exception)
    bad = runner.invoke(app, ["edit", "supplies", "add", *KEY[:2], "product_id=nylon", "--json"])
    assert bad.exit_code == 1
    assert [str(i) for i in bad.exception.issues] == [  # type: ignore[union-attr]
        "supplies:product_id: unknown product nylon (not in products)"
    ]
    same = runner.invoke(app, ["edit", "supplies", "change", *KEY, "volume=15000"])
    assert "nothing changed" in same.output
    new = ["supplier_id=E0001", "buyer_id=E0010", "product_id=sulfuric_acid", "since=2024"]
    added = runner.invoke(app, ["edit", "supplies", "add", *new])
    assert "change set 3 add supplies E0001 E0010 sulfuric_acid 已保存: +1" in added.output
    assert "supplies:buyer_id: warning: buyer E0010 does not list" in added.output


def test_a_table_or_field_outside_the_choices_is_exit_2(home: Path) -> None:
    assert runner.invoke(app, ["edit", "regions", "add", "id=x"]).exit_code == 2
    assert runner.invoke(app, ["edit", "supplies", "end", "supplier_id"]).exit_code == 2
