"""Every firm's map on a day (graph/queries/map_fold.py): the store counts its supplies by
places and reads those of the firms drawn one by one; the answer is the view's fold of the
whole panorama on that day, on both stores. The network is tests/support/lifetimes.py's FIRMS
(a firm closed, one left the cluster, contracts ended): a module of its own, since it writes
the store the demo's tests share."""

from __future__ import annotations

from datetime import date

import pytest

from chainatlas.graph.dated import on_day
from chainatlas.graph.store import GraphStore
from tests.support import lifetimes
from tests.support.folds import check


@pytest.mark.parametrize("day", [None, lifetimes.EARLY, lifetimes.BEFORE, lifetimes.LATER])
def test_each_group_opens_on_a_day_firms_left_and_contracts_ended(
    store: GraphStore, day: date | None
) -> None:
    """Every firm's map counts its supplies by places and reads those of the firms drawn one by
    one: on tests/support/lifetimes.py's days (a firm closed, one left, contracts ended) and
    without one, each folded group opened alone, on each store."""
    store.write_tables(lifetimes.FIRMS)
    seen = on_day(store, day)
    opened = 0
    for limit in (4, 8, 12):
        want = check(seen, None, limit, ())
        for group in sorted(want.folded):
            check(seen, None, limit, (group,))
            opened += 1
    assert opened >= 3
