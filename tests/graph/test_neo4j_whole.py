"""The few dozen regions, chains and parks read whole, kept per version on the Neo4j store
(graph/neo4j_projections.py, WHOLE_KEPT), and the products' counts of makers and buyers
(``product_counts``, per day): the statements' answers, read once per version in a process,
a copy to each caller, and nothing kept outlives a write, whoever makes it."""

from __future__ import annotations

from datetime import date

import pytest

from chainatlas.graph import neo4j_projections
from chainatlas.graph.model import Label, Table
from chainatlas.graph.neo4j_store import Neo4jStore
from tests.support import reference
from tests.support.statements import recording

pytestmark = pytest.mark.neo4j

WHOLE = [Label.REGION, Label.CHAIN, Label.PARK]


#: the reference network has no park
PARKS = [{"id": "SY1", "name": "杭州湾上虞经济技术开发区", "region_id": "shangyu"}]


@pytest.fixture
def neo(neo4j_store: Neo4jStore) -> Neo4jStore:
    neo4j_store.write_tables({**reference.TABLES, Table.PARKS: PARKS})
    return neo4j_store


@pytest.mark.parametrize("label", WHOLE)
def test_a_small_label_is_read_once_a_version(
    neo: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch, label: Label
) -> None:
    asked = recording(neo, monkeypatch)
    first = neo.nodes(label)
    name = label.value.lower()
    assert first and first == unkept.nodes(label)
    assert asked[-2:] == [f"node_ids_{name}", f"nodes_{name}_by_id"]
    asked.clear()
    assert neo.nodes(label) == first and asked == ["graph_version"]
    asked.clear()  # by id: read as before, nothing kept
    assert neo.nodes(label, [first[0]["id"]]) == first[:1]
    assert asked == [f"nodes_{name}_by_id"]


def test_what_a_caller_changes_is_its_own(neo: Neo4jStore) -> None:
    got = neo.nodes(Label.REGION)
    got[0]["name"] = "changed by a caller"
    got.pop()
    again = neo.nodes(Label.REGION)
    assert again[0]["name"] != "changed by a caller" and len(again) == len(got) + 1


def test_a_write_from_anywhere_ends_what_was_kept(neo: Neo4jStore, unkept: Neo4jStore) -> None:
    before = neo.nodes(Label.REGION)
    unkept.upsert(Table.REGIONS, [{"id": "keqiao-new", "name": "柯桥新区", "role": "partner"}])
    after = neo.nodes(Label.REGION)
    assert len(after) == len(before) + 1 and after == unkept.nodes(Label.REGION)


def test_keeping_nothing_reads_every_time(
    unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    unkept.write_tables(reference.TABLES)
    asked = recording(unkept, monkeypatch)
    unkept.nodes(Label.CHAIN)
    unkept.nodes(Label.CHAIN)
    assert asked == ["node_ids_chain", "nodes_chain_by_id"] * 2


def test_a_chains_members_are_read_by_chunks_of_ids(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A province's chain holds a quarter of a million firms: their ids in one statement, their
    nodes by chunks, each chunk a transaction of bounded memory."""
    whole = neo.chain_members("textile")
    monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 2)
    asked = recording(neo, monkeypatch)
    assert neo.chain_members("textile") == whole and len(whole) == 6
    assert asked == ["chain_members", *["nodes_enterprise_by_id"] * 2, *["nodes_product_by_id"] * 2]


def test_the_products_counts_are_read_once_a_version_and_day(
    neo: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    asked = recording(neo, monkeypatch)
    every = neo.product_counts()
    assert every == unkept.product_counts() and asked[-1] == "product_counts"
    asked.clear()
    assert neo.product_counts() == every and asked == ["graph_version"]
    asked.clear()  # another day: read, and kept apart
    early = neo.product_counts(as_of=date(2017, 6, 30))
    assert early == unkept.product_counts(as_of=date(2017, 6, 30))
    # the version for the kept answers, and for the day's span (outside a read block the
    # store reads it for each: graph/neo4j_span.py)
    assert asked == ["graph_version", "graph_version", "product_counts"]
    every[0]["producers"] = -1  # the caller's own rows
    assert neo.product_counts()[0]["producers"] != -1
    unkept.upsert(Table.PRODUCES, [{"enterprise_id": "E5", "product_id": "px", "unit": "t"}])
    (px,) = [c for c in neo.product_counts() if c["product_id"] == "px"]
    assert px["producers"] == 2 and neo.product_counts() == unkept.product_counts()
