"""A product's makers and buyers kept per version on the Neo4j store (graph/neo4j_makers.py):
a kept product's firms are the statements' firms on every day, matchmaking ranks the same
candidates, and nothing kept outlives a write, whoever makes it."""

from __future__ import annotations

import itertools

import pytest

from chainatlas.graph.dated import on_day
from chainatlas.graph.model import Table
from chainatlas.graph.neo4j_kept import KeptHubs
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries.matching import match_buyers, match_suppliers
from tests.support.hubs import DAYS, FIRMS, MAKES, WANTS, write_hubs
from tests.support.statements import recording

pytestmark = pytest.mark.neo4j

#: firms that join late or leave (tests/support/hubs.py dates some makes and needs too)
DATES = {b: {"founded": 2021} for b in FIRMS[:6]} | {
    b: {"closed": "2024-07-01"} for b in FIRMS[6:9]
}
#: PTA has many makers, PET many buyers; the others a few
ASKED = ["pta", "px", "meg", "pet", "yarn", "nothing"]


@pytest.fixture
def neo(neo4j_store: Neo4jStore) -> Neo4jStore:
    write_hubs(neo4j_store, DATES)
    for _ in range(2):  # the first read marks a product, the second keeps it
        neo4j_store.producers(["pta"])
        neo4j_store.consumers(["pet"])
    return neo4j_store


def test_a_kept_product_s_firms_are_the_statement_s_on_every_day(
    neo: Neo4jStore, unkept: Neo4jStore
) -> None:
    assert neo.kept_makers.size == len(MAKES) + 1 + len(WANTS)  # E1 makes PTA too
    for as_of in DAYS:
        for n in (1, 3, len(ASKED)):
            asked = ASKED[:n]
            got = neo.producers(asked, as_of=as_of)
            assert got == unkept.producers(asked, as_of=as_of), (as_of, asked)
            assert neo.consumers(asked, as_of=as_of) == unkept.consumers(asked, as_of=as_of)
    counts = {len(neo.producers(["pta"], as_of=d)) for d in DAYS}
    assert len(counts) > 3  # the days differ
    for as_of, side in itertools.product(DAYS, (match_suppliers, match_buyers)):
        want = side(on_day(unkept, as_of), "E3", limit=40, offset=10)
        assert side(on_day(neo, as_of), "E3", limit=40, offset=10) == want, (as_of, side)


def test_a_kept_product_reads_only_the_version(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = recording(neo, monkeypatch)
    items = neo.producers(["pta", "px"])
    assert asked == ["graph_version", "producers"]  # px's makers (E1) read by the statement
    assert [i["id"] for i in items] == [*sorted(["E1", *FIRMS]), "E1"]
    items[0]["name"] = "changed by a caller"
    asked.clear()
    assert neo.producers(["pta"])[0]["name"] != "changed by a caller"
    assert asked == ["graph_version"]


def test_a_profile_s_page_of_makers_is_cut_from_what_is_kept(
    neo: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    for as_of, exclude, limit in itertools.product(DAYS, (None, "E1", FIRMS[0]), (None, 1, 5)):
        got = neo.producer_pages(ASKED, exclude=exclude, limit=limit, as_of=as_of)
        assert got == unkept.producer_pages(ASKED, exclude=exclude, limit=limit, as_of=as_of)
        assert list(got) == sorted(got), (as_of, exclude, limit)
    asked = recording(neo, monkeypatch)
    pages = neo.producer_pages(["pta", "px"], exclude="E1", limit=2)
    assert asked == ["graph_version", "producer_pages"]  # PTA's kept, px's read (E1 alone)
    assert pages == {
        "pta": {
            "total": len(FIRMS),
            "items": unkept.producer_pages(["pta"], limit=2)["pta"]["items"],
        }
    }
    asked.clear()
    assert neo.producer_pages(["px", "nothing"]) == unkept.producer_pages(["px"])
    assert asked == ["producer_pages"]  # nothing kept asked: no version read, none kept
    assert not neo.kept_makers.hubs("producers", ["px"])


def test_the_first_read_marks_and_the_second_keeps(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_hubs(neo4j_store)
    asked = recording(neo4j_store, monkeypatch)
    first = neo4j_store.consumers(["pet", "yarn"])
    assert asked == ["consumers"] and neo4j_store.kept_makers.hubs("consumers", ["pet"])
    assert not neo4j_store.kept_makers.hubs("consumers", ["yarn"])  # E4 alone needs yarn
    asked.clear()
    assert neo4j_store.consumers(["pet", "yarn"]) == first
    assert asked == ["graph_version", "kept_consumers", "consumers"]
    assert neo4j_store.kept_makers.size == len(WANTS)


def test_a_write_from_anywhere_ends_what_was_kept(neo: Neo4jStore, unkept: Neo4jStore) -> None:
    before = neo.producers(["pta"])
    unkept.upsert(Table.PRODUCES, [{"enterprise_id": "E4", "product_id": "pta", "capacity": 7}])
    after = neo.producers(["pta"])
    assert len(after) == len(before) + 1 and after == unkept.producers(["pta"])
    renamed = {"id": "B001", "name": "乙新名", "region_id": "shangyu", "chain_id": "poly"}
    unkept.upsert(Table.ENTERPRISES, [renamed | {"stage": "下游", "founded": 2021}])
    assert {i["name"] for i in neo.consumers(["pet"]) if i["id"] == "B001"} == {"乙新名"}


def test_a_change_set_reads_its_own_writes_not_what_was_kept(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = recording(neo, monkeypatch)
    with neo.atomic():
        neo.remove_facts(Table.PRODUCES, [("B003", "pta")])
        inside = neo.producers(["pta"])
    assert "B003" not in {i["id"] for i in inside}
    assert "graph_version" not in asked and "kept_producers" not in asked
    assert neo.producers(["pta"]) == inside


def test_a_product_bigger_than_the_budget_is_read_by_the_statement(
    neo: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(neo, "kept_makers", KeptHubs(len(WANTS)))  # PET fits, PTA does not
    asked = recording(neo, monkeypatch)
    for _ in range(3):
        assert neo.producers(["pta"]) == unkept.producers(["pta"])
        assert neo.consumers(["pet"]) == unkept.consumers(["pet"])
    assert asked.count("kept_producers") == 1 and asked.count("kept_consumers") == 1
    assert asked[-2:] == ["producers", "graph_version"]  # PTA's by the statement, PET's kept
    assert neo.kept_makers.size == len(WANTS)
