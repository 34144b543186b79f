"""The committee's pages in a real browser: every analysis reached by clicking from the map,
the HTML error pages, the export buttons, and the briefing's print layout (a screenshot and a
PDF saved under tests/artifacts/)."""

from __future__ import annotations

import io
import re
import struct
from typing import Any

import httpx
import pandas as pd
import pytest

from chainatlas.api.pages import tables
from chainatlas.graph.model import Label
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
    # the panorama is drawn again at print resolution before it is printed
    pg.wait_for_selector("body[data-print-ready='1']", state="attached", timeout=20_000)
    assert pg.is_visible("#export-xlsx") and not pg.is_visible("#report-figure-print")
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
    # the panorama prints as an image drawn at print resolution, not the screen's canvas
    assert pg.is_visible("#report-figure-print") and not pg.is_visible("#network")
    assert pg.evaluate("document.querySelector('#report-figure-print').naturalWidth") == 2600


def _png_size(data: bytes) -> tuple[int, int]:
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width, height = struct.unpack(">II", data[16:24])
    return width, height


#: pixels darker than white in the title, legend and date areas of a print sheet
INK = """() => {
  const c = Atlas.printSheet(), x = c.getContext('2d'), s = Atlas.PRINT_SHEET;
  const ink = (x0, y0, w, h) => {
    const d = x.getImageData(x0, y0, w, h).data; let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i] < 160) n++;
    return n;
  };
  return {
    title: ink(s.margin, s.margin, 1800, 100),
    legend: ink(s.w - s.margin - s.legend + 50, s.head, s.legend - 50, 900),
    date: ink(s.margin, s.h - s.foot - 30, 1400, 70),
    picture: ink(s.margin, s.head, s.w - 2 * s.margin - s.legend, s.h - s.head - s.foot - s.margin),
  };
}"""
VIEWPORT = (
    "[network.getScale(), network.canvas.frame.canvas.width, network.canvas.frame.canvas.height]"
)


def test_the_png_is_a_print_sheet_with_title_legend_and_date(
    demo: Served, page: tuple[Any, Watch]
) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map")
    before = pg.evaluate(VIEWPORT)
    with pg.expect_download() as got:
        pg.click("#btn-png")
    data = got.value.path().read_bytes()
    assert _png_size(data) == (3508, 2480)  # A4 landscape at 300 dpi
    assert pg.evaluate(VIEWPORT) == before  # the screen's view comes back as it was
    ink = pg.evaluate(INK)
    assert min(ink.values()) > 300, ink
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    (ARTIFACTS / "map-print-sheet.png").write_bytes(data)


#: (page, the API route whose answer it shows, the answer's table kind)
ANSWERS = [
    (
        "/paths?source=E0080&target=E0001",
        "/api/paths/supply?source=E0080&target=E0001",
        "supply_paths",
    ),
    ("/match?enterprise=E0001", "/api/match/suppliers?enterprise=E0001", "match"),
    ("/view/risk/impact?product=fluorspar", "/api/risk/impact?product=fluorspar", "impact"),
]


def _cells(df: pd.DataFrame) -> list[list[Any]]:
    cells = df.astype(object).where(df.notna(), None).values.tolist()
    return [[None if v == "" else v for v in row] for row in cells]


@pytest.mark.parametrize(("url", "api", "kind"), ANSWERS, ids=[k for _, _, k in ANSWERS])
def test_an_answer_pages_export_buttons(
    demo: Served, page: tuple[Any, Watch], url: str, api: str, kind: str
) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}{url}")
    with pg.expect_download() as got:
        pg.click("#export-csv")
    csv = got.value.path().read_bytes()
    assert csv.startswith(b"\xef\xbb\xbf") and got.value.suggested_filename.endswith(".csv")
    with pg.expect_download() as got:
        pg.click("#export-xlsx")
    book = pd.read_excel(io.BytesIO(got.value.path().read_bytes()))
    answer = httpx.get(f"{demo.base}{api}").json()
    names = {
        f"Product:{p['id']}": p.get("name") or p["id"] for p in demo.store.nodes(Label.PRODUCT)
    }
    expected = tables.table(kind, answer, names).frame(headed=True)
    assert len(book) > 0 and list(book.columns) == list(expected.columns)
    assert _cells(book) == _cells(expected)
    assert len(pd.read_csv(io.BytesIO(csv), encoding="utf-8-sig")) == len(expected)
