"""Change sets on both stores: records, stamps, atomic blocks, revert and its conflicts.

The network is the reference one (tests/support/reference.py): 7 firms, 5 supplies. Change
set 1 loads it; later change sets change or end a few facts, worked out in each test.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from chainatlas.graph.changes import change_set
from chainatlas.graph.errors import ChangeConflict, UnknownEntity
from chainatlas.graph.history import change_facts
from chainatlas.graph.model import Label, Table
from chainatlas.graph.revert import revert
from chainatlas.graph.store import EDGE_RELS, GraphStore
from tests.support import reference

PTA = ("E1", "E3", "pta")  # 甲石化 supplies PTA to 丙化纤
MEG = ("E2", "E3", "meg")
DAY = date(2026, 6, 30)


def load(store: GraphStore, tables: dict[Table, list[dict[str, Any]]] = reference.TABLES) -> int:
    with change_set(store, author="li", source="reference", sha256="ab" * 32) as cs:
        for table in Table:
            cs.upsert(table, tables.get(table, []))
    assert cs.record is not None
    return int(cs.record["id"])


def picture(store: GraphStore) -> dict[str, Any]:
    """Every answer a revert must restore: stats on two days, every edge, every node."""
    return {
        "stats": store.stats(),
        "stats_day": store.stats(as_of=DAY),
        "edges": {rel.value: store.edges(rel) for rel in EDGE_RELS},
        "nodes": {label.value: store.nodes(label) for label in Label},
        "neighbours": store.neighbours(Label.ENTERPRISE, "E3"),
    }


def supply(key: tuple[str, str, str], **props: Any) -> dict[str, Any]:
    return {"supplier_id": key[0], "buyer_id": key[1], "product_id": key[2], **props}


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    assert load(store) == 1
    return store


def test_a_load_is_one_recorded_change_set(loaded: GraphStore) -> None:
    (record,) = loaded.change_sets()
    assert record["id"] == loaded.head() == 1
    assert (record["author"], record["kind"], record["source"]) == ("li", "load", "reference")
    assert record["sha256"] == "ab" * 32 and record["at"].endswith("Z")
    assert record["counts"]["supplies"] == {"added": 5, "changed": 0, "ended": 0, "removed": 0}
    assert (record["reverts"], record["reverted_by"]) == (None, None)
    assert loaded.change_set(1) == record


def test_stamps_are_kept_but_not_answered(loaded: GraphStore) -> None:
    (row,) = loaded.fact_rows(Table.SUPPLIES, [PTA])
    assert (row["created_in"], row["changed_in"]) == (1, 1) and "ended_in" not in row
    assert "created_in" not in loaded.node(Label.ENTERPRISE, "E1")
    assert all("changed_in" not in e["props"] for e in loaded.edges(EDGE_RELS[0]))


def test_a_repeated_load_records_nothing(loaded: GraphStore) -> None:
    with change_set(loaded, author="li", source="again") as cs:
        for table in Table:
            cs.upsert(table, reference.TABLES.get(table, []))
    assert cs.record is None and loaded.head() == 1 and len(loaded.change_sets()) == 1


def test_changes_and_ends_are_counted_and_stamped(loaded: GraphStore) -> None:
    with change_set(loaded, author="wang", source="edit", kind="edit") as cs:
        cs.upsert(Table.SUPPLIES, [supply(PTA, volume=99_000, unit="t")])
        assert cs.end_facts(Table.SUPPLIES, [MEG], "2026-01-01") == 1
        assert cs.end_facts(Table.SUPPLIES, [MEG], "2026-02-01") == 0  # ended already
    assert cs.record is not None and cs.record["id"] == 2
    assert cs.record["counts"] == {"supplies": {"added": 0, "changed": 1, "ended": 1, "removed": 0}}
    (meg,) = loaded.fact_rows(Table.SUPPLIES, [MEG])
    assert (meg["created_in"], meg["changed_in"], meg["ended_in"]) == (1, 2, 2)
    assert [e["op"] for e in loaded.change_entries(2)] == ["changed", "ended"]
    assert [s["id"] for s in loaded.suppliers("E3", as_of=DAY)] == ["E1"]
    facts = change_facts(loaded, 2)
    assert [(f["key"], f["op"]) for f in facts] == [(list(PTA), "changed"), (list(MEG), "ended")]


def test_an_edge_is_written_only_between_stored_firms(loaded: GraphStore) -> None:
    """A later change set knows no firm it wrote itself: it looks the endpoints up (by id
    alone), writes the edge between stored firms and neither writes nor counts the other."""
    known, dangling = ("E7", "E3", "pet"), ("E7", "E99", "pet")
    with change_set(loaded, author="wang", source="edit", kind="edit") as cs:
        cs.upsert(Table.SUPPLIES, [supply(known, volume=5, unit="t"), supply(dangling)])
    assert cs.record is not None
    assert cs.record["counts"] == {"supplies": {"added": 1, "changed": 0, "ended": 0, "removed": 0}}
    assert [r["buyer_id"] for r in loaded.fact_rows(Table.SUPPLIES, [known, dangling])] == ["E3"]


def test_a_block_that_raises_writes_nothing(loaded: GraphStore) -> None:
    before = picture(loaded)
    with (
        pytest.raises(UnknownEntity),
        change_set(loaded, author="li", source="edit", kind="edit") as cs,
    ):
        cs.upsert(Table.ENTERPRISES, [{"id": "E9", "name": "新公司"}])
        cs.end_facts(Table.SUPPLIES, [("E1", "E9", "pta")], 2026)
    assert picture(loaded) == before and loaded.head() == 1


def test_revert_restores_every_answer(loaded: GraphStore) -> None:
    before = picture(loaded)
    with change_set(loaded, author="wang", source="second") as cs:
        cs.upsert(Table.ENTERPRISES, [{"id": "E9", "name": "新材料公司", "region_id": "shangyu"}])
        cs.upsert(Table.SUPPLIES, [supply(("E9", "E3", "pta")), supply(PTA, volume=1)])
        cs.end_facts(Table.SUPPLIES, [MEG], "2026-01-01")
    assert picture(loaded) != before
    record = revert(loaded, 2, author="zhao")
    assert (record["id"], record["kind"], record["reverts"], record["author"]) == (
        3,
        "revert",
        2,
        "zhao",
    )
    assert record["counts"]["enterprises"]["removed"] == 1
    assert record["counts"]["supplies"] == {"added": 0, "changed": 2, "ended": 0, "removed": 1}
    assert picture(loaded) == before
    assert loaded.change_set(2)["reverted_by"] == 3
    revert(loaded, 3, author="zhao")  # a revert is a change set: it reverts too
    assert loaded.node(Label.ENTERPRISE, "E9")["name"] == "新材料公司"
    assert loaded.change_set(2)["reverted_by"] is None


def test_reverting_what_a_later_change_set_built_on_is_refused(loaded: GraphStore) -> None:
    with change_set(loaded, author="a", source="second") as cs:
        cs.upsert(Table.SUPPLIES, [supply(PTA, volume=1)])
    with change_set(loaded, author="b", source="third") as cs:
        cs.upsert(Table.SUPPLIES, [supply(PTA, volume=2)])
    before = picture(loaded)
    with pytest.raises(ChangeConflict) as refused:
        revert(loaded, 2, author="c")
    assert (refused.value.change_set, refused.value.blocking) == (2, 3)
    assert picture(loaded) == before and loaded.head() == 3
    revert(loaded, 3, author="c")
    with pytest.raises(ChangeConflict) as again:
        revert(loaded, 3, author="c")
    assert again.value.blocking == 4  # reverted already, by 4


def test_a_later_fact_on_a_node_blocks_its_removal(loaded: GraphStore) -> None:
    with change_set(loaded, author="a", source="firm") as cs:
        cs.upsert(Table.ENTERPRISES, [{"id": "E9", "name": "新公司"}])
    with change_set(loaded, author="b", source="trade") as cs:
        cs.upsert(Table.SUPPLIES, [supply(("E9", "E3", "pta"))])
    with pytest.raises(ChangeConflict) as refused:
        revert(loaded, 2, author="c")
    assert refused.value.blocking == 3
    revert(loaded, 3, author="c")
    revert(loaded, 2, author="c")
    with pytest.raises(UnknownEntity):
        loaded.node(Label.ENTERPRISE, "E9")


def test_history_pages_newest_first(loaded: GraphStore) -> None:
    for n in range(3):
        with change_set(loaded, author="a", source=f"s{n}") as cs:
            cs.upsert(Table.SUPPLIES, [supply(PTA, volume=n)])
    assert [c["id"] for c in loaded.change_sets(limit=2)] == [4, 3]
    assert [c["id"] for c in loaded.change_sets(limit=2, offset=2)] == [2, 1]
    with pytest.raises(UnknownEntity):
        loaded.change_set(9)
    with pytest.raises(UnknownEntity):
        revert(loaded, 9, author="a")
    added = change_facts(loaded, 1)
    assert len(added) == sum(len(rows) for rows in reference.TABLES.values())
    assert {f["op"] for f in added} == {"added"} and added[0]["table"] == "chains"
