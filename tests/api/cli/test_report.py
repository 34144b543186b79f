"""``chainatlas report``: the briefing as an XLSX workbook (read back with pandas) or one
self-contained printable HTML file, from the demo bundle."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pandas as pd
import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.api.pages.committee import BOARD_TITLES, DIGEST_TITLES, TITLES
from chainatlas.graph.queries.targets import fill_targets
from chainatlas.graph.settings import get_settings
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store

runner = CliRunner()


@pytest.fixture
def embedded(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CHAINATLAS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", "")
    get_settings.cache_clear()
    yield tmp_path
    get_settings.cache_clear()


def test_the_report_as_a_workbook(embedded: Path) -> None:
    out = embedded / "briefing.xlsx"
    result = runner.invoke(
        app, ["report", str(out), "--data", str(demo_bundle_path()), "--limit", "5"]
    )
    assert result.exit_code == 0, result.output
    book = pd.read_excel(out, sheet_name=None)
    assert list(book) == [sheet for sheet, _, _ in TITLES + BOARD_TITLES + DIGEST_TITLES]
    fill = fill_targets(bundle_store(demo_bundle_path()), limit=5)["targets"]
    assert book["补链 Fill"]["产品编号 product id"].tolist() == [r["product_id"] for r in fill]


def test_the_report_as_a_printable_page(embedded: Path) -> None:
    out = embedded / "briefing.html"
    result = runner.invoke(app, ["report", str(out), "--data", str(demo_bundle_path())])
    assert result.exit_code == 0, result.output
    html = out.read_text(encoding="utf-8")
    assert "产业链汇报材料" in html and "@page" in html and 'id="network"' in html
    assert "<script src=" not in html  # every script inlined: the file stands alone


def test_an_unknown_format_is_one_line(embedded: Path) -> None:
    result = runner.invoke(app, ["report", str(embedded / "briefing.pdf")])
    assert result.exit_code == 2
    assert "OUTPUT must end in .xlsx or .html" in result.output
