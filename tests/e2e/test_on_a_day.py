"""Pages asked about a day find and open what was in the map that day, in a real browser.

The network is tests/support/lifetimes.py's FIRMS: E1 left the cluster on 2025-05-01, so it is
in the map on 2024-06-30 (BEFORE), when its PTA contract with E3 still held, and not today.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from tests.support import lifetimes
from tests.support.browser import (
    DRAWN,
    Served,
    Watch,
    _double_click_node,
    _drawn,
    _need_chromium,
    _serve,
)

pytestmark = pytest.mark.browser

DAY = lifetimes.BEFORE.isoformat()


@pytest.fixture(scope="module")
def firms() -> Iterator[Served]:
    _need_chromium()
    store = MemoryStore()
    store.write_tables(lifetimes.FIRMS)
    yield from _serve(store)


def _finds(pg: Any, box: str, listing: str, q: str, hits: list[str]) -> None:
    """Type ``q`` into the search box ``box`` and wait until its ``listing`` shows ``hits``
    (keys or ids; ``[]``: the one line saying nothing was found). A timeout fails the test."""
    pg.fill(box, q)
    pg.wait_for_function(
        """([sel, hits]) => { const ul = document.querySelector(sel);
        if (!ul || ul.hidden) return false;
        const got = [...ul.querySelectorAll('li:not(.empty)')].map(
            e => e.getAttribute('data-key') || e.getAttribute('data-id'));
        const empty = ul.querySelector('li.empty') !== null;
        return JSON.stringify(got) === JSON.stringify(hits) && empty === (hits.length === 0); }""",
        arg=[listing, hits],
        timeout=10_000,
    )


def test_the_map_on_a_day_finds_the_firms_of_that_day(
    firms: Served, page: tuple[Any, Watch]
) -> None:
    pg, watch = page
    _drawn(pg, f"{firms.base}/map?as_of={DAY}")
    _finds(pg, "#search", "#results", "E1", ["Enterprise:E1"])
    assert f"{firms.base}/api/search?limit=12&q=E1&as_of={DAY}" in watch.requests
    _drawn(pg, f"{firms.base}/map")  # today E1 has left: not found
    _finds(pg, "#search", "#results", "E1", [])


def test_a_picker_finds_the_firms_of_the_day_its_form_asks_about(
    firms: Served, page: tuple[Any, Watch]
) -> None:
    pg, _ = page
    pg.goto(f"{firms.base}/match?as_of={DAY}")
    assert pg.input_value("#as-of") == DAY
    _finds(pg, ".picker-input", ".picker .results", "甲石化", ["E1"])
    pg.fill("#as-of", "")  # blank: today, when E1 is no longer in the map
    _finds(pg, ".picker-input", ".picker .results", "E1", [])


def test_a_node_of_an_answer_on_a_day_opens_its_view_on_that_day(
    firms: Served, page: tuple[Any, Watch]
) -> None:
    pg, _ = page
    _drawn(pg, f"{firms.base}/paths?source=E1&target=E3&as_of={DAY}")
    _double_click_node(pg, "Enterprise:E1")
    pg.wait_for_url(f"{firms.base}/view/enterprises/E1?as_of={DAY}")
    pg.wait_for_selector(DRAWN, state="attached")  # E1's view that day (today: a 404)
    assert "宁波甲石化有限公司" in pg.inner_text("body")
