"""The store contract for reading chosen properties of nodes (``nodes(fields=...)``), the
same assertions on the memory and the Neo4j store."""

from __future__ import annotations

from datetime import date

import pytest

from chainatlas.graph.model import NODE_TABLES, Label, Table
from chainatlas.graph.store import GraphStore
from tests.support import reference


@pytest.mark.parametrize("label", list(NODE_TABLES.values()))
def test_nodes_of_chosen_fields(ref_store: GraphStore, label: Label) -> None:
    """Given fields, a node is its id and those of the fields it has, with the values and the
    key order of the whole read; fields no node has, stamps and digests give nothing."""
    fields = ("stage", "name", "name_en", "region_id", "phone", "no_such_field", "fact_digest")
    whole = ref_store.nodes(label)
    got = ref_store.nodes(label, fields=fields)
    assert got == [{k: n[k] for k in n if k in {"id", *fields[:5]}} for n in whole]
    assert all(list(g) == sorted(g) for g in got)
    ids = [*(n["id"] for n in whole[::2]), "nope"]
    assert ref_store.nodes(label, ids, fields=fields) == got[::2]
    assert ref_store.nodes(label, [], fields=fields) == []


def test_nodes_of_chosen_fields_on_a_day(ref_store: GraphStore) -> None:
    """A firm outside the map on the day is left out of a projection as of the whole read."""
    left = next(r for r in reference.TABLES[Table.ENTERPRISES] if r["id"] == "E5")
    ref_store.write_tables({Table.ENTERPRISES: [{**left, "left": "2021-01-01"}]})
    for day in (date(2020, 6, 1), date(2022, 6, 1)):
        whole = ref_store.nodes(Label.ENTERPRISE, as_of=day)
        got = ref_store.nodes(Label.ENTERPRISE, fields=["name"], as_of=day)
        assert got == [{k: n[k] for k in ("id", "name") if k in n} for n in whole]
    assert "E5" not in {n["id"] for n in got}


@pytest.mark.parametrize("label", list(NODE_TABLES.values()))
def test_nodes_ids_alone(ref_store: GraphStore, label: Label) -> None:
    """Without fields, every node's id and nothing else, sorted (a firm written last sorts
    first), whatever its lifetime; on a day only the firms in the map then."""
    if label is Label.ENTERPRISE:
        ref_store.write_tables({Table.ENTERPRISES: [{"id": "E0", "name": "后来的企业"}]})
    every = sorted(n["id"] for n in ref_store.nodes(label))
    assert ref_store.nodes(label, fields=()) == [{"id": i} for i in every]
    assert ref_store.nodes(label, fields=("fact_digest",)) == [{"id": i} for i in every]
    if label is Label.ENTERPRISE:
        left = next(r for r in reference.TABLES[Table.ENTERPRISES] if r["id"] == "E5")
        ref_store.write_tables({Table.ENTERPRISES: [{**left, "left": "2021-01-01"}]})
        assert ref_store.nodes(label, fields=()) == [{"id": i} for i in every]
        on_day = ref_store.nodes(label, fields=(), as_of=date(2022, 6, 1))
        assert on_day == [{"id": i} for i in every if i != "E5"]
