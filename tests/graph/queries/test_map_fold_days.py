"""Every firm's map and each chain's on a day (graph/queries/map_fold.py): the groups opened
read their members' own edges and take them off the counts between groups; the answer is the
view's fold of the whole panorama on that day, on both stores. The network is
tests/support/lifetimes.py's FIRMS (a firm closed, one left the cluster, contracts ended)
with a product of no chain that a firm of the map makes (never drawn: not in any chain's map,
nor in every firm's): a module of its own, since it writes the store the demo's tests share."""

from __future__ import annotations

import copy
from datetime import date

import pytest

from chainatlas.graph.dated import on_day
from chainatlas.graph.model import Row, Table
from chainatlas.graph.store import GraphStore
from tests.support import lifetimes
from tests.support.folds import check


def _tables() -> dict[Table, list[Row]]:
    tables = copy.deepcopy(lifetimes.FIRMS)
    tables[Table.PRODUCTS].append(
        {"id": "catalyst", "name": "催化剂", "name_en": "Catalyst", "unit": "t", "stage": "上游"}
    )
    tables[Table.PRODUCES].append(
        {"enterprise_id": "E3", "product_id": "catalyst", "capacity": 10, "unit": "t"}
    )
    return tables


@pytest.mark.parametrize("chain", [None, "poly", "textile"])
@pytest.mark.parametrize("day", [None, lifetimes.EARLY, lifetimes.BEFORE, lifetimes.LATER])
def test_each_group_opens_on_a_day_firms_left_and_contracts_ended(
    store: GraphStore, day: date | None, chain: str | None
) -> None:
    """Each folded group of every firm's map and of each chain's (whose suppliers of other
    chains are drawn too) opened alone, at three limits, on tests/support/lifetimes.py's days
    (a firm closed, one left, contracts ended) and without one, on each store."""
    store.write_tables(_tables())
    seen = on_day(store, day)
    opened = 0
    for limit in (4, 8, 12):
        want = check(seen, chain, limit, ())
        for group in sorted(want.folded):
            check(seen, chain, limit, (group,))
            opened += 1
    assert opened >= 3
