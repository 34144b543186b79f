"""``--as-of`` on the query commands: the query functions' answers on that day, read from a
bundle whose PTA contract (E1 → E3, since 2018) ended on 2024-07-01."""

from __future__ import annotations

import json
import shutil
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.graph.queries import impact
from chainatlas.graph.queries.window import DEFAULT_LIMIT
from chainatlas.loaders.stores import bundle_store
from tests.support import TEST_DATA

runner = CliRunner()


@pytest.fixture(scope="module")
def dated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    target = tmp_path_factory.mktemp("bundle") / "dated"
    shutil.copytree(TEST_DATA / "good", target)
    (target / "supplies.csv").write_text(
        "supplier_id,buyer_id,product_id,volume,unit,since,until,source\n"
        "E1,E3,pta,12000,t,2018,2024-07-01,2024年链长制调研\n"
        "E2,E3,meg,50000,t,2019,,\n"
        "E3,E4,yarn,20000,t,2020,,\n"
        "E4,E5,fabric,2000,万m,2021,,\n"
        "E6,E5,dye,600,吨,2016,,\n",
        encoding="utf-8",
    )
    return target


def run_json(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--json"])
    assert result.exit_code == 0, result.output
    return json.loads(result.output)


def test_stats_on_a_day(dated: Path) -> None:
    before = run_json("stats", "--data", str(dated), "--as-of", "2024-06-30")
    after = run_json("stats", "--data", str(dated), "--as-of", "2024-07-01")
    assert (before["supply_edges"], after["supply_edges"]) == (5, 4)
    assert run_json("stats", "--data", str(dated)) == after  # today: the contract has ended


def test_impact_on_a_day(dated: Path) -> None:
    for day in ("2024-06-30", "2024-07-01"):
        got = run_json("impact", "--enterprise", "E1", "--data", str(dated), "--as-of", day)
        assert got == json.loads(
            json.dumps(
                impact(
                    bundle_store(dated),
                    enterprise_id="E1",
                    as_of=date.fromisoformat(day),
                    limit=DEFAULT_LIMIT,  # the CLI's page, as the route's
                )
            )
        )
    got = run_json("impact", "--enterprise", "E1", "--data", str(dated), "--as-of", "2024-06-30")
    assert [a["id"] for a in got["affected"]][:1] == ["E3"]


def test_a_malformed_day_is_refused(dated: Path) -> None:
    result = runner.invoke(app, ["stats", "--data", str(dated), "--as-of", "2024-13-01"])
    assert result.exit_code == 2
    assert "--as-of" in result.output
