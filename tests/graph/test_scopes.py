"""Which firms a fact touches and which lie outside a region (graph/scopes.py), on both stores.

The reference network (tests/support/reference.py): E1, E2 in ningbo; E3, E6, E7 in
shangyu; E4, E5 in keqiao.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from chainatlas.graph.model import Label, Table
from chainatlas.graph.scopes import (
    SHARED_TABLES,
    changed_rows,
    firm_regions,
    firms_outside,
    firms_touched,
)
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import load_bundle
from chainatlas.loaders.bundle import read_bundle
from tests.support import reference
from tests.support.bundles import GOOD


@pytest.mark.parametrize(
    "table, row, firms",
    [
        (Table.ENTERPRISES, {"id": "E1", "region_id": "ningbo"}, {"E1"}),
        (
            Table.SUPPLIES,
            {"supplier_id": "E1", "buyer_id": "E3", "product_id": "pta"},
            {"E1", "E3"},
        ),
        (Table.COOPERATIONS, {"from_id": "E3", "to_id": "E6", "kind": "技术"}, {"E3", "E6"}),
        (Table.PRODUCES, {"enterprise_id": "E7", "product_id": "pet"}, {"E7"}),
        (Table.NEEDS, {"enterprise_id": "E5", "product_id": "dye"}, {"E5"}),
        (Table.POSTS, {"id": "BP1", "enterprise_id": "E4"}, {"E4"}),
        (Table.PRODUCTS, {"id": "pta", "chain_id": "poly"}, set()),
        (Table.CHAINS, {"id": "poly"}, set()),
        (Table.REGIONS, {"id": "shangyu"}, set()),
        (Table.PARKS, {"id": "SY1", "region_id": "shangyu"}, set()),
        (Table.PRODUCT_INPUTS, {"input_id": "px", "output_id": "pta"}, set()),
    ],
)
def test_firms_touched_by_a_row_of_each_table(
    table: Table, row: dict[str, Any], firms: set[str]
) -> None:
    assert firms_touched(table, row) == firms
    assert firms_touched(table.value, row) == firms


def test_every_table_is_either_a_firms_or_shared() -> None:
    assert set(SHARED_TABLES) == {
        Table.PRODUCTS,
        Table.CHAINS,
        Table.REGIONS,
        Table.PARKS,
        Table.PRODUCT_INPUTS,
    }


def test_firms_outside_a_region_on_both_stores(ref_store: GraphStore) -> None:
    assert firm_regions(ref_store, ["E3", "E4", "E9"]) == {"E3": "shangyu", "E4": "keqiao"}
    assert firm_regions(ref_store, []) == {}
    assert firms_outside(ref_store, "shangyu", ["E7", "E3"]) == []
    assert firms_outside(ref_store, "shangyu", ["E4", "E3", "E1"]) == ["E1", "E4"]
    # a firm the store does not hold is outside, unless the caller creates it
    assert firms_outside(ref_store, "shangyu", ["E9", "E3"]) == ["E9"]
    assert firms_outside(ref_store, "shangyu", ["E9", "E3"], new=["E9"]) == []
    # new only speaks for firms the store lacks: a held firm keeps its stored region
    assert firms_outside(ref_store, "shangyu", ["E4"], new=["E4"]) == ["E4"]


def test_an_ended_firm_still_belongs_to_its_region(ref_store: GraphStore) -> None:
    e7 = next(f for f in reference.ENTERPRISES if f["id"] == "E7")
    ref_store.upsert(Table.ENTERPRISES, [{**e7, "left": "2020-01-01"}])
    assert ref_store.nodes(Label.ENTERPRISE, ["E7"], as_of=date(2026, 1, 1)) == []
    assert firms_outside(ref_store, "shangyu", ["E7"]) == []


def test_a_reloaded_bundle_changes_no_row_on_both_stores(store: GraphStore) -> None:
    """A region editor's whole bundle passes for its unchanged rows: a row read back from
    either store must compare equal to the same bundle row (lists, dates, numbers)."""
    load_bundle(store, GOOD)
    tables = read_bundle(GOOD).tables
    assert {t: changed_rows(store, t, rows) for t, rows in tables.items() if rows} == {
        t: [] for t, rows in tables.items() if rows
    }
    e7 = next(r for r in tables[Table.ENTERPRISES] if r["id"] == "E7")
    e9 = {**e7, "id": "E9", "credit_code": None}
    moved = {**e7, "region_id": "keqiao"}
    assert changed_rows(store, Table.ENTERPRISES, [e7, moved, e9]) == [moved, e9]
    assert changed_rows(store, Table.SUPPLIES, []) == []
