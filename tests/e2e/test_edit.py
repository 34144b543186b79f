"""Editing in a real browser: an editor signs in, opens 澜晟氟化's (E0001) profile, follows its
Edit link, adds a supply of sulfuric acid to 泓屹化工 (E0010) from the form, then ends it from
its own row; each save names its change set with a link to /changes, and the history lists
both edits (change sets 1 and 2: the demo is served as read, without a change set of its
own). One server for the module, one page."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import httpx
import pytest

from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store
from tests.support.api import KEY_OF, KEYS
from tests.support.browser import Served, Watch, _need_chromium, _serve, _shot

pytestmark = pytest.mark.browser
ROW = "#form-supply-E0001-E0010-sulfuric_acid"


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    _need_chromium()
    yield from _serve(bundle_store(demo_bundle_path()), anonymous_read=False, api_keys=KEYS)


def test_an_editor_adds_a_supply_and_ends_it(served: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    pg.goto(f"{served.base}/view/enterprises/E0001")
    pg.wait_for_selector("#login-form")
    pg.fill("#login-key", KEY_OF["editor"])
    with pg.expect_navigation():
        pg.click("#login-go")
    with pg.expect_navigation():
        pg.click("#btn-edit")
    assert pg.url.endswith("/edit/enterprises/E0001")
    assert pg.input_value("#supply-add-supplier_id") == "E0001"

    pg.fill("#supply-add-buyer_id", "E0010")
    pg.fill("#supply-add-product_id", "sulfuric_acid")
    pg.fill("#supply-add-volume", "3000")
    pg.fill("#supply-add-since", "2024")
    with pg.expect_navigation():
        pg.click("#supply-add-add")
    assert pg.url.endswith("/edit/enterprises/E0001?done=1"), pg.url
    assert "#1" in pg.inner_text("#edit-done")
    assert pg.get_attribute("#edit-done-changes", "href") == "/changes"
    assert pg.input_value(f"{ROW} input[name=volume]") == "3000"
    _shot(pg, "edit-added")

    with pg.expect_navigation():
        pg.click(f"{ROW} button[value=end]")
    assert pg.url.endswith("?done=2"), pg.url
    assert "已结束" in pg.inner_text(f"{ROW} h3")
    assert pg.query_selector(f"{ROW} button[value=end]") is None

    with pg.expect_navigation():
        pg.click("#edit-done-changes")
    assert pg.url.endswith("/changes")
    history = httpx.get(
        f"{served.base}/api/changes", headers={"X-API-Key": KEY_OF["viewer"]}
    ).json()
    assert [(c["id"], c["kind"]) for c in history["items"]] == [(2, "edit"), (1, "edit")]
    assert history["items"][0]["counts"]["supplies"]["ended"] == 1
