"""The Neo4j store keeps the days every fact and firm holds with the graph's version
(graph/neo4j_span.py) and reads such a day as it reads every fact (``$as_of`` null): on every
day its answers equal those of an embedded store that checks each row."""

from __future__ import annotations

from datetime import date

import neo4j
import pytest

from chainatlas.graph.dated import on_day
from chainatlas.graph.model import Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries.matching import match_suppliers
from tests.support import lifetimes, reference
from tests.support.spans import DAYS, MAPS, reads, row_by_row
from tests.support.statements import sent

pytestmark = pytest.mark.neo4j

ENDED = {**reference.SUPPLIES[0], "until": "2024-01-02"}


@pytest.mark.parametrize("name", MAPS)
def test_every_day_reads_as_checking_each_row(neo4j_store: Neo4jStore, name: str) -> None:
    neo4j_store.write_tables(MAPS[name])
    checked = row_by_row(MAPS[name])
    for day in DAYS:
        assert reads(neo4j_store, day) == reads(checked, day), day


def test_a_day_everything_holds_is_sent_as_every_fact(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    neo4j_store.write_tables(reference.TABLES)  # its latest start is 2023, nothing ends
    assert neo4j_store.read_day("2023-01-01") is None
    assert neo4j_store.read_day("2022-12-31") == "2022-12-31"
    asked = sent(neo4j_store, monkeypatch)
    neo4j_store.stats(as_of=date(2026, 12, 3))
    neo4j_store.supply_degrees(as_of=date(2026, 12, 3))  # by chunks of firms
    neo4j_store.stats(as_of=date(2022, 12, 31))
    days = [p["as_of"] for name, p in asked if "as_of" in p]
    assert days == [None, None, "2022-12-31"]
    dated = lifetimes.DATED  # 2025-03-01 begins after 2024-07-01 ends: no day holds it all
    neo4j_store.clear()
    neo4j_store.write_tables(dated)
    assert [neo4j_store.read_day(d) for d in ("2024-06-30", "2026-12-03")] == [
        "2024-06-30",
        "2026-12-03",
    ]


def test_a_write_narrows_the_span_and_a_removal_does_not_widen_it(
    neo4j_store: Neo4jStore,
) -> None:
    neo4j_store.write_tables(reference.TABLES)
    assert neo4j_store.read_day("2024-01-02") is None
    neo4j_store.upsert(Table.SUPPLIES, [ENDED])
    assert neo4j_store.read_day("2024-01-01") is None
    assert neo4j_store.read_day("2024-01-02") == "2024-01-02"
    later = {**reference.ENTERPRISES[0], "founded": 2025}  # a firm's start narrows it too
    neo4j_store.upsert(Table.ENTERPRISES, [later])
    assert neo4j_store.read_day("2024-06-01") == "2024-06-01"
    neo4j_store.remove_facts(Table.SUPPLIES, [("E1", "E3", "pta")])
    assert neo4j_store.read_day("2024-01-02") == "2024-01-02"  # checked fact by fact: safe
    neo4j_store.clear()  # a new graph: unbounded again
    assert neo4j_store.read_day("1900-01-01") is None


def test_a_change_set_narrows_it_in_its_transaction(neo4j_store: Neo4jStore) -> None:
    neo4j_store.write_tables(reference.TABLES)
    with pytest.raises(RuntimeError), neo4j_store.atomic():
        neo4j_store.upsert(Table.SUPPLIES, [ENDED])
        assert neo4j_store.read_day("2024-01-02") == "2024-01-02"  # the change set's reads
        raise RuntimeError("rolled back")
    assert neo4j_store.read_day("2024-01-02") is None  # the narrowing went with it
    with neo4j_store.atomic():
        neo4j_store.upsert(Table.SUPPLIES, [ENDED])
    assert neo4j_store.read_day("2024-01-02") == "2024-01-02"


def test_a_graph_written_before_spans_were_kept_checks_every_day(
    neo4j_store: Neo4jStore,
) -> None:
    neo4j_store.write_tables(reference.TABLES)
    assert neo4j_store.read_day("2026-12-03") is None  # known: everything holds today
    # the version node as a store before spans made it: no span_known (a test's own setup,
    # what no statement of cypher/ does)
    forget = "MATCH (m:GraphVersion {id: 'graph'}) REMOVE m.span_known"
    neo4j_store._tx(neo4j.WRITE_ACCESS, lambda tx: tx.run(forget).consume())
    neo4j_store.upsert(Table.SUPPLIES, [ENDED])  # a write keeps it unknown
    assert neo4j_store.read_day("2026-12-03") == "2026-12-03"  # not the last version's span
    ended = {**reference.TABLES, Table.SUPPLIES: [ENDED, *reference.SUPPLIES[1:]]}
    day = date(2026, 12, 3)
    assert reads(neo4j_store, day) == reads(row_by_row(ended), day)


def test_an_answer_in_a_read_block_reads_the_version_once(
    neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    neo4j_store.write_tables(reference.TABLES)
    asked = sent(neo4j_store, monkeypatch)
    with neo4j_store.reading():
        match_suppliers(on_day(neo4j_store, date(2026, 12, 3)), "E3")
    names = [name for name, _ in asked]
    assert names.count("graph_version") == 1, names
