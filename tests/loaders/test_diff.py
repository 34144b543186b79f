"""Diffs and authoritative loads on both stores: the demo a month later (tests/support/changes.py)
is diffed and loaded with a scope; a truncated file is refused and writes nothing."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import timedelta
from pathlib import Path

import pytest

from chainatlas.graph.errors import InvalidOption, LoadRefused
from chainatlas.graph.model import Label, Row, Table
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import Bundle, read_bundle
from chainatlas.loaders.diff import Item, diff_tables, parse_scope
from chainatlas.loaders.load import load_bundle, plan_load, store_rows, write_bundle
from tests.support import changes

DAY = changes.DAY
BEFORE = DAY - timedelta(days=1)
ALL = parse_scope("all")


@pytest.fixture(scope="module")
def month_later(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return changes.changed(tmp_path_factory.mktemp("changes") / "2026-12")


@pytest.fixture(scope="module")
def demo_bundle() -> Bundle:
    return read_bundle(changes.DEMO)


@pytest.fixture
def demo_store(store: GraphStore, demo_bundle: Bundle) -> GraphStore:
    write_bundle(store, demo_bundle)
    return store


def _keys(items: Sequence[Item]) -> list[tuple[str, ...]]:
    return [tuple(i.key.values()) for i in items]


def test_the_diff_reports_exactly_the_month(demo_store: GraphStore, month_later: Path) -> None:
    plan = plan_load(demo_store, read_bundle(month_later), scope=ALL, day=DAY)
    d = plan.tables
    assert _keys(d[Table.ENTERPRISES].add) == [(i,) for i in changes.JOINING]
    assert _keys(d[Table.ENTERPRISES].end) == [(i,) for i in changes.LEAVING]
    assert _keys(d[Table.SUPPLIES].add) == sorted(changes.NEW_SUPPLIES)
    assert _keys(d[Table.SUPPLIES].end) == sorted(changes.ended())
    (doubled,) = d[Table.PRODUCES].change
    assert tuple(doubled.key.values()) == changes.DOUBLED[:2]
    assert doubled.fields == {"capacity": changes.DOUBLED[2:]}
    assert doubled.names == {
        "enterprise_id": "浙江澜晟氟化工股份有限公司",
        "product_id": "无水氟化氢",
    }
    assert (len(d[Table.PRODUCES].end), len(d[Table.NEEDS].end)) == (4, 5)
    counted = {t.value: c for t, c in ((t, x.counts()) for t, x in d.items())}
    assert {
        t: (c["add"], c["change"], c["end"])
        for t, c in counted.items()
        if c["add"] or c["change"] or c["end"]
    } == {
        "enterprises": (2, 0, 3),
        "produces": (0, 1, 4),
        "needs": (0, 0, 5),
        "supplies": (4, 0, 5),
    }
    (leaver,) = [i for i in d[Table.ENTERPRISES].end if i.key["id"] == "E0003"]
    assert leaver.fields == {"left": (None, DAY.isoformat())} and leaver.names["id"]
    assert plan.too_many_ends() == {}
    assert plan.to_dict()["counts"]["supplies"]["in_force"] == 221


def test_an_authoritative_load_ends_what_the_bundle_lost(
    demo_store: GraphStore, month_later: Path
) -> None:
    before = demo_store.stats(as_of=BEFORE)
    report = load_bundle(demo_store, month_later, scope=ALL, day=DAY)
    assert report.ended == {"enterprises": 3, "produces": 4, "needs": 5, "supplies": 5}
    assert demo_store.stats(as_of=BEFORE) == before  # the day before answers as before
    now = demo_store.stats(as_of=DAY)
    assert (now["enterprises"], now["supply_edges"]) == (154, 220)
    assert demo_store.stats()["enterprises"] == 157  # history keeps the firms that left
    s, b, p = changes.ended()[0]
    (edge,) = [e for e in demo_store.supplies_of([p]) if (e["source"], e["target"]) == (s, b)]
    assert edge["props"]["until"] == DAY.isoformat()  # ended, never deleted
    assert demo_store.node(Label.ENTERPRISE, "E0003")["left"] == DAY.isoformat()
    again = plan_load(demo_store, read_bundle(month_later), scope=ALL, day=DAY)
    assert all(not (x.add or x.change or x.end) for x in again.tables.values())


def test_a_truncated_file_is_refused_and_writes_nothing(
    demo_store: GraphStore, tmp_path: Path
) -> None:
    cut = changes.truncated(tmp_path / "cut")
    before = store_rows(demo_store)
    with pytest.raises(LoadRefused) as e:
        load_bundle(demo_store, cut, scope=ALL, day=DAY)
    assert e.value.counts == {"supplies": {"end": 121, "in_force": 221, "share": 0.5475}}
    assert "121 of 221" in str(e.value)
    assert store_rows(demo_store) == before
    report = load_bundle(demo_store, cut, scope=ALL, day=DAY, force=True)
    assert report.ended == {"supplies": 121}
    assert demo_store.stats(as_of=DAY)["supply_edges"] == 100


def test_scopes_end_only_their_own(demo_bundle: Bundle, month_later: Path) -> None:
    from chainatlas.graph.memory import MemoryStore

    store = MemoryStore()
    write_bundle(store, demo_bundle)
    bundle = read_bundle(month_later)
    ends = {
        scope: sum(
            len(x.end)
            for x in plan_load(store, bundle, scope=parse_scope(scope), day=DAY).tables.values()
        )
        for scope in ("all", "region=shangyu", "region=keqiao", "source=demo", "source=other")
    }
    assert ends == {
        "all": 17,
        "region=shangyu": 17,
        "region=keqiao": 0,
        "source=demo": 17,
        "source=other": 0,
    }
    assert sum(len(x.end) for x in plan_load(store, bundle, day=DAY).tables.values()) == 0


def test_a_region_scope_covers_facts_touching_its_firms() -> None:
    firms: list[Row] = [
        {"id": "E1", "name": "甲", "region_id": "shangyu"},
        {"id": "E2", "name": "乙", "region_id": "ningbo"},
        {"id": "E3", "name": "丙", "region_id": "ningbo"},
    ]
    supplies: list[Row] = [
        {"supplier_id": "E2", "buyer_id": "E1", "product_id": "p"},
        {"supplier_id": "E2", "buyer_id": "E3", "product_id": "p"},
        {"supplier_id": "E3", "buyer_id": "E1", "product_id": "p", "until": 2020},
    ]
    current: dict[Table, list[Row]] = {Table.ENTERPRISES: firms, Table.SUPPLIES: supplies}
    d = diff_tables(
        {Table.ENTERPRISES: firms},
        current,
        bundle="b",
        scope=parse_scope("region=shangyu"),
        day=DAY,
    )
    # E2 → E1 touches shangyu and holds: ended; E2 → E3 is ningbo's; E3 → E1 ended in 2020
    assert [i.key for i in d.tables[Table.SUPPLIES].end] == [
        {"supplier_id": "E2", "buyer_id": "E1", "product_id": "p"}
    ]
    assert (d.tables[Table.SUPPLIES].in_force, d.tables[Table.ENTERPRISES].in_force) == (1, 1)


@pytest.mark.parametrize("text", ["", "region", "region=", "everything", "all=1", "town=x"])
def test_a_bad_scope_is_refused(text: str) -> None:
    with pytest.raises(InvalidOption, match="scope must be"):
        parse_scope(text)


def test_a_share_outside_zero_to_one_is_refused(demo_bundle: Bundle) -> None:
    from chainatlas.graph.memory import MemoryStore

    with pytest.raises(InvalidOption, match="max_end_share"):
        write_bundle(MemoryStore(), demo_bundle, scope=ALL, max_end_share=1.5)
