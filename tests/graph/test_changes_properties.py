"""Random histories on both stores (issue 9): a load of the reference network, then random
change sets — loads that add or rewrite supplies, a firm that joins, edits that end supplies or
a firm, reverts of the latest change set — applied alike to the embedded store and Neo4j.
After every step both stores give the same answers (today, on other days, and the history),
and a revert gives back the answers from before the change set it undid."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from chainatlas.graph.changes import change_set
from chainatlas.graph.errors import ChangeConflict, UnknownEntity
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Rel, Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries.digest import digest
from chainatlas.graph.revert import revert
from chainatlas.graph.store import GraphStore
from tests.support import reference

SETTINGS = settings(
    max_examples=5,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
FIRMS = [f["id"] for f in reference.ENTERPRISES]
PRODUCTS = ["pta", "meg", "yarn", "fabric", "dye", "pet"]
DAYS = [date(2019, 6, 30), date(2021, 1, 1), date(2024, 7, 1)]
ENDS = ["2020-07-01", "2022-01-01", "2024-01-01"]

supply = st.tuples(
    st.sampled_from(FIRMS),
    st.sampled_from(FIRMS),
    st.sampled_from(PRODUCTS),
    st.sampled_from([100, 2000, 50000]),
    st.sampled_from([None, 2017, "2021-01-01"]),
)
steps = st.lists(
    st.one_of(
        st.tuples(st.just("load"), st.lists(supply, min_size=1, max_size=3)),
        st.tuples(st.just("join"), st.integers(1, 3), st.sampled_from(FIRMS)),
        st.tuples(st.just("end"), st.integers(0, 9), st.sampled_from(ENDS)),
        st.tuples(st.just("leave"), st.sampled_from(FIRMS), st.sampled_from(ENDS)),
        st.tuples(st.just("revert")),
    ),
    min_size=1,
    max_size=5,
)


def answers(store: GraphStore) -> dict[str, Any]:
    out: dict[str, Any] = {
        "history": [{k: v for k, v in c.items() if k != "at"} for c in store.change_sets()],
        "head": store.head(),
    }
    for day in [None, *DAYS]:
        out[str(day)] = (
            store.stats(as_of=day),
            store.edges(Rel.SUPPLIES, as_of=day),
            [n["id"] for n in store.nodes(Label.ENTERPRISE, as_of=day)],
        )
    return out


def apply(store: GraphStore, step: tuple[Any, ...]) -> str:
    """Run one step; what happened (the same on both stores)."""
    kind = step[0]
    if kind == "revert":
        try:
            revert(store, store.head(), author="zhao")
        except ChangeConflict as e:
            return f"conflict {e.change_set} {e.blocking}"
        return "reverted"
    keys = sorted((e["source"], e["target"], e["key"]) for e in store.edges(Rel.SUPPLIES))
    if kind == "end" and not keys:
        return "nothing to end"
    try:
        return _change(store, step, keys)
    except UnknownEntity as e:  # ending a firm a revert took out again
        return f"unknown {e}"


def _change(store: GraphStore, step: tuple[Any, ...], keys: list[Any]) -> str:
    kind = step[0]
    with change_set(store, author="li", source=kind, kind="edit") as cs:
        if kind == "load":
            rows = [
                {"supplier_id": s, "buyer_id": b, "product_id": p, "volume": v, "since": y}
                for s, b, p, v, y in step[1]
                if s != b
            ]
            cs.upsert(Table.SUPPLIES, rows)
        elif kind == "join":
            new = f"E9{step[1]}"
            cs.upsert(Table.ENTERPRISES, [{"id": new, "name": f"新{new}公司", "joined": 2020}])
            cs.upsert(
                Table.SUPPLIES,
                [{"supplier_id": new, "buyer_id": step[2], "product_id": "pta", "since": 2020}],
            )
        elif kind == "end":
            cs.end_facts(Table.SUPPLIES, [keys[step[1] % len(keys)]], step[2])
        else:
            cs.end_facts(Table.ENTERPRISES, [(step[1],)], step[2])
    return "nothing" if cs.record is None else f"change set {cs.record['id']}"


@pytest.mark.neo4j
@pytest.mark.slow
@SETTINGS
@given(history=steps)
def test_random_histories_answer_alike_and_revert_exactly(
    neo4j_session_store: Neo4jStore, history: list[tuple[Any, ...]]
) -> None:
    memory: GraphStore = MemoryStore()
    neo4j_session_store.clear()
    stores: list[GraphStore] = [memory, neo4j_session_store]
    seen: dict[int, dict[str, Any]] = {0: answers(memory)}
    for store in stores:
        with change_set(store, author="li", source="reference") as cs:
            for table, rows in reference.TABLES.items():
                cs.upsert(table, rows)
    for step in history:
        before = answers(memory)
        seen[memory.head()] = before
        done = [apply(store, step) for store in stores]
        assert done[0] == done[1], step
        now = [answers(store) for store in stores]
        assert now[0] == now[1], step
        if done[0] == "reverted":
            undone = memory.change_set(memory.head())["reverts"]
            then = {k: v for k, v in seen[undone - 1].items() if k not in ("history", "head")}
            assert {k: v for k, v in now[0].items() if k in then} == then
    since, until = DAYS[0], DAYS[-1]
    assert digest(memory, since=since, until=until) == digest(
        neo4j_session_store, since=since, until=until
    )
