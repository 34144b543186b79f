"""A hub's SUPPLIES keys kept per version on the Neo4j store (graph/neo4j_hubs.py): a kept hub's
pages and path steps give the answers of the statements that read all its edges, read only
the page's edges, and never outlive a write, whoever makes it (another worker's store too)."""

from __future__ import annotations

import itertools
from collections import Counter

import pytest

from chainatlas.graph import neo4j_hubs
from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.memory_graph import HUB
from chainatlas.graph.model import Rel, Table
from chainatlas.graph.neo4j_hubs import Kept
from chainatlas.graph.neo4j_kept import KeptHubs
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries.paths import supply_paths
from chainatlas.graph.queries.profiles import enterprise_profile
from chainatlas.graph.store import Direction
from tests.support.hubs import BOUGHT, DAYS, FIRMS, SOLD, write_hubs
from tests.support.statements import recording, sent

pytestmark = pytest.mark.neo4j

SALE = {"supplier_id": "E3", "buyer_id": "E4", "product_id": "fabric", "volume": 9, "unit": "t"}


def _warm(neo: Neo4jStore) -> Neo4jStore:
    for _ in range(2):  # the first read marks a hub, the second keeps it
        neo.trade("E3", "out", limit=1)
        neo.trade("E7", "in", limit=1)
    return neo


@pytest.fixture
def neo(neo4j_store: Neo4jStore) -> Neo4jStore:
    write_hubs(neo4j_store)
    return _warm(neo4j_store)


def test_every_page_of_a_kept_hub_is_the_statement_s_page(
    neo: Neo4jStore, unkept: Neo4jStore
) -> None:
    assert neo.kept_hubs.size == len(SOLD) + len(BOUGHT)
    sides: list[tuple[str, Direction, int]] = [("E3", "out", len(SOLD)), ("E7", "in", len(BOUGHT))]
    for (firm, side, total), limit in itertools.product(sides, (1, 7, 60, 1000)):
        for offset in (0, 1, 59, total - 1, total, total + 5):
            kept = neo.trade(firm, side, limit=limit, offset=offset)
            assert kept == unkept.trade(firm, side, limit=limit, offset=offset), (firm, limit)
            assert kept["total"] == total
    for offset in (0, 60, 180):
        assert enterprise_profile(neo, "E3", limit=60, offset=offset) == enterprise_profile(
            unkept, "E3", limit=60, offset=offset
        )
    assert unkept.kept_hubs.size == 0


