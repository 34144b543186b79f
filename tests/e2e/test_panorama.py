"""The whole panorama in a real browser: every supply relation of the demo drawn, cross-chain
links and outside sources styled apart, counters that count what is drawn."""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.queries.panorama import drawn_counts, panorama
from tests.support.browser import Served, Watch, _drawn, _shot

pytestmark = pytest.mark.browser

SUPPLIES = "window.network.body.data.edges.get({filter: e => e.rel === 'SUPPLIES'}).length"
DRAWN_EDGES = """(() => { const n = window.network.body.data.nodes; const shown = new Set(
  n.get({filter: x => !x.hidden}).map(x => x.id));
  return window.network.body.data.edges.get({filter: e => !e.hidden && shown.has(e.from)
    && shown.has(e.to)}).length; })()"""


def _count(pg: Any, which: str) -> int:
    return int(pg.inner_text(f"#count-{which}"))


def test_the_map_draws_every_supply_relation(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map")
    assert pg.evaluate(SUPPLIES) == 221
    cross = "window.network.body.data.edges.get({filter: e => e.kind === 'CROSS_CHAIN'}).length"
    assert pg.evaluate(cross) == 92 == drawn_counts(panorama(demo.store))["cross_chain"]
    # 海岬石化 E0080 sells sulphur to the chain leader 澜晟 E0001, across chains
    link = pg.evaluate(
        "window.network.body.data.edges.get({filter: e => e.from === 'Enterprise:E0080'"
        " && e.to === 'Enterprise:E0001'}).map(e => [e.kind, e.data.props.volume])"
    )
    assert link == [["CROSS_CHAIN", 63000]]
    leader = "window.network.body.data.edges.get({filter: e => e.from === 'Enterprise:E0001'"
    assert pg.evaluate(leader + " && e.rel === 'SUPPLIES'}).length") == 15
    outside = pg.evaluate(
        "window.network.body.data.nodes.get({filter: n => n.kind === 'Outside'}).map(n => n.id)"
    )
    assert len(outside) == 13 and "Outside:fluorspar" in outside
    assert pg.inner_text("#drawn-supplies") == "221"
    assert pg.is_visible(".legend input.f-rel[value='CROSS_CHAIN']")
    _shot(pg, "map-panorama")


def test_the_counters_follow_the_filters(demo: Served, page: tuple[Any, Watch]) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map")
    assert _count(pg, "edges") == pg.evaluate(DRAWN_EDGES)
    everything = _count(pg, "edges"), _count(pg, "nodes")
    pg.uncheck("input.f-district[value='ningbo']")
    fewer = _count(pg, "edges"), _count(pg, "nodes")
    assert fewer[0] < everything[0] and fewer[1] < everything[1]
    assert fewer[0] == pg.evaluate(DRAWN_EDGES)
    pg.uncheck("input.f-rel[value='CROSS_CHAIN']")
    assert _count(pg, "edges") == pg.evaluate(DRAWN_EDGES) < fewer[0]
    pg.check("input.f-district[value='ningbo']")
    pg.check("input.f-rel[value='CROSS_CHAIN']")
    assert (_count(pg, "edges"), _count(pg, "nodes")) == everything


def test_a_chain_map_shows_its_inputs_from_other_chains(
    demo: Served, page: tuple[Any, Watch]
) -> None:
    pg, _ = page
    _drawn(pg, f"{demo.base}/map?chain=fluorine")
    # 海岬石化 (petrochemicals) is drawn on the fluorine map because it supplies 澜晟
    node = pg.evaluate("window.network.body.data.nodes.get('Enterprise:E0080')")
    assert node is not None and node["data"]["cross_chain"] is True
    assert (
        pg.evaluate(SUPPLIES) == drawn_counts(panorama(demo.store, chain_id="fluorine"))["supplies"]
    )
