"""The shipped demo panorama (data/demo): the seed figures on both stores, and supply edges a
chemical engineer would accept (the supplier makes the product, the buyer needs it)."""

from __future__ import annotations

import csv
from collections import Counter

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
    stats = dict(store.stats())
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


def _amounts(demo: Bundle, table: Table, column: str) -> dict[tuple[str, str], float]:
    return {(r["enterprise_id"], r["product_id"]): r[column] for r in demo.tables[table]}


def test_no_firm_needs_what_it_makes(demo: Bundle) -> None:
    made = _amounts(demo, Table.PRODUCES, "capacity")
    assert made.keys() & _amounts(demo, Table.NEEDS, "annual_demand").keys() == set()


def test_every_need_follows_a_route_to_something_the_firm_makes(demo: Bundle) -> None:
    routes = {(r["input_id"], r["output_id"]) for r in demo.tables[Table.PRODUCT_INPUTS]}
    made = _amounts(demo, Table.PRODUCES, "capacity")
    needs = _amounts(demo, Table.NEEDS, "annual_demand")
    unjustified = [(e, p) for e, p in needs if not any((p, q) in routes for x, q in made if x == e)]
    assert unjustified == []


def test_supplies_stay_within_capacity_and_demand(demo: Bundle) -> None:
    made = _amounts(demo, Table.PRODUCES, "capacity")
    needs = _amounts(demo, Table.NEEDS, "annual_demand")
    sold: Counter[tuple[str, str]] = Counter()
    bought: Counter[tuple[str, str]] = Counter()
    for r in demo.tables[Table.SUPPLIES]:
        sold[r["supplier_id"], r["product_id"]] += r["volume"]
        bought[r["buyer_id"], r["product_id"]] += r["volume"]
    assert [k for k, v in sold.items() if v > made[k] + 1e-6] == []
    assert [k for k, v in bought.items() if v > needs[k] + 1e-6] == []


def test_pieces_are_supplied_whole(demo: Bundle) -> None:
    counted = [r for r in demo.tables[Table.SUPPLIES] if r["unit"] in ("片", "台", "套")]
    assert counted and all(float(r["volume"]).is_integer() for r in counted)


def test_every_product_is_made_or_needed(demo: Bundle) -> None:
    made = {p for _, p in _amounts(demo, Table.PRODUCES, "capacity")}
    used = made | {p for _, p in _amounts(demo, Table.NEEDS, "annual_demand")}
    # the rest are 延链 candidates: route outputs nobody makes, whose inputs are made here
    routes = demo.tables[Table.PRODUCT_INPUTS]
    rest = {r["id"] for r in demo.tables[Table.PRODUCTS]} - used
    assert rest == {"fk5112", "ptfe_fiber"}
    assert all(r["input_id"] in made for r in routes if r["output_id"] in rest)


def test_no_firm_carries_a_real_company_name(demo: Bundle) -> None:
    with (demo_bundle_path().parent / "catalogue" / "words.csv").open(encoding="utf-8") as f:
        guard = [r["word"] for r in csv.DictReader(f) if r["list"] == "real_name_guard"]
    names = [r["name"] for r in demo.tables[Table.ENTERPRISES]]
    assert len(guard) > 20 and [n for n in names if any(g in n for g in guard)] == []
