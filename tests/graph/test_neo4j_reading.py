"""A query's reads in one read transaction on Neo4j (``GraphStore.reading``,
``graph.reading.in_one_read``): one session for a path search's dozen statements, nothing
left open when the query fails, writes kept in their own transactions, and a read inside a
change set still seeing the change set's writes."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from chainatlas.graph.errors import NoPath
from chainatlas.graph.model import Label, Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries import supply_paths
from chainatlas.graph.queries.profiles import enterprise_profile
from tests.support import reference

pytestmark = pytest.mark.neo4j

SALE = {"supplier_id": "E6", "buyer_id": "E4", "product_id": "dye", "volume": 7, "unit": "t"}


@pytest.fixture
def ref(neo4j_store: Neo4jStore) -> Neo4jStore:
    neo4j_store.write_tables(reference.TABLES)
    return neo4j_store


@pytest.fixture
def sessions(ref: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """The sessions the store opens from here on, by their arguments."""
    opened: list[dict[str, Any]] = []
    session: Callable[..., Any] = ref.driver.session

    def counted(**kwargs: Any) -> Any:
        opened.append(kwargs)
        return session(**kwargs)

    monkeypatch.setattr(ref.driver, "session", counted)
    return opened


def test_a_query_s_statements_share_one_read_session(
    ref: Neo4jStore, sessions: list[dict[str, Any]]
) -> None:
    with ref.reading():
        ref.node(Label.ENTERPRISE, "E1")
        ref.node(Label.ENTERPRISE, "E5")
    assert len(sessions) == 1
    sessions.clear()
    found = supply_paths(ref, "E1", "E5", k=5)
    assert [p["nodes"] for p in found["paths"]] == [["E1", "E3", "E4", "E5"]]
    assert len(sessions) == 1  # a dozen statements
    sessions.clear()
    enterprise_profile(ref, "E3")
    assert len(sessions) == 1


def test_a_failed_query_leaves_no_transaction_open(
    ref: Neo4jStore, sessions: list[dict[str, Any]]
) -> None:
    with pytest.raises(NoPath):
        supply_paths(ref, "E5", "E1")
    with pytest.raises(ValueError, match="mid-block"), ref.reading():
        ref.node(Label.ENTERPRISE, "E1")
        raise ValueError("mid-block")
    assert ref.node(Label.ENTERPRISE, "E2")["id"] == "E2"  # a transaction of its own again
    assert len(sessions) == 3


def test_a_write_inside_a_read_block_keeps_its_own_transaction(ref: Neo4jStore) -> None:
    with ref.reading():
        before = ref.trade("E4", "in")["total"]
        ref.upsert(Table.SUPPLIES, [SALE])  # committed on its own: a reader may not write
        assert ref.trade("E4", "in")["total"] == before + 1  # read committed sees it
    assert ref.trade("E4", "in")["total"] == before + 1


def test_a_read_inside_a_change_set_sees_its_writes(ref: Neo4jStore) -> None:
    before = ref.trade("E4", "in")["total"]
    with pytest.raises(RuntimeError), ref.atomic():
        ref.upsert(Table.SUPPLIES, [SALE])
        with ref.reading():  # joins the change set's transaction
            assert ref.trade("E4", "in")["total"] == before + 1
        raise RuntimeError("roll the change set back")
    assert ref.trade("E4", "in")["total"] == before
