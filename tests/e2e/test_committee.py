"""The committee's pages in a real browser: every analysis reached by clicking from the map,
the HTML error pages, the export buttons, and the briefing's print layout (a screenshot and a
PDF saved under tests/artifacts/)."""

from __future__ import annotations

import io
import re
from typing import Any

import pandas as pd
import pytest

from tests.support.browser import ARTIFACTS, DRAWN, Served, Watch, _drawn, _shot

pytestmark = pytest.mark.browser

#: (link on /analyses, what the page it opens shows)
LINKS = [
    ("#go-fill", "table#table-fill"),
    ("#go-strengthen", "table#table-strengthen"),
    ("#go-firms", "table#table-firms"),
    ("#go-extend", "table#table-extend"),
    ("#go-kpis", "table#table-kpis"),
    ("#go-centrality", "table#table-centrality"),
    ("#go-gaps", DRAWN),
    ("#go-single-source", DRAWN),
    ("#go-report", DRAWN),
]


def _from_the_map(pg: Any, base: str) -> None:
    _drawn(pg, f"{base}/map")
    with pg.expect_navigation():
        pg.click("#nav-analyses")
    assert pg.url.endswith("/analyses")


@pytest.mark.parametrize(("link", "shows"), LINKS, ids=[lk for lk, _ in LINKS])
def test_every_analysis_is_a_click_from_the_map(
    demo: Served, page: tuple[Any, Watch], link: str, shows: str
) -> None:
    pg, _ = page
    _from_the_map(pg, demo.base)
    with pg.expect_navigation():
        pg.click(link)
    pg.wait_for_selector(shows, state="attached", timeout=20_000)


@pytest.mark.parametrize(
    ("form", "field", "value", "path"),
    [
        ("#form-impact-firm", "#impact-firm", "E0001", "/view/risk/impact?enterprise=E0001"),
        (
            "#form-impact-product",
            "#impact-product",
            "fluorspar",
            "/view/risk/impact?product=fluorspar",
        ),
        ("#form-tiers", "#tiers-id", "E0001", "/view/enterprises/E0001/tiers?direction=upstream"),
    ],
)
def test_the_analyses_forms_open_their_views(
    demo: Served, page: tuple[Any, Watch], form: str, field: str, value: str, path: str
) -> None:
    pg, _ = page
    _from_the_map(pg, demo.base)
    pg.fill(field, value)
    with pg.expect_navigation():
        pg.click(f"{form} button[type=submit]")
    pg.wait_for_selector(DRAWN, state="attached", timeout=20_000)
    assert pg.url.endswith(path)


def test_a_bad_page_input_shows_an_error_page(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    response = pg.goto(f"{demo.base}/match?enterprise=E9999")
    assert response.status == 404
    assert "E9999" in pg.inner_text("#error-says")
    _shot(pg, "error-page")
    with pg.expect_navigation():
        pg.click("#error-back-map")
    pg.wait_for_selector(DRAWN, state="attached", timeout=20_000)
    watch.problems.clear()  # the 404 itself is logged by the browser's console


def test_the_export_buttons_download_csv_and_xlsx(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(f"{demo.base}/targets?list=fill")
    with pg.expect_download() as got:
        pg.click("#export-csv")
    csv = got.value.path().read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and "钯系加氢催化剂".encode() in csv
    with pg.expect_download() as got:
        pg.click("#export-xlsx")
    assert got.value.suggested_filename.endswith(".xlsx")
    frame = pd.read_excel(io.BytesIO(got.value.path().read_bytes()))
    assert len(frame) == 13 and frame["产品编号 product id"].iloc[0] == "pd_catalyst"


def test_the_briefing_prints_on_a4(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/report")
    assert pg.is_visible("#export-xlsx")
    pg.emulate_media(media="print")
    assert not pg.is_visible("#export-xlsx") and not pg.is_visible(".topbar")
    assert (
        pg.evaluate("getComputedStyle(document.querySelector('#section-map')).breakBefore")
        == "page"
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    pg.screenshot(path=str(ARTIFACTS / "report-print.png"), full_page=True)
    pdf = pg.pdf(path=str(ARTIFACTS / "report-print.pdf"), prefer_css_page_size=True)
    assert pdf.startswith(b"%PDF")
    # A4 landscape (842 × 595 pt) on every page, several pages (the map on a page of its own)
    boxes = set(re.findall(rb"MediaBox\s*\[([^\]]*)\]", pdf))
    assert boxes == {b"0 0 841.91998 594.95996"}
    assert len(re.findall(rb"/Type\s*/Page[^s]", pdf)) >= 3
    assert (ARTIFACTS / "report-print.png").stat().st_size > 10_000
