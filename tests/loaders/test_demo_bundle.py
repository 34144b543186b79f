"""The shipped demo panorama (data/demo): the seed figures on both stores, and supply edges a
chemical engineer would accept (the supplier makes the product, the buyer needs it)."""

from __future__ import annotations

import pytest

from chainatlas.graph.model import Table
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import Bundle, read_bundle
from chainatlas.loaders.demo import demo_bundle_path

SEED_FIGURES = {
    "enterprises": 155,
    "collaborating_enterprises": 90,
    "supplied_products": 56,
    "chains": 4,
    "regions": 3,
}


@pytest.fixture(scope="module")
def demo() -> Bundle:
    return read_bundle(demo_bundle_path(), strict=True)


def test_demo_bundle_is_clean_even_in_strict_mode(demo: Bundle) -> None:
    assert demo.warnings == []


def test_seed_figures(store: GraphStore, demo: Bundle) -> None:
    store.write_tables(demo.tables)
    stats = store.stats()
    assert {k: stats[k] for k in SEED_FIGURES} == SEED_FIGURES


def test_every_supply_edge_is_made_by_supplier_and_needed_by_buyer(demo: Bundle) -> None:
    t = {name.value: rows for name, rows in demo.tables.items()}
    produces = {(r["enterprise_id"], r["product_id"]) for r in t["produces"]}
    needs = {(r["enterprise_id"], r["product_id"]) for r in t["needs"]}
    bad = [
        (s["supplier_id"], s["buyer_id"], s["product_id"])
        for s in t["supplies"]
        if (s["supplier_id"], s["product_id"]) not in produces
        or (s["buyer_id"], s["product_id"]) not in needs
        or s["supplier_id"] == s["buyer_id"]
    ]
    assert bad == []


def test_cooperation_of_all_five_kinds(demo: Bundle) -> None:
    kinds = {r["kind"] for r in demo.tables[Table.COOPERATIONS]}
    assert kinds == {"信息", "技术", "人才", "资金", "产品"}


def test_demo_has_gaps_and_single_sources(demo: Bundle) -> None:
    t = {name.value: rows for name, rows in demo.tables.items()}
    producers: dict[str, set[str]] = {}
    for r in t["produces"]:
        producers.setdefault(r["product_id"], set()).add(r["enterprise_id"])
    needed = {r["product_id"] for r in t["needs"]}
    assert len([p for p in needed if p not in producers]) >= 6
    assert any(len(producers.get(p, ())) == 1 for p in needed)
