"""The panorama folded where it is read (graph/queries/map_fold.py) is the view's fold of the
whole panorama, node for node and edge for edge, on both stores: the demo at limits small
enough to fold it, every chain and the whole map, with groups opened and on a day."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from functools import partial
from typing import Any

import pytest

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.map_fold import folded_panorama, kept_map
from chainatlas.graph.store import GraphStore
from tests.support.folds import check

CHAINS = (None, "polymer", "fluorine", "dye_textile", "electronic")
LIMITS = (15, 60, 150, 400)


@pytest.mark.parametrize("chain", CHAINS)
def test_the_folded_panorama_is_the_view_fold_of_the_whole(
    stores: tuple[GraphStore, GraphStore], chain: str | None
) -> None:
    answers = []
    for store in stores:
        for limit in LIMITS:
            want = check(store, chain, limit, ())
            if want.folded:  # the largest folded group opened, then the smallest
                groups = sorted(want.folded, key=lambda g: (-len(want.folded[g]), g))
                check(store, chain, limit, (groups[0],))
                check(store, chain, limit, (groups[-1], groups[0]))
        answers.append(folded_panorama(store, chain_id=chain, limit=LIMITS[0]))
    memory, neo4j = answers
    assert memory == neo4j
    assert memory["folded"], "the smallest limit folds every map of the demo"


def test_a_day_folds_the_map_of_that_day(stores: tuple[GraphStore, GraphStore]) -> None:
    for store in stores:
        check(on_day(store, date(2020, 1, 1)), None, 60, ())
        check(on_day(store, date.today()), "polymer", 60, ())


def test_a_group_of_as_many_members_as_the_limit_opens(
    stores: tuple[GraphStore, GraphStore],
) -> None:
    """A group of exactly ``limit`` members can be drawn, so it opens: the map's outline keeps
    the members of every group of at most ``limit`` (graph/queries/map_outline.py)."""
    for store in stores:
        sizes = folded_panorama(store, limit=15)["folded"]
        group = max(sizes, key=lambda g: (sizes[g], g))
        assert sizes[group] > 15
        assert group in check(store, None, sizes[group], ()).folded
        assert group not in check(store, None, sizes[group], (group,)).folded


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


def test_an_opening_reads_the_outline_of_the_map_kept(
    stores: tuple[GraphStore, GraphStore], monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every fold of one map reads its outline alike (every firm and product placed, the
    counts by place, the outside sources): kept_map reads it once per version, and an opening
    reads only the members of the groups it opens (at 1,000,000 firms the outline took 35 s
    of each opening)."""
    for store in stores:
        asked: list[str] = []
        for name in ("supply_place_counts", "product_counts", "nodes", "chain_members"):
            read = getattr(store, name)
            monkeypatch.setattr(store, name, partial(_counted, asked, name, read))
        cache = AnalyticsCache(16)
        for chain in (None, "polymer"):
            closed = kept_map(cache, store, chain, limit=15)
            can = sorted(g for g, n in closed["folded"].items() if n <= 15)
            assert len(can) >= 2
            whole = asked.count("nodes every") + asked.count("chain_members")
            assert whole >= 1
            for expand in ((can[0],), (can[0], can[1])):
                before = len(asked)
                opened = kept_map(cache, store, chain, expand=expand, limit=15)
                new = asked[before:]
                assert "nodes every" not in new and "chain_members" not in new
                assert "supply_place_counts" not in new and "product_counts" not in new
                assert opened == folded_panorama(store, chain_id=chain, expand=expand, limit=15)


def _counted(asked: list[str], name: str, read: Callable[..., Any], *a: Any, **kw: Any) -> Any:
    """``read``, noted in ``asked`` (``nodes`` of a whole label as "nodes every")."""
    every = name == "nodes" and len(a) < 2 and kw.get("ids") is None
    asked.append("nodes every" if every else name)
    return read(*a, **kw)
