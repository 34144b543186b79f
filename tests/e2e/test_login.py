"""Signing in to the pages in a real browser, as in the compose deployment: anonymous reading
off, one admin key. Headless Debian Chromium through Playwright, the app on 127.0.0.1 serving
the demo bundle; the ``page`` fixture of tests/test_browser_pages.py checks that no request
leaves 127.0.0.1, that no dialog opens and that no script error or CSP violation happens.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from chainatlas.api.auth import SESSION_COOKIE
from chainatlas.graph.queries.panorama import panorama
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store
from tests.support.browser import (
    CATCH_CSP,
    DRAWN,
    Served,
    Watch,
    _need_chromium,
    _serve,
    _shot,
)

pytestmark = pytest.mark.browser

ADMIN_KEY = "browser-admin-key-0123456789"
LOCAL = ("http://127.0.0.1:", "data:", "blob:", "file://")


@pytest.fixture(scope="module")
def closed() -> Iterator[Served]:
    """The demo bundle served with anonymous reading off and one admin key."""
    _need_chromium()
    yield from _serve(
        bundle_store(demo_bundle_path()), anonymous_read=False, api_keys={ADMIN_KEY: "admin"}
    )


def _sign_in(pg: Any, base: str, start: str = "/map") -> None:
    """Open ``start``, land on the sign-in form, sign in, wait for the graph."""
    pg.goto(f"{base}{start}")
    pg.wait_for_selector("#login-form")
    url = urlsplit(pg.url)
    assert url.path == "/login" and parse_qs(url.query)["next"] == [start]
    pg.fill("#login-key", ADMIN_KEY)
    pg.click("#login-go")
    pg.wait_for_selector(DRAWN, state="attached", timeout=20_000)


def test_sign_in_then_the_map_draws(closed: Served, page: tuple[Any, Watch]) -> None:
    pg, watch = page
    pg.goto(f"{closed.base}/map")
    pg.wait_for_selector("#login-form")
    assert pg.get_attribute("#login-form", "data-next") == "/map"
    assert "登录" in pg.inner_text("h1") and "Sign in" in pg.inner_text("h1")
    _shot(pg, "login-form")
    pg.fill("#login-key", ADMIN_KEY)
    pg.click("#login-go")
    pg.wait_for_selector(DRAWN, state="attached", timeout=20_000)
    assert urlsplit(pg.url).path == "/map"

    expected = panorama(closed.store)
    assert pg.evaluate("window.network.body.data.nodes.length") == len(expected["nodes"])
    assert pg.evaluate("window.network.body.data.edges.length") == len(expected["edges"])
    assert pg.get_attribute("#account", "data-role") == "admin"
    assert "管理员" in pg.inner_text("#account")

    cookie = next(c for c in pg.context.cookies() if c["name"] == SESSION_COOKIE)
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict"
    assert cookie["value"] != ADMIN_KEY and ADMIN_KEY not in cookie["value"]
    assert SESSION_COOKIE not in pg.evaluate("document.cookie")  # scripts cannot read it

    # the page's own fetches to /api/... go through on the cookie
    pg.fill("#search", "澜晟")
    pg.wait_for_selector("#results:not([hidden]) li[data-key='Enterprise:E0001']")
    assert any("/api/search?" in u for u in watch.requests)
    pg.keyboard.press("Escape")
    pg.mouse.move(700, 20)  # over the header: no hover card in the picture
    _shot(pg, "login")


def test_the_export_posts_with_the_cookie(
    closed: Served, page: tuple[Any, Watch], tmp_path: Path
) -> None:
    pg, _ = page
    _sign_in(pg, closed.base, "/map?chain=fluorine")
    with pg.expect_download() as html:
        pg.click("#btn-html")  # POST /view/export: cookie plus the origin check
    saved = tmp_path / "view.html"
    html.value.save_as(saved)
    assert "vis.Network" in saved.read_text(encoding="utf-8")


def test_the_match_page_searches_on_the_cookie(closed: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(f"{closed.base}/match")
    pg.wait_for_selector("#login-form")
    pg.fill("#login-key", ADMIN_KEY)
    pg.click("#login-go")
    pg.wait_for_selector("#match-form")
    # the form is in the DOM before the page's scripts bind its search box: wait for them
    pg.wait_for_load_state("load")
    pg.fill(".picker-input", "澜晟")
    pg.click(".picker .results li[data-id='E0001']")  # choosing the firm reloads the form
    pg.wait_for_selector(DRAWN, state="attached", timeout=20_000)
    assert urlsplit(pg.url).path == "/match"


def test_sign_out_ends_it(closed: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _sign_in(pg, closed.base)
    pg.click("#sign-out")
    pg.wait_for_selector("#login-form")
    assert urlsplit(pg.url).path == "/login"
    assert "You have signed out." in pg.inner_text("main")
    assert not [c for c in pg.context.cookies() if c["name"] == SESSION_COOKIE]
    pg.goto(f"{closed.base}/paths")
    pg.wait_for_selector("#login-form")  # back to the form
    assert parse_qs(urlsplit(pg.url).query)["next"] == ["/paths"]


@pytest.fixture
def watched(browser: Any) -> Iterator[tuple[Any, Watch]]:
    """Like ``page``, but watching requests without routing them: Playwright's interception
    changes which cookies Chromium sends (an intercepted cross-site navigation carried the
    SameSite=Strict cookie), and the next test is about exactly that."""
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    watch = Watch()
    context.on("request", lambda r: watch.requests.append(r.url))
    pg = context.new_page()
    pg.add_init_script(CATCH_CSP)
    watch.listen(pg)
    yield pg, watch
    context.close()
    assert [u for u in watch.requests if not u.startswith(LOCAL)] == []
    assert watch.dialogs == [] and watch.problems == []


def test_a_link_from_another_site_finds_the_session(
    closed: Served, watched: tuple[Any, Watch]
) -> None:
    """A link from another site (here a data: page, an opaque origin) arrives without the
    SameSite=Strict cookie, so the server shows the sign-in form; its script asks /session,
    which a same-origin fetch asks with the cookie, and goes on to where the link pointed."""
    pg, watch = watched
    _sign_in(pg, closed.base)
    link = f'<a id="out" href="{closed.base}/paths">paths</a>'
    pg.goto(f"data:text/html,{link}")
    first = len(watch.requests)
    pg.click("#out")
    pg.wait_for_selector("#paths-form", timeout=20_000)
    assert urlsplit(pg.url).path == "/paths"
    assert pg.get_attribute("#account", "data-role") == "admin"
    went = [urlsplit(u).path for u in watch.requests[first:]]
    assert went[:2] == ["/paths", "/login"]  # no cookie on the way in: the form first
    assert "/session" in went and went.count("/paths") == 2
