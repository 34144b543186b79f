"""The panorama folded where it is read (graph/queries/map_fold.py) is the view's fold of the
whole panorama, node for node and edge for edge, on both stores: the demo at limits small
enough to fold it, every chain and the whole map, with groups opened and on a day."""

from __future__ import annotations

from datetime import date

import pytest

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.map_fold import folded_panorama, kept_map
from chainatlas.graph.queries.panorama import drawn_counts, panorama
from chainatlas.graph.shapes import Subgraph
from chainatlas.graph.store import GraphStore
from chainatlas.viz.aggregate import Aggregation, Drawable

CHAINS = (None, "polymer", "fluorine", "dye_textile", "electronic")
LIMITS = (15, 60, 150, 400)


def _view_fold(
    store: GraphStore, chain: str | None, limit: int, expand: tuple[str, ...]
) -> tuple[Subgraph, Aggregation]:
    """What the map did before: the whole panorama, folded by the view."""
    whole = panorama(store, chain_id=chain)
    return whole, Drawable(whole).fold(limit=limit, expand=expand)


def _check(
    store: GraphStore, chain: str | None, limit: int, expand: tuple[str, ...]
) -> Aggregation:
    whole, want = _view_fold(store, chain, limit, expand)
    got = folded_panorama(store, chain_id=chain, limit=limit, expand=expand)
    assert got["graph"]["nodes"] == want.graph["nodes"]
    assert got["graph"]["edges"] == want.graph["edges"]
    assert got["folded"] == {g: len(m) for g, m in want.folded.items()}
    assert got["whole"] == {"nodes": len(whole["nodes"]), "edges": len(whole["edges"])}
    assert got["drawn"] == drawn_counts(whole)
    return want


@pytest.mark.parametrize("chain", CHAINS)
def test_the_folded_panorama_is_the_view_fold_of_the_whole(
    stores: tuple[GraphStore, GraphStore], chain: str | None
) -> None:
    answers = []
    for store in stores:
        for limit in LIMITS:
            want = _check(store, chain, limit, ())
            if want.folded:  # the largest folded group opened, then the smallest
                groups = sorted(want.folded, key=lambda g: (-len(want.folded[g]), g))
                _check(store, chain, limit, (groups[0],))
                _check(store, chain, limit, (groups[-1], groups[0]))
        answers.append(folded_panorama(store, chain_id=chain, limit=LIMITS[0]))
    memory, neo4j = answers
    assert memory == neo4j
    assert memory["folded"], "the smallest limit folds every map of the demo"


def test_a_day_folds_the_map_of_that_day(stores: tuple[GraphStore, GraphStore]) -> None:
    for store in stores:
        _check(on_day(store, date(2020, 1, 1)), None, 60, ())
        _check(on_day(store, date.today()), "polymer", 60, ())


def test_an_unknown_chain_is_refused(stores: tuple[GraphStore, GraphStore]) -> None:
    for store in stores:
        with pytest.raises(UnknownEntity):
            folded_panorama(store, chain_id="no-such-chain", limit=15)


def test_only_groups_that_can_open_are_computed_again(
    stores: tuple[GraphStore, GraphStore],
) -> None:
    """kept_map asks the fold again only for groups it can open: a group too large to draw,
    or one that is not folded, gives the map with none open, from the cache."""
    for store in stores:
        cache = AnalyticsCache(16)
        closed = kept_map(cache, store, limit=15)
        small = min(closed["folded"], key=lambda g: closed["folded"][g])
        large = max(closed["folded"], key=lambda g: closed["folded"][g])
        assert closed["folded"][large] > 15 >= closed["folded"][small]
        computed = cache.misses
        for expand in ((large,), ("Group:Enterprise:nowhere.upstream",)):
            assert kept_map(cache, store, expand=expand, limit=15) == closed
            assert kept_map(cache, store, expand=expand, limit=15) == folded_panorama(
                store, expand=expand, limit=15
            )
        assert cache.misses == computed
        opened = kept_map(cache, store, expand=(large, small), limit=15)
        assert opened == folded_panorama(store, expand=(small,), limit=15)
        assert opened == folded_panorama(store, expand=(large, small), limit=15)
        assert small not in opened["folded"] and cache.misses == computed + 1
