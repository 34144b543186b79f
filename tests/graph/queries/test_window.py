"""Hub answers by the page (graph/queries/window.py) on the demo bundle, on both stores: the
pages of a profile, of tiers and of an impact put back together are the whole answer, each
page's graph is part of the whole graph, and the two stores give the same page.

The subjects are the demo's largest: E0001 (15 customers), grey_fabric (27 producers and
consumers), E0001's 36 downstream firms within 3 tiers, the 30 firms hit when sulfur is lost
and the 7 when E0001 stops.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from chainatlas.graph import queries as q
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label
from chainatlas.graph.queries.window import MAX_LIMIT
from chainatlas.graph.store import GraphStore

pytestmark = pytest.mark.neo4j

Query = Callable[..., Any]

HUBS: dict[str, tuple[Query, tuple[str, ...]]] = {
    "enterprise profile": (
        lambda s, **w: q.enterprise_profile(s, "E0001", contacts=True, **w),
        ("suppliers", "customers"),
    ),
    "product profile": (
        lambda s, **w: q.product_profile(s, "grey_fabric", **w),
        ("producers", "consumers"),
    ),
    "tiers": (
        lambda s, **w: q.tiers(s, Label.ENTERPRISE, "E0001", direction="downstream", **w),
        ("nodes",),
    ),
    "impact of a product": (lambda s, **w: q.impact(s, product_id="sulfur", **w), ("affected",)),
    "impact of a firm": (lambda s, **w: q.impact(s, enterprise_id="E0001", **w), ("affected",)),
}


def _pages(f: Query, store: GraphStore, limit: int) -> list[Any]:
    pages, offset = [], 0
    while offset is not None:
        pages.append(f(store, limit=limit, offset=offset))
        offset = pages[-1]["next"]
    return pages


def _keys(graph: dict[str, Any]) -> tuple[set[Any], set[Any]]:
    nodes = {n["key"] for n in graph["nodes"]}
    edges = {(e["source"], e["target"], e["rel"], e["key"]) for e in graph["edges"]}
    return nodes, edges


@pytest.mark.parametrize("name", HUBS)
def test_pages_make_the_whole_answer(name: str, stores: tuple[GraphStore, GraphStore]) -> None:
    f, lists = HUBS[name]
    memory, neo4j = stores
    whole = f(memory)
    assert whole["limit"] is None and whole["next"] is None
    pages = _pages(f, memory, 4)
    assert len(pages) >= 2, "the subject is a hub of the demo"
    for items in lists:
        assert [x for p in pages for x in p[items]] == whole[items]
    whole_nodes, whole_edges = _keys(whole["graph"])
    for p in pages:
        nodes, edges = _keys(p["graph"])
        assert nodes <= whole_nodes and edges <= whole_edges
        assert {k: v for k, v in p.items() if k not in {"graph", *lists}} == {
            k: v for k, v in whole.items() if k not in {"graph", *lists}
        } | {"limit": 4, "offset": p["offset"], "next": p["next"]}
    assert pages == _pages(f, neo4j, 4)


def test_one_page_holds_every_item_of_the_demo(stores: tuple[GraphStore, GraphStore]) -> None:
    """The HTTP default (200) is far above the demo's hubs: the demo answers as before."""
    memory, _ = stores
    for f, _lists in HUBS.values():
        whole, page = f(memory), f(memory, limit=200)
        assert page == whole | {"limit": 200}


def test_a_page_beyond_the_end_is_empty(stores: tuple[GraphStore, GraphStore]) -> None:
    memory, _ = stores
    for store in stores:
        far = q.tiers(store, Label.ENTERPRISE, "E0001", direction="downstream", offset=500)
        assert (far["nodes"], far["total"], far["next"]) == ([], 36, None)
        assert [n["id"] for n in far["graph"]["nodes"]] == ["E0001"]
    assert q.impact(memory, product_id="sulfur", limit=1, offset=29)["next"] is None


@pytest.mark.parametrize("bad", [{"limit": 0}, {"limit": MAX_LIMIT + 1}, {"offset": -1}])
def test_a_bad_window_names_its_option(
    bad: dict[str, int], stores: tuple[GraphStore, GraphStore]
) -> None:
    for f, _lists in HUBS.values():
        with pytest.raises(InvalidOption) as e:
            f(stores[0], **bad)
        assert e.value.option == next(iter(bad))
