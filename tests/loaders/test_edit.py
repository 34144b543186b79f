"""Editing one fact on both stores: the loaders' rules, one change set per edit, 409 on a fact
written since the editor saw it, revert.

The network is the reference one (tests/support/reference.py), loaded as change set 1:
E1 甲石化 supplies PTA to E3 丙化纤 (since 2019), E2 supplies MEG to E3; E3 and E6 cooperate
in 技术. Every test works out its change-set ids by hand: each edit is the next one.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from chainatlas.graph.changes import change_set
from chainatlas.graph.errors import EditConflict, EditInvalid, InvalidOption
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Rel, Table
from chainatlas.graph.revert import revert
from chainatlas.graph.store import EDGE_RELS, GraphStore
from chainatlas.loaders.codes import credit_code_check_char
from chainatlas.loaders.edit import cell_text, edit
from tests.support import reference

DAY = date(2026, 6, 30)
PTA = {"supplier_id": "E1", "buyer_id": "E3", "product_id": "pta"}
NEW = {"supplier_id": "E2", "buyer_id": "E4", "product_id": "meg"}


@pytest.fixture
def loaded(store: GraphStore) -> GraphStore:
    with change_set(store, author="li", source="reference") as cs:
        for table in Table:
            cs.upsert(table, reference.TABLES.get(table, []))
    return store


def picture(store: GraphStore) -> dict[str, Any]:
    return {
        "edges": {rel.value: store.edges(rel) for rel in EDGE_RELS},
        "nodes": {label.value: store.nodes(label) for label in Label},
        "stats": store.stats(as_of=DAY),
    }


def supplies(store: GraphStore, as_of: date | None = None) -> dict[tuple[str, str, str], Any]:
    return {
        (e["source"], e["target"], e["key"]): e["props"]
        for e in store.edges(Rel.SUPPLIES, as_of=as_of)
    }


def located(e: pytest.ExceptionInfo[EditInvalid]) -> list[str]:
    return [str(i) for i in e.value.issues if i.severity == "error"]


def test_an_added_supply_is_one_edit_change_set_and_reverts(loaded: GraphStore) -> None:
    before = picture(loaded)
    done = edit(
        loaded,
        "supplies",
        "add",
        {**NEW, "volume": "1,200", "since": "2024-03-01"},
        author="wang",
        base=1,
        today=DAY,
    )
    record = done.change_set
    assert record is not None
    assert (record["id"], record["kind"], record["source"], record["author"]) == (
        2,
        "edit",
        "edit",
        "wang",
    )
    assert record["counts"] == {"supplies": {"added": 1, "changed": 0, "ended": 0, "removed": 0}}
    assert done.key == ["E2", "E4", "meg"]
    props = supplies(loaded)[("E2", "E4", "meg")]
    assert (props["volume"], props["unit"], props["since"]) == (
        1200,
        "t",
        "2024-03-01",
    )  # unit: the product's
    # the same rules as a load: E4 does not list meg among its needs
    assert [w.code for w in done.warnings] == ["buyer-not-needing"]
    assert str(done.warnings[0]).startswith("supplies:buyer_id: warning: buyer E4")
    assert [r["id"] for r in loaded.change_sets()] == [2, 1]
    revert(loaded, 2, author="li")
    assert picture(loaded) == before


def test_a_change_keeps_what_it_does_not_name_and_a_stale_base_is_409(loaded: GraphStore) -> None:
    first = edit(loaded, "supplies", "change", {**PTA, "volume": "20000"}, author="wang", base=1)
    assert first.change_set is not None and first.change_set["counts"]["supplies"]["changed"] == 1
    props = supplies(loaded)[("E1", "E3", "pta")]
    assert (props["volume"], props["since"]) == (20000, 2018)
    with pytest.raises(EditConflict) as e:  # another editor, who saw change set 1
        edit(loaded, "supplies", "change", {**PTA, "volume": "1"}, author="zhao", base=1)
    assert (e.value.change_set, e.value.blocking) == (1, 2)
    assert "E1 → E3 (pta) was written by change set 2 after change set 1" in str(e.value)
    assert supplies(loaded)[("E1", "E3", "pta")]["volume"] == 20000
    same = edit(loaded, "supplies", "change", {**PTA, "volume": "20000"}, author="zhao", base=2)
    assert same.change_set is None and loaded.head() == 2  # nothing changed, nothing recorded


def test_an_end_holds_before_its_day_and_a_second_end_is_refused(loaded: GraphStore) -> None:
    done = edit(
        loaded, "supplies", "end", {**PTA, "until": "2026-06-30"}, author="wang", base=1, today=DAY
    )
    assert done.change_set is not None and done.change_set["counts"]["supplies"]["ended"] == 1
    assert ("E1", "E3", "pta") in supplies(loaded, date(2026, 6, 29))
    assert ("E1", "E3", "pta") not in supplies(loaded, DAY)
    with pytest.raises(EditConflict) as conflict:  # ended by change set 2 after base 1
        edit(loaded, "supplies", "end", PTA, author="zhao", base=1, today=DAY)
    assert (conflict.value.change_set, conflict.value.blocking) == (1, 2)
    with pytest.raises(EditInvalid) as e:
        edit(loaded, "supplies", "end", PTA, author="zhao", base=2, today=DAY)
    assert located(e) == [
        "supplies:until: the supply E1 → E3 (pta) ended already on 2026-06-30 by change set 2"
    ]
    revert(loaded, 2, author="li")
    assert ("E1", "E3", "pta") in supplies(loaded, DAY)


def test_bad_fields_are_located_errors_and_write_nothing(loaded: GraphStore) -> None:
    before = picture(loaded)
    bad = {
        "supplier_id": "E1",
        "buyer_id": "E1",
        "product_id": "nylon",
        "since": "2027",
        "until": "2020",
        "volume": "lots",
    }
    with pytest.raises(EditInvalid) as e:
        edit(loaded, "supplies", "add", bad, author="wang", today=DAY)
    assert located(e) == [
        "supplies:buyer_id: supplier and buyer are both E1: an enterprise cannot supply itself",
        "supplies:product_id: unknown product nylon (not in products)",
        "supplies:since: since 2027 is after the load date 2026-06-30: record it when it happens",
        "supplies:until: until 2020 is not after since 2027: the fact would never hold",
        "supplies:volume: not a number: 'lots'",
    ]
    with pytest.raises(EditInvalid) as e:
        edit(loaded, "supplies", "end", {**NEW}, author="wang", today=DAY)
    assert located(e) == [
        "supplies:supplier_id: unknown supply E2 → E4 (meg): it is not in the map"
    ]
    with pytest.raises(EditInvalid) as e:
        edit(loaded, "supplies", "end", {**PTA, "until": "2017"}, author="wang", today=DAY)
    assert located(e) == [
        "supplies:until: until 2017 is not after since 2018: the fact would never hold"
    ]
    with pytest.raises(EditInvalid) as e:
        edit(loaded, "supplies", "add", {**PTA, "colour": "red"}, author="wang", today=DAY)
    assert located(e)[0].startswith("supplies:colour: unknown field 'colour' (fields: supplier_id")
    with pytest.raises(EditInvalid) as e:
        edit(loaded, "supplies", "add", {**PTA}, author="wang", today=DAY)
    assert located(e) == [
        "supplies:supplier_id: the supply E1 → E3 (pta) exists already (change set 1): "
        "change it instead"
    ]
    with pytest.raises(InvalidOption):
        edit(loaded, "regions", "add", {"id": "x"}, author="wang")
    with pytest.raises(InvalidOption):
        edit(loaded, "supplies", "delete", PTA, author="wang")
    assert picture(loaded) == before and loaded.head() == 1


def test_firms_products_and_cooperations(loaded: GraphStore) -> None:
    e1 = loaded.nodes(Label.ENTERPRISE, ["E1"])[0]
    firm = {
        "id": "E8",
        "name": "辛新材料有限公司",
        "credit_code": e1["credit_code"],
        "region_id": "shangyu",
    }
    with pytest.raises(EditInvalid) as e:
        edit(loaded, "enterprises", "add", firm, author="wang", today=DAY)
    assert located(e) == [
        f"enterprises:credit_code: credit code {e1['credit_code']} also belongs to E1 (in the map)"
    ]
    code = "91330604MA2BD0008" + credit_code_check_char("91330604MA2BD0008")
    added = edit(
        loaded,
        "enterprises",
        "add",
        {**firm, "credit_code": code, "joined": "2026-01-01"},
        author="wang",
        today=DAY,
    )
    assert added.change_set is not None and added.change_set["id"] == 2
    assert loaded.node(Label.ENTERPRISE, "E8")["name"] == "辛新材料有限公司"
    edit(
        loaded,
        "enterprises",
        "end",
        {"id": "E8", "left": "2026-06-01"},
        author="wang",
        base=2,
        today=DAY,
    )
    assert loaded.nodes(Label.ENTERPRISE, ["E8"], as_of=DAY) == []
    assert loaded.nodes(Label.ENTERPRISE, ["E8"], as_of=date(2026, 5, 1))[0]["id"] == "E8"
    edit(loaded, "products", "change", {"id": "pta", "name_en": "PTA"}, author="wang", today=DAY)
    assert loaded.node(Label.PRODUCT, "pta")["name_en"] == "PTA"
    with pytest.raises(EditInvalid) as e:
        edit(loaded, "products", "end", {"id": "pta"}, author="wang", today=DAY)
    assert [i.code for i in e.value.issues] == ["no-end"]
    coop = {"from_id": "E3", "to_id": "E6", "kind": "technology"}
    ended = edit(loaded, "cooperations", "end", {**coop, "until": "2026"}, author="wang", today=DAY)
    assert ended.key == ["E3", "E6", "技术"]
    assert loaded.edges(Rel.COOPERATES, as_of=DAY) == [
        c for c in loaded.edges(Rel.COOPERATES, as_of=DAY) if c["source"] != "E3"
    ]
    assert [r["kind"] for r in loaded.change_sets()] == ["edit"] * 4 + ["load"]


def test_cell_text_reads_back_to_the_stored_value(loaded: GraphStore) -> None:
    e1 = loaded.nodes(Label.ENTERPRISE, ["E1"])[0]
    same = edit(loaded, "enterprises", "change", {"id": "E1"}, author="wang", today=DAY)
    assert same.change_set is None, [cell_text(v) for v in e1.values()]


def test_a_key_is_read_as_its_columns_and_a_table_must_be_editable() -> None:
    store = MemoryStore()
    with pytest.raises(InvalidOption, match="table must be one of enterprises"):
        edit(store, "nope", "add", {}, author="wang")
    with pytest.raises(EditInvalid) as e:
        edit(store, "supplies", "end", {"buyer_id": "E 1", "product_id": "pta"}, author="wang")
    assert [(i.column, i.code) for i in e.value.issues] == [
        ("supplier_id", "missing-value"),
        ("buyer_id", "bad-id"),
    ]
