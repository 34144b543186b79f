"""The commands added for every query route (profiles, lists, tiers, chains, single-source,
centrality, PageRank, communities, weighted paths, Cypher): JSON is the Python method's (so
the route's) answer, tables go to CSV and XLSX, an unreachable Neo4j is one line and exit 3."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
from typer.testing import CliRunner

from chainatlas.api.atlas import Atlas
from chainatlas.api.cli.app import app, main
from chainatlas.graph.settings import get_settings
from chainatlas.loaders.stores import bundle_store
from tests.support import ROOT, TEST_DATA, networks
from tests.support.api import settings

GOOD = TEST_DATA / "good"
runner = CliRunner()


@pytest.fixture(scope="module")
def atlas() -> Atlas:
    return Atlas(bundle_store(GOOD), settings())


def cli(*args: str) -> Any:
    return runner.invoke(app, [*args, "--data", str(GOOD)])


def answer(*args: str) -> Any:
    result = cli(*args, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def same(value: Any) -> Any:
    return json.loads(json.dumps(value, ensure_ascii=False, default=str))


@pytest.mark.parametrize(
    "args, method, kwargs",
    [
        (["enterprises", "--region", "keqiao"], "list_enterprises", {"region": "keqiao"}),
        (["products", "--limit", "3", "--offset", "1"], "list_products", {"limit": 3, "offset": 1}),
        (["enterprise", "E3"], "get_enterprise", {"id": "E3"}),
        (["product", "pta"], "get_product", {"id": "pta"}),
        (["suppliers", "E3"], "list_enterprise_suppliers", {"id": "E3"}),
        (["customers", "E3"], "list_enterprise_customers", {"id": "E3"}),
        (
            ["tiers", "enterprise", "E5", "--depth", "2"],
            "enterprise_tiers",
            {"id": "E5", "depth": 2},
        ),
        (
            ["tiers", "product", "pet", "--direction", "downstream"],
            "product_tiers",
            {"id": "pet", "direction": "downstream"},
        ),
        (["chains"], "list_chains", {}),
        (["chain", "poly"], "get_chain", {"id": "poly"}),
        (["single-source"], "list_single_sourced", {}),
        (
            ["centrality", "--measure", "degree", "--limit", "3"],
            "centrality",
            {"measure": "degree", "limit": 3},
        ),
        (["pagerank", "--ties", "supply"], "pagerank", {"ties": "supply"}),
        (["communities", "--seed", "4"], "communities", {"seed": 4}),
        (["paths", "weighted", "E1", "E5"], "weighted_paths", {"source": "E1", "target": "E5"}),
    ],
    ids=lambda v: " ".join(v) if isinstance(v, list) else None,
)
def test_json_is_the_methods_answer(
    atlas: Atlas, args: list[str], method: str, kwargs: dict[str, Any]
) -> None:
    assert answer(*args) == same(getattr(atlas, method)(**kwargs).data)


def test_tables_show_names_beside_ids() -> None:
    result = cli("tiers", "enterprise", "E5")
    assert result.exit_code == 0, result.output
    assert "E4" in result.stdout and "丁纺织" in result.stdout
    shown = cli("pagerank", "--limit", "2")
    assert "PageRank (all) (7)" in shown.stdout and "丙化纤" in shown.stdout


def test_csv_and_xlsx_carry_the_answers_table(atlas: Atlas, tmp_path: Path) -> None:
    csv, xlsx = tmp_path / "tiers.csv", tmp_path / "tiers.xlsx"
    result = cli("tiers", "enterprise", "E5", "--csv", str(csv), "--xlsx", str(xlsx))
    assert result.exit_code == 0, result.output
    expected = atlas.enterprise_tiers("E5").to_pandas()
    assert csv.read_bytes() == atlas.enterprise_tiers("E5").to_csv()
    frame = pd.read_excel(xlsx)
    assert frame["id"].tolist() == expected["id"].tolist()
    assert list(frame.columns) == list(expected.columns)


@pytest.mark.parametrize(
    "args, kind",
    [
        (["search", "化"], "search"),
        (["match", "suppliers", "E5"], "match"),
        (["paths", "supply", "E1", "E5"], "supply_paths"),
        (["paths", "route", "px", "fabric"], "routes"),
        (["gaps", "--offset", "0"], "gaps"),
        (["impact", "--enterprise", "E1"], "impact"),
    ],
)
def test_the_older_commands_write_csv_to_stdout(args: list[str], kind: str) -> None:
    result = cli(*args, "--csv", "-")
    assert result.exit_code == 0, result.output
    header = result.stdout_bytes.decode("utf-8-sig").splitlines()[0]
    assert header.split(",")[0] in {"label", "rank", "path", "route", "product_id", "tier"}


def test_export_of_one_querys_subgraph(tmp_path: Path) -> None:
    target = tmp_path / "poly.json"
    result = cli("export", "json", "--query", "chain", "--id", "poly", "-o", str(target), "--json")
    assert result.exit_code == 0, result.output
    nodes = json.loads(target.read_text(encoding="utf-8"))["nodes"]
    assert {n["entity_id"] for n in nodes} >= {"E1", "E3", "poly"}
    assert cli("export", "json", "--query", "chain").exit_code == 2  # no --id


def test_cypher_needs_json_params_and_the_neo4j_store() -> None:
    assert cli("cypher", "RETURN 1", "--params", "{nope").exit_code == 2
    assert cli("cypher", "RETURN 1", "--params", "[1]").exit_code == 2
    refused = cli("cypher", "RETURN 1")
    assert refused.exit_code != 0


@pytest.mark.neo4j
def test_cypher_on_neo4j(
    neo4j_store: Any, neo4j_server: tuple[str, str, str], tmp_path: Path, monkeypatch: Any
) -> None:
    neo4j_store.write_tables(networks.EXTENDED)
    uri, user, password = neo4j_server
    for name, value in (("NEO4J_URI", uri), ("NEO4J_USER", user), ("NEO4J_PASSWORD", password)):
        monkeypatch.setenv(name, value)
    get_settings.cache_clear()
    out = tmp_path / "rows.csv"
    query = "MATCH (e:Enterprise {id: $id}) RETURN e.id AS id, e.name AS name"
    try:
        result = runner.invoke(
            app, ["cypher", query, "--params", '{"id": "E3"}', "--csv", str(out)]
        )
    finally:
        get_settings.cache_clear()
    assert result.exit_code == 0, result.output
    assert out.read_bytes().decode("utf-8-sig").splitlines()[1] == "E3,浙江丙化纤股份有限公司"


def test_an_unreachable_neo4j_is_one_line_and_exit_3() -> None:
    env = {**os.environ, "NEO4J_URI": "bolt://127.0.0.1:1", "NEO4J_PASSWORD": "not-a-real-secret-1"}
    done = subprocess.run(
        [sys.executable, "-m", "chainatlas", "pagerank"],
        capture_output=True,
        text=True,
        env=env,
        cwd=ROOT,
        timeout=120,
    )
    assert done.returncode == 3
    assert done.stdout == ""
    lines = done.stderr.splitlines()
    assert len(lines) == 1 and lines[0].startswith("store unavailable: bolt://127.0.0.1:1")
    assert "NEO4J_URI" in lines[0] and "retried" not in done.stderr


def test_main_turns_an_unreachable_store_into_exit_3(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("NEO4J_URI", "bolt://127.0.0.1:1")
    monkeypatch.setenv("NEO4J_PASSWORD", "not-a-real-secret-1")
    monkeypatch.setattr(sys, "argv", ["chainatlas", "chains"])
    get_settings.cache_clear()
    try:
        with pytest.raises(SystemExit) as exit:
            main()
    finally:
        get_settings.cache_clear()
    assert exit.value.code == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and err.startswith("store unavailable: bolt://127.0.0.1:1")
