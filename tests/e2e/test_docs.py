"""Swagger UI at ``/docs`` in Chromium (issue 12, item 11): it draws the API under its own
Content-Security-Policy (the ``page`` fixture fails on any violation, script error or request
leaving 127.0.0.1), and an API key given to it stays in the page's memory: nothing of it is in
``localStorage`` or ``sessionStorage``, and a reload forgets it."""

from __future__ import annotations

from typing import Any

import pytest

from tests.support.browser import Served, Watch

pytestmark = pytest.mark.browser

KEY = "docs-key-0123456789abcdef"
STORED = "() => JSON.stringify([Object.entries(localStorage), Object.entries(sessionStorage)])"


def test_swagger_ui_draws_under_its_policy_and_forgets_the_key(
    demo: Served, page: tuple[Any, Watch]
) -> None:
    pg, watch = page
    pg.goto(demo.base + "/docs")
    pg.wait_for_selector(".swagger-ui .opblock-tag", timeout=30_000)
    assert "ChainAtlas" in pg.inner_text(".swagger-ui .info .title")
    # authorize as a user does: the Authorize dialog, the key in the ApiKey form
    pg.click(".swagger-ui .auth-wrapper .btn.authorize")
    form = pg.locator(".swagger-ui .auth-container").first
    form.locator("input").first.fill(KEY)
    form.locator("button.authorize").click()
    pg.click(".swagger-ui .btn-done")
    assert KEY in pg.evaluate("() => JSON.stringify(ui.authSelectors.authorized().toJS())")
    assert KEY not in pg.evaluate(STORED)
    pg.reload()
    pg.wait_for_selector(".swagger-ui .opblock-tag", timeout=30_000)
    assert KEY not in pg.evaluate("() => JSON.stringify(ui.authSelectors.authorized().toJS())")
    assert KEY not in pg.evaluate(STORED)
    assert any(u.endswith("/api/openapi.json") for u in watch.requests)
