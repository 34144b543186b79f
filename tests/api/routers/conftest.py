"""Every read route against the reference network: the answer is the query function's own
(the API adds paging and access rules, no logic), unknown ids are 404 problems naming the id,
bad parameters are 422 problems.

Each module gets one store: the reference network (hand-worked facts in
tests/support/reference.py) plus the one gap below, and a client per role on it."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from tests.support.api import TestClient, auth, client, reference_tables

#: a catalyst 丙化纤 (E3) needs and nobody in the map makes: the one gap (补链 target)
CATALYST = {
    "id": "sb2o3",
    "name": "三氧化二锑",
    "name_en": "Antimony trioxide",
    "cas": "1309-64-4",
    "unit": "t",
    "chain_id": "poly",
    "stage": "上游",
}


def make_store() -> MemoryStore:
    tables = reference_tables()
    tables[Table.PRODUCTS].append(CATALYST)
    tables[Table.NEEDS].append(
        {"enterprise_id": "E3", "product_id": "sb2o3", "annual_demand": 40, "unit": "t"}
    )
    store = MemoryStore()
    store.write_tables(tables)
    return store


@pytest.fixture(scope="module")
def store() -> MemoryStore:
    return make_store()


@pytest.fixture(scope="module")
def viewer(store: MemoryStore) -> Iterator[TestClient]:
    with client(store) as c:
        c.headers.update(auth("viewer"))
        yield c


@pytest.fixture(scope="module")
def analyst(store: MemoryStore) -> Iterator[TestClient]:
    with client(store) as c:
        c.headers.update(auth("analyst"))
        yield c
