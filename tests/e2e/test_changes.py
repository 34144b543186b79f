"""The change digest's page in Chromium: reached from the map's navigation, its form asks
another span, every table shows the demo's second month by name, nothing blocked by the CSP."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.loaders import load_bundle
from chainatlas.loaders.diff import parse_scope
from tests.support import changes
from tests.support.browser import Served, Watch, _drawn, _need_chromium, _serve, _shot

pytestmark = pytest.mark.browser
BEFORE = (changes.DAY - timedelta(days=1)).isoformat()


@pytest.fixture(scope="module")
def months(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    _need_chromium()
    store = MemoryStore()
    load_bundle(store, changes.DEMO, author="li", day=changes.DAY)
    month = changes.changed(Path(tmp_path_factory.mktemp("e2e-changes")) / "2026-12")
    load_bundle(store, month, author="wang", scope=parse_scope("all"), day=changes.DAY)
    yield from _serve(store)


def test_the_digest_page_from_the_map(months: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{months.base}/map")
    with pg.expect_navigation():
        pg.click("#nav-changes")
    assert pg.url.endswith("/changes")
    pg.fill("#digest-since", BEFORE)
    with pg.expect_navigation():
        pg.click("#digest-form button[type=submit]")
    rows = pg.locator("table#digest-items tbody tr")
    assert rows.count() == 15  # 2 joined, 3 left, 4 started, 5 ended, 1 capacity
    assert "绍兴岱禾化工有限公司" in pg.inner_text("table#digest-items")
    assert pg.locator("table#change-sets tbody tr").count() == 2
    _shot(pg, "changes")
