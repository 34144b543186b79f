"""``targets fill|strengthen|extend``, ``kpis`` and ``geo`` on the demo: JSON is the Python
method's (so the route's) answer, tables go to CSV and XLSX, bad options are one line."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from chainatlas.api.atlas import Atlas
from chainatlas.api.cli.app import app
from chainatlas.graph.errors import InvalidOption
from chainatlas.loaders.stores import bundle_store
from tests.support import ROOT
from tests.support.api import settings

DEMO = ROOT / "data" / "demo"
runner = CliRunner()


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas(bundle_store(DEMO), settings())


def run(*args: str) -> Any:
    result = runner.invoke(app, [*args, "--data", str(DEMO)])
    assert result.exit_code == 0, result.output
    return result


def same(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


@pytest.mark.parametrize(
    ("args", "method"),
    [
        (("targets", "fill", "--limit", "13"), lambda a: a.fill_targets(13)),
        (("targets", "strengthen"), lambda a: a.strengthen_targets()),
        (("targets", "extend"), lambda a: a.extend_targets()),
        (("kpis",), lambda a: a.get_kpis()),
        (("geo", "--flows", "--chain", "fluorine"), lambda a: a.get_geo("fluorine", flows=True)),
    ],
)
def test_json_is_the_methods_answer(atlas: Atlas, args: tuple[str, ...], method: Any) -> None:
    assert json.loads(run(*args, "--json").stdout) == same(method(atlas).data)


def test_the_fill_list_holds_the_demos_13_gaps_and_goes_to_files(
    atlas: Atlas, tmp_path: Path
) -> None:
    fill = atlas.fill_targets(50)
    assert fill["total"] == 13 and len(fill.to_pandas()) == 13
    run("targets", "fill", "--csv", str(tmp_path / "fill.csv"))
    assert (tmp_path / "fill.csv").read_bytes().startswith(b"\xef\xbb\xbf")
    run("kpis", "--xlsx", str(tmp_path / "kpis.xlsx"))
    assert len(pd.read_excel(tmp_path / "kpis.xlsx")) == len(atlas.get_kpis()["rows"])
    assert "强链" in run("targets", "strengthen").stdout
    assert "延链" in run("targets", "extend").stdout


def test_geo_as_rows_and_bad_options(atlas: Atlas) -> None:
    frame = atlas.get_geo(flows=True).to_pandas()
    assert frame["kind"].value_counts().to_dict() == {"supply": 221, "enterprise": 155, "region": 3}
    assert frame.loc[frame["kind"] == "enterprise", "lon"].notna().all()
    assert "地理分布" in run("geo").stdout
    with pytest.raises(InvalidOption, match="flow_limit"):
        atlas.get_geo(flow_limit=0)
    with pytest.raises(InvalidOption, match="limit"):
        atlas.fill_targets(0)
    bad = runner.invoke(app, ["geo", "--flow-limit", "0", "--data", str(DEMO)])
    assert bad.exit_code == 2
