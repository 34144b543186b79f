"""The pages in a real browser: headless Debian Chromium driven by Playwright, the app served by
uvicorn on 127.0.0.1 from the embedded store holding the demo bundle.

Every test records every request the page makes (none may leave 127.0.0.1), every dialog
(none may open), every Content-Security-Policy violation and script error (none may happen),
and saves a screenshot under tests/artifacts/.

Chromium: ``apt-get install chromium`` (Playwright's own download is not used). Without it the
tests skip, except under ``CI=true``, where they fail.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Rel, Table
from chainatlas.graph.queries.fold import NODE_LIMIT
from chainatlas.graph.queries.panorama import panorama
from chainatlas.graph.queries.paths import supply_paths
from chainatlas.loaders.generate import generate_bundle
from chainatlas.loaders.stores import bundle_store
from chainatlas.viz.aggregate import group_of
from tests.support.browser import (
    DRAWN,
    Served,
    Watch,
    _click_node,
    _drawn,
    _need_chromium,
    _node_xy,
    _serve,
    _shot,
)
from tests.support.subgraphs import XSS_FIRM

pytestmark = pytest.mark.browser


def test_the_map_draws_the_demo_panorama(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map")
    expected = panorama(demo.store)
    assert pg.evaluate("window.network.body.data.nodes.length") == len(expected["nodes"])
    assert pg.evaluate("window.network.body.data.edges.length") == len(expected["edges"])
    assert len(expected["nodes"]) > 155  # every firm, and the products
    perf = pg.evaluate("Atlas.perf")
    assert perf["physics"] is False and perf["firstDrawMs"] < 2000, perf
    _shot(pg, "map")


def test_clicking_a_firm_opens_its_profile(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map")
    _click_node(pg, "Enterprise:E0001")
    pg.wait_for_selector("#profile:not([hidden]) [data-section='suppliers']")
    text = pg.inner_text("#profile")
    assert "浙江澜晟氟化工股份有限公司" in text
    for heading in ("供应商", "客户", "合作伙伴", "本地无供应的需求"):
        assert heading in text
    _shot(pg, "map-profile")


def test_a_map_on_a_day_reads_its_profiles_on_that_day(
    demo: Served, page: tuple[Any, Watch]
) -> None:
    pg, watch = page
    _drawn(pg, f"{demo.base}/map?as_of=2026-06-30")
    assert pg.input_value("#as-of") == "2026-06-30"  # the form's date field shows the day
    _click_node(pg, "Enterprise:E0001")
    pg.wait_for_selector("#profile:not([hidden]) [data-section='suppliers']")
    assert f"{demo.base}/api/enterprises/E0001?as_of=2026-06-30" in watch.requests


def test_search_focuses_the_node_it_finds(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map")
    firm = demo.store.tables[Table.ENTERPRISES][("E0001",)]
    initials = firm["initials"].split()[-1]  # of its short name 澜晟氟化, as the store derives them
    for query, key in (
        ("7664-39-3", "Product:ahf"),  # a CAS number
        (firm["credit_code"], "Enterprise:E0001"),  # a credit code
        (initials, "Enterprise:E0001"),  # pinyin initials
        ("澜晟", "Enterprise:E0001"),
    ):  # Chinese
        pg.fill("#search", query)
        pg.wait_for_selector(f"#results:not([hidden]) li[data-key='{key}']")
        pg.click(f"#results li[data-key='{key}']")
        pg.wait_for_function("k => window.network.getSelectedNodes()[0] === k", arg=key)
        pg.wait_for_selector("#profile:not([hidden])")
    _shot(pg, "map-search")


def test_filters_hide_and_show(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map")
    visible = "window.network.body.data.nodes.get({filter: n => !n.hidden}).length"
    everything = pg.evaluate(visible)
    pg.uncheck("input.f-district[value='keqiao']")
    without = pg.evaluate(visible)
    pg.uncheck("input.f-stage[value='上游']")
    fewer = pg.evaluate(visible)
    assert everything > without > fewer
    pg.check("input.f-district[value='keqiao']")
    pg.check("input.f-stage[value='上游']")
    assert pg.evaluate(visible) == everything


def test_expanding_a_firm_adds_its_neighbours(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map?chain=polymer")
    before = pg.evaluate("window.network.body.data.nodes.length")
    firm = pg.evaluate("""window.network.body.data.nodes.get({filter: n => n.kind === 'Enterprise'})
        .sort((a, b) => a.id < b.id ? -1 : 1)[0].id""")
    _click_node(pg, firm)
    pg.wait_for_selector("#profile:not([hidden]) #btn-expand")
    pg.click("#btn-expand")
    pg.wait_for_function("n => window.network.body.data.nodes.length > n", arg=before)


def test_language_and_font_toggles(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map")
    pg.click("#lang-toggle")
    assert pg.get_attribute("html", "data-lang") == "zh"
    pg.click("#lang-toggle")
    assert pg.get_attribute("html", "data-lang") == "en"
    label = pg.evaluate("window.network.body.data.nodes.get('Product:ahf').label")
    assert label.startswith("Anhydrous")
    pg.click("#size-toggle")
    assert "large" in (pg.get_attribute("html", "class") or "")
    _shot(pg, "map-english-large")


def test_exports_png_and_standalone_html(
    demo: Served, page: tuple[Any, Watch], tmp_path: Path
) -> None:
    pg, watch = page
    _drawn(pg, f"{demo.base}/map?chain=fluorine")
    with pg.expect_download() as png:
        pg.click("#btn-png")
    assert png.value.path().read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    with pg.expect_download() as html:
        pg.click("#btn-html")
    saved = tmp_path / "view.html"
    html.value.save_as(saved)
    text = saved.read_text(encoding="utf-8")
    assert "vis.Network" in text and "<script src" not in text
    nodes = pg.evaluate("window.network.body.data.nodes.get({filter: n => !n.hidden}).length")
    first = len(watch.requests)
    _drawn(pg, saved.as_uri())  # the file alone draws the same view, offline
    assert pg.evaluate("window.network.body.data.nodes.length") == nodes
    assert watch.requests[first:] == [saved.as_uri()]
    _shot(pg, "standalone-export")


# -- match and paths -------------------------------------------------------------------------
def test_the_match_page_ranks_candidates_with_reasons(
    demo: Served, page: tuple[Any, Watch]
) -> None:
    pg, _ = page
    pg.goto(f"{demo.base}/match")
    pg.fill(".picker-input", "澜晟")
    pg.click(".picker .results li[data-id='E0001']")  # choosing the firm reloads the form
    pg.wait_for_selector("body[data-drawn='1']", state="attached")
    badges = pg.eval_on_selector_all(".side .badge", "els => els.map(e => e.textContent)")
    assert badges and badges == [str(i) for i in range(1, len(badges) + 1)]
    first = pg.inner_text(".side .item >> nth=0")
    assert "得分" in first and "score" in first
    assert pg.evaluate("window.network.body.data.nodes.length") > len(badges)
    _shot(pg, "match")


def test_the_paths_page_draws_a_path(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    source, target = _a_long_supply_chain(demo.store)
    answer = supply_paths(demo.store, source, target)
    _drawn(pg, f"{demo.base}/paths?source={source}&target={target}")
    assert pg.evaluate("window.network.body.data.nodes.length") == len(answer["graph"]["nodes"])
    assert pg.locator(".side .item").count() == len(answer["paths"])
    pg.click(".side .item >> nth=0")
    selected = pg.evaluate("window.network.getSelectedNodes()")
    assert set(selected) == {f"Enterprise:{n}" for n in answer["paths"][0]["nodes"]}
    _shot(pg, "paths")


def test_the_pointer_on_a_graph_focuses_it_without_scrolling_the_page(
    demo: Served, page: tuple[Any, Watch]
) -> None:
    """vis focuses its frame under the pointer (for its keys); the paths page's graph runs
    below the window, and the focus used to scroll the page away from the node pointed at."""
    pg, _ = page
    source, target = _a_long_supply_chain(demo.store)
    _drawn(pg, f"{demo.base}/paths?source={source}&target={target}")
    box = pg.evaluate("document.querySelector('#network canvas').getBoundingClientRect().toJSON()")
    assert box["bottom"] > pg.viewport_size["height"]  # the graph runs below the window
    pg.mouse.move(*_node_xy(pg, f"Enterprise:{source}"))
    pg.wait_for_function("document.activeElement.classList.contains('vis-network')")
    assert pg.evaluate("window.scrollY") == 0


def _a_long_supply_chain(store: MemoryStore) -> tuple[str, str]:
    """Two firms joined by a supply path of three hops (deterministic: the first such)."""
    out: dict[str, list[str]] = {}
    for e in store.edges(Rel.SUPPLIES):
        out.setdefault(e["source"], []).append(e["target"])
    for a in sorted(out):
        for b in sorted(out[a]):
            for c in sorted(out.get(b, [])):
                for d in sorted(out.get(c, [])):
                    if len({a, b, c, d}) == 4:
                        return a, d
    raise AssertionError("the demo has no three-hop supply chain")


# -- every view ------------------------------------------------------------------------------
VIEWS = [
    "/view/enterprises/E0001",
    "/view/enterprises/E0001/tiers?direction=downstream",
    "/view/products/ahf",
    "/view/match/suppliers?enterprise=E0001",
    "/view/paths/route?source=fluorspar&target=ptfe",
    "/view/chains/dye_textile",
    "/view/gaps",
    "/view/risk/single-source",
    "/view/risk/impact?enterprise=E0001",
]


@pytest.mark.parametrize("url", VIEWS)
def test_every_view_draws(demo: Served, page: tuple[Any, Watch], url: str) -> None:
    pg, _ = page
    _drawn(pg, demo.base + url)
    assert pg.evaluate("window.network.body.data.nodes.length") > 0
    name = url.strip("/").split("?")[0].replace("/", "-")
    _shot(pg, name)


# -- a map too large to draw whole -----------------------------------------------------------
@pytest.fixture(scope="module")
def large(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    """A generated bundle whose map has more nodes than a view draws (2,000)."""
    _need_chromium()
    path = tmp_path_factory.mktemp("large")
    generate_bundle(path, enterprises=1800, seed=3)
    yield from _serve(bundle_store(path))


@pytest.mark.slow
def test_a_large_map_folds_and_a_group_opens_on_click(
    large: Served, page: tuple[Any, Watch]
) -> None:
    pg, _ = page
    _drawn(pg, f"{large.base}/map")
    assert len(panorama(large.store)["nodes"]) > NODE_LIMIT
    assert pg.evaluate("window.network.body.data.nodes.length") <= NODE_LIMIT
    assert pg.is_visible(".notice")
    groups = pg.evaluate(
        "window.network.body.data.nodes.get({filter: n => n.kind === 'Group'}).map(n => n.id)"
    )
    assert groups
    _shot(pg, "map-folded")
    with pg.expect_navigation():
        _click_node(pg, groups[0])
    pg.wait_for_selector(DRAWN, state="attached", timeout=20_000)
    assert "expand=" in pg.url
    keys = pg.evaluate("window.network.body.data.nodes.getIds()")
    assert groups[0] not in keys
    everything = panorama(large.store)
    names = {n["id"]: n["name"] for n in everything["nodes"] if n["label"] == "Region"}
    members = {n["key"] for n in everything["nodes"] if group_of(n, names) == groups[0]}
    assert members and members <= set(keys)
    _shot(pg, "map-folded-expanded")


# -- hostile names ---------------------------------------------------------------------------
def test_a_firm_named_like_an_attack_is_text(hostile: Served, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    for url in ("/view/enterprises/X0001", "/map?chain=polymer"):
        _drawn(pg, hostile.base + url)
        assert pg.evaluate("document.querySelectorAll('img').length") == 0
        node = pg.evaluate("window.network.body.data.nodes.get('Enterprise:X0001').data.name")
        assert node == XSS_FIRM
    # the profile panel and the hover card show it as text
    _click_node(pg, "Enterprise:X0001")
    pg.wait_for_selector("#profile:not([hidden])")
    assert XSS_FIRM in pg.inner_text("#profile")
    xy = pg.evaluate(
        """k => { const d = window.network.canvasToDOM(window.network.getPositions([k])[k]);
        const r = document.querySelector('#network canvas').getBoundingClientRect();
        return [r.left + d.x, r.top + d.y]; }""",
        "Enterprise:X0001",
    )
    pg.mouse.move(xy[0] + 1, xy[1] + 1)
    pg.wait_for_selector("#tip:not([hidden])")
    assert XSS_FIRM in pg.inner_text("#tip")
    pg.fill("#search", "onerror")
    pg.wait_for_selector("#results:not([hidden]) li[data-key='Enterprise:X0001']")
    assert pg.evaluate("document.querySelectorAll('img').length") == 0
    assert watch.dialogs == []
    _shot(pg, "hostile-name")