def test_a_kept_hub_s_page_reads_only_the_page(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = recording(neo, monkeypatch)
    neo.trade("E3", "out", limit=20, offset=40)
    assert asked == ["graph_version", "trade_page_out"]
    asked.clear()
    enterprise_profile(neo, "E3", limit=20)  # one read block: the version read once
    counted = Counter(asked)
    assert counted["graph_version"] == 1 and counted["trade_page_out"] == 1
    assert not counted["customers"] and not counted["adjacent_keys_supplies_out"]
    asked.clear()
    assert neo.trade("E3", "out")["total"] == len(SOLD)  # every item: the statement's own sort
    assert asked == ["customers"]


def test_a_path_through_a_kept_hub_reads_its_version_not_its_edges(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    keys = neo.adjacent_keys(Rel.SUPPLIES, ["E3", "E1"], direction="out")
    assert [k for k in keys if k[0] == "E3"] == sorted(("E3", b, p) for b, p in SOLD)
    asked = recording(neo, monkeypatch)
    assert neo.adjacent_keys(Rel.SUPPLIES, ["E3", "E1"], direction="out") == keys
    assert asked == ["graph_version", "adjacent_keys_supplies_out"]  # E1's, not E3's
    asked.clear()
    with neo.reading():
        for _ in range(3):
            neo.adjacent_keys(Rel.SUPPLIES, ["E3"], direction="out")
    assert asked == ["graph_version"]
    asked.clear()
    found = supply_paths(neo, "B005", "E7", k=5)
    assert [p["nodes"] for p in found["paths"]] == [["B005", "E7"]]


def test_a_write_from_anywhere_ends_what_was_kept(neo: Neo4jStore, unkept: Neo4jStore) -> None:
    """Another worker's store writes: the next read here sees it (the version moved)."""
    before = neo.trade("E3", "out", limit=5)
    unkept.upsert(Table.SUPPLIES, [SALE])
    after = neo.trade("E3", "out", limit=5)
    assert after["total"] == before["total"] + 1
    assert after == unkept.trade("E3", "out", limit=5)
    keys = neo.adjacent_keys(Rel.SUPPLIES, ["E3"], direction="out")
    assert ("E3", "E4", "fabric") in keys and len(keys) == len(SOLD) + 1
    unkept.remove_facts(Table.SUPPLIES, [("E3", "E4", "fabric")])
    assert neo.trade("E3", "out", limit=5) == before


def test_a_change_set_reads_its_own_writes_not_what_was_kept(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = recording(neo, monkeypatch)
    with neo.atomic():
        neo.upsert(Table.SUPPLIES, [SALE])
        inside = neo.trade("E3", "out", limit=5)
        keys = neo.adjacent_keys(Rel.SUPPLIES, ["E3"], direction="out")
    assert inside["items"][0]["id"] == "E4" and inside["total"] == len(SOLD) + 1
    assert ("E3", "E4", "fabric") in keys
    assert "trade_page_out" not in asked and "graph_version" not in asked
    assert neo.trade("E3", "out", limit=5)["total"] == len(SOLD) + 1


def test_past_the_budget_a_hub_asked_for_more_often_takes_the_place(
    neo: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    room: KeptHubs[Kept] = KeptHubs(max(len(SOLD), len(BOUGHT)) + 1)  # for one of the two
    monkeypatch.setattr(neo, "kept_hubs", room)
    asked = recording(neo, monkeypatch)

    def pages(firm: str, side: Direction) -> None:
        got = neo.trade(firm, side, limit=9, offset=3)
        assert got == unkept.trade(firm, side, limit=9, offset=3), (firm, side)
        assert neo.kept_hubs.size <= neo.kept_hubs.budget

    pages("E3", "out")  # each marked by its first page
    pages("E7", "in")
    asked.clear()
    for _ in range(3):  # in turn: E3 read into the room, E7 left to the statement
        pages("E3", "out")
        pages("E7", "in")
    assert asked.count("hub_keys_supplies_out") == 1 and "hub_keys_supplies_in" not in asked
    assert asked.count("suppliers") == 3  # E7's page by the statement each time
    pages("E7", "in")  # asked for as often as E3 before this ask: still the statement
    assert asked[-1] == "suppliers"
    pages("E7", "in")  # asked for more often than E3 before this ask: read, and E3 goes
    assert asked[-2:] == ["hub_keys_supplies_in", "trade_page_in"]
    assert neo.kept_hubs.size == len(BOUGHT)


def test_a_hub_that_shrinks_is_read_again(neo: Neo4jStore, unkept: Neo4jStore) -> None:
    gone = [("E3", b, p) for b, p in SOLD[10:]]
    neo.remove_facts(Table.SUPPLIES, gone)
    assert neo.trade("E3", "out", limit=5) == unkept.trade("E3", "out", limit=5)
    assert neo.trade("E3", "out", limit=5)["total"] == 10
    assert neo.adjacent_keys(Rel.SUPPLIES, ["E3"], direction="out") == sorted(
        ("E3", b, p) for b, p in SOLD[:10]
    )


#: firms that join late or leave, a hub of suppliers founded in 2021; every tenth sale of E3's
#: ended at the start of 2024 (tests/support/hubs.py)
DATES = (
    {b: {"founded": 2022} for b in FIRMS[:10]}
    | {b: {"closed": "2025-01-01"} for b in FIRMS[10:20]}
    | {"E7": {"founded": 2021}}
)
SIDES: tuple[Direction, ...] = ("out", "in")


def test_a_kept_hub_answers_every_day_as_the_statements_do(
    neo4j_store: Neo4jStore, unkept: Neo4jStore
) -> None:
    write_hubs(neo4j_store, DATES)
    neo = _warm(neo4j_store)
    assert neo.kept_hubs.size == len(SOLD) + len(BOUGHT)
    ids = ["E3", "E7", "B005", "B015", "E1"]
    for as_of, side in itertools.product(DAYS, SIDES):
        for firm in ("E3", "E7"):
            for limit, offset in ((5, 0), (60, 50), (1000, 0)):
                try:
                    want = unkept.trade(firm, side, limit=limit, offset=offset, as_of=as_of)
                except UnknownEntity:
                    with pytest.raises(UnknownEntity):
                        neo.trade(firm, side, limit=limit, offset=offset, as_of=as_of)
                    continue
                got = neo.trade(firm, side, limit=limit, offset=offset, as_of=as_of)
                assert got == want, (firm, side, as_of, limit, offset)
        keys = neo.adjacent_keys(Rel.SUPPLIES, ids, direction=side, as_of=as_of)
        assert keys == unkept.adjacent_keys(Rel.SUPPLIES, ids, direction=side, as_of=as_of)
    for as_of in DAYS:
        shared = neo.shared_partners(ids, [*FIRMS, "E3", "E4"], as_of=as_of)
        assert shared == unkept.shared_partners(ids, [*FIRMS, "E3", "E4"], as_of=as_of), as_of
    every = {neo.trade("E3", "out", limit=1, as_of=d)["total"] for d in DAYS[1:]}
    assert len(every) > 2  # the days differ
    for as_of in DAYS:
        dated, plain = on_day(neo, as_of), on_day(unkept, as_of)
        try:
            profile = enterprise_profile(plain, "E7", limit=30, offset=20)
        except UnknownEntity:
            continue
        assert enterprise_profile(dated, "E7", limit=30, offset=20) == profile


def test_a_hub_bigger_than_the_budget_is_read_by_the_statements(
    neo4j_store: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    write_hubs(neo4j_store)
    monkeypatch.setattr(neo4j_store, "kept_hubs", KeptHubs(len(SOLD) - 1))
    asked = recording(neo4j_store, monkeypatch)
    for _ in range(3):
        want = unkept.trade("E3", "out", limit=20, offset=100)
        assert neo4j_store.trade("E3", "out", limit=20, offset=100) == want
    assert asked.count("hub_keys_supplies_out") == 1  # tried once, then never again
    assert asked[-1] == "customers" and neo4j_store.kept_hubs.size == 0


def test_a_kept_hub_s_partners_are_counted_from_its_keys(
    neo4j_store: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The first count marks the hubs among the partners (from their degrees), the second
    keeps their keys, and from then on the statement does not expand their SUPPLIES edges."""
    neo = neo4j_store
    write_hubs(neo)
    asked = sent(neo, monkeypatch)

    def skipped() -> list[tuple[str, list[str], list[str]]]:
        return [(name, p.get("skip_out", []), p.get("skip_in", [])) for name, p in asked]

    ids, among = ["E3", "E7", "E1", "B002"], [*FIRMS, "E2", "E4", "E5", "E6"]
    want = unkept.shared_partners(ids, among)
    assert want["B003"] == 2 and want["E2"] == 1  # B003: E3 sells to it, it sells to E7
    assert neo.shared_partners(ids, among) == want
    assert skipped() == [("shared_partners", [], [])]
    assert neo.kept_hubs.hubs("out", ids) == ["E3"] and neo.kept_hubs.hubs("in", ids) == ["E7"]
    for _ in range(2):
        asked.clear()
        assert neo.shared_partners(ids, among) == want
    assert skipped() == [
        ("graph_version", [], []),
        ("shared_partners", [], []),  # E1 and B002
        ("shared_partners_kept", ["E3"], ["E7"]),
    ]
    unkept.upsert(Table.SUPPLIES, [{**SALE, "buyer_id": "E5"}, {**SALE, "supplier_id": "E7"}])
    moved = neo.shared_partners(ids, among)
    assert moved == unkept.shared_partners(ids, among)
    assert moved["E5"] == want.get("E5", 0) + 1  # E3's new sale, though its keys were kept
    assert moved["E4"] == want["E4"] + 1  # E7 sells to E4 now, a hub of suppliers selling


def test_the_hubs_a_read_needs_are_read_together(
    neo4j_store: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Every marked hub not kept at this version is read in one statement (up to HUBS_READ),
    an unknown one finding nothing; what each keeps is its own keys."""
    write_hubs(neo4j_store)
    for firm in ("E1", "E3", "E99"):  # E1 and E99 as if they had been seen with many
        neo4j_store.kept_hubs.mark("out", firm, HUB)
    asked = recording(neo4j_store, monkeypatch)
    ids = ["E1", "E2", "E3", "E99"]
    want = unkept.adjacent_keys(Rel.SUPPLIES, ids, direction="out")
    assert neo4j_store.adjacent_keys(Rel.SUPPLIES, ids, direction="out") == want
    assert asked == ["graph_version", "hub_keys_supplies_out", "adjacent_keys_supplies_out"]
    assert neo4j_store.kept_hubs.size == len(SOLD) + 1  # E1 sells PTA to E3 alone
    unkept.upsert(Table.SUPPLIES, [SALE])  # a new version: both read again, one at a time
    monkeypatch.setattr(neo4j_hubs, "HUBS_READ", 1)
    asked.clear()
    want = unkept.adjacent_keys(Rel.SUPPLIES, ids, direction="out")
    assert neo4j_store.adjacent_keys(Rel.SUPPLIES, ids, direction="out") == want
    assert asked.count("hub_keys_supplies_out") == 3  # E1, E3 and E99, each alone
