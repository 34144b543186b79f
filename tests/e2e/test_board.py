"""The board in a real browser: a firm's member signs in, posts a 技术 need from the form on
/board, opens its matches (drawn as a graph), accepts one, and the cooperation exists in the
API. One server for the module (the demo with a member key), one page."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store
from tests.support.board import BOARD_KEYS, KEY
from tests.support.browser import DRAWN, Served, Watch, _need_chromium, _serve, _shot

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def board() -> Iterator[Served]:
    """The demo bundle with the board's member keys, anonymous reading off."""
    _need_chromium()
    yield from _serve(bundle_store(demo_bundle_path()), anonymous_read=False, api_keys=BOARD_KEYS)


def test_post_a_need_open_its_matches_and_accept_one(
    board: Served, page: tuple[Any, Watch]
) -> None:
    pg, _ = page
    pg.goto(f"{board.base}/board")
    pg.wait_for_selector("#login-form")
    pg.fill("#login-key", KEY["member@E0102"])
    with pg.expect_navigation():
        pg.click("#login-go")
    assert pg.url.endswith("/board")

    pg.select_option("#form-kind", "技术")
    pg.fill("#form-title", "寻求玻纤增强PPS改性技术合作")
    pg.fill("#form-products", "pps_compound")
    with pg.expect_navigation():
        pg.click("#board-post-go")
    post_id = pg.url.rsplit("/", 1)[1]
    assert re.fullmatch(r"BP\d+", post_id), pg.url
    assert "寻求玻纤增强PPS改性技术合作" in pg.inner_text("#post-title")

    pg.wait_for_selector(DRAWN, state="attached", timeout=20_000)
    assert pg.evaluate(f"window.network.body.data.nodes.get('Post:{post_id}') !== null")
    assert pg.evaluate("window.network.body.data.edges.length") > 1
    _shot(pg, "board-matches")

    button = pg.query_selector("button.accept")
    assert button is not None
    firm = str(button.get_attribute("id")).removeprefix("accept-")
    with pg.expect_navigation():
        button.click()
    pg.wait_for_selector("#board-accepted")
    assert f"E0102 ↔ {firm}" in pg.inner_text("#board-accepted")

    api = httpx.get(
        f"{board.base}/api/board/posts/{post_id}", headers={"X-API-Key": KEY["viewer"]}
    ).json()
    assert (api["status"], api["answered_by"]) == ("matched", firm)
    profile = httpx.get(
        f"{board.base}/api/enterprises/E0102", headers={"X-API-Key": KEY["viewer"]}
    ).json()
    assert firm in {p["id"] for p in profile["partners"].get("技术", [])}, profile["partners"]
