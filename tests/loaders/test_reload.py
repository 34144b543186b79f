"""A re-load sends only what changed: rows whose digest the store holds are skipped
(graph/digest.py), and the graph ends as a full load would leave it; as a change set, it
records only those rows."""

from __future__ import annotations

from dataclasses import replace

import pytest

from chainatlas.graph.digest import DIGEST, fact_digest
from chainatlas.graph.model import Label, Rel, Table, row_key
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import Change, read_bundle, write_bundle
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.load import unheld

CHANGE = Change("reload-test", "demo", None)


def test_a_reload_changes_nothing_and_a_change_lands(store: GraphStore) -> None:
    bundle = read_bundle(demo_bundle_path())
    first = write_bundle(store, bundle)
    version = store.version()
    again = write_bundle(store, bundle)
    assert again.counts == first.counts  # every row is accounted for, held or written
    assert store.version() == version  # nothing was written
    supplies = [dict(r) for r in bundle.tables[Table.SUPPLIES]]
    supplies[0]["volume"] = 12345
    write_bundle(store, replace(bundle, tables={**bundle.tables, Table.SUPPLIES: supplies}))
    assert store.version() != version
    key = (supplies[0]["supplier_id"], supplies[0]["buyer_id"], supplies[0]["product_id"])
    volumes = [
        e["props"]["volume"]
        for e in store.adjacent(Rel.SUPPLIES, [key[0]], direction="out")
        if (e["source"], e["target"], e["key"]) == key
    ]
    assert volumes == [12345]


@pytest.mark.neo4j
def test_neo4j_skips_the_rows_it_holds(neo4j_store: Neo4jStore) -> None:
    bundle = read_bundle(demo_bundle_path())
    write_bundle(neo4j_store, bundle)
    rows = [dict(r) for r in bundle.tables[Table.SUPPLIES]]
    assert unheld(neo4j_store, Table.SUPPLIES, rows) == ([], False)
    rows[3]["until"] = "2030-01-01"
    assert unheld(neo4j_store, Table.SUPPLIES, rows) == ([rows[3]], False)
    held = neo4j_store.fact_digests(Table.ENTERPRISES)
    firms = bundle.tables[Table.ENTERPRISES]
    assert held == {fact_digest(Table.ENTERPRISES, r) for r in firms}
    assert DIGEST not in neo4j_store.node(Label.ENTERPRISE, firms[0]["id"])


@pytest.mark.neo4j
def test_an_empty_table_is_created_and_an_undigested_one_is_not(neo4j_store: Neo4jStore) -> None:
    rows = read_bundle(demo_bundle_path()).tables[Table.CHAINS]
    assert unheld(neo4j_store, Table.CHAINS, rows) == (rows, True)
    neo4j_store.write("upsert_chains", rows=[{"id": "old"}])  # as written before digests
    assert unheld(neo4j_store, Table.CHAINS, rows) == (rows, False)


def test_a_reload_records_only_what_changed(store: GraphStore) -> None:
    # the digest filter runs before the change set: held rows are neither counted nor recorded
    bundle = read_bundle(demo_bundle_path())
    first = write_bundle(store, bundle, change=CHANGE)
    assert first.change_set is not None and first.change_set["id"] == 1
    assert write_bundle(store, bundle, change=CHANGE).change_set is None
    supplies = [dict(r) for r in bundle.tables[Table.SUPPLIES]]
    supplies[5]["volume"] = 777
    extra = {**supplies[5], "product_id": supplies[6]["product_id"], "volume": 1}
    tables = {**bundle.tables, Table.SUPPLIES: [*supplies, extra]}
    second = write_bundle(store, replace(bundle, tables=tables), change=CHANGE)
    assert second.change_set is not None
    assert second.change_set["counts"] == {
        "supplies": {"added": 1, "changed": 1, "ended": 0, "removed": 0}
    }
    (entry,) = store.change_entries(second.change_set["id"])
    key = [supplies[5]["supplier_id"], supplies[5]["buyer_id"], supplies[5]["product_id"]]
    assert (entry["op"], entry["key"]) == ("changed", key)
    assert entry["before"]["volume"] == bundle.tables[Table.SUPPLIES][5]["volume"]
    assert DIGEST not in entry["before"]
    added = store.fact_rows(Table.SUPPLIES, [row_key(Table.SUPPLIES, extra)])
    assert [(r["created_in"], r["changed_in"]) for r in added] == [(2, 2)]


def test_digests_are_stable_across_versions() -> None:
    """A province's database keeps the digests of its facts: a ChainAtlas that digested the
    same row otherwise would find none of them held, and rewrite everything at its first
    re-load. The values are what it gave before it took columns by itemgetter."""
    from chainatlas.graph.model import TABLE_COLUMNS

    row = dict.fromkeys(TABLE_COLUMNS[Table.SUPPLIES])
    row.update(supplier_id="E1", buyer_id="E2", product_id="pta", volume=43, unit="吨", since=2013)
    stored = {k: v for k, v in row.items() if v is not None} | {"unit": "t"}
    firm = dict.fromkeys(TABLE_COLUMNS[Table.ENTERPRISES])
    firm.update(id="E1", name="甲化工", tags=["专精特新"])
    assert fact_digest(Table.SUPPLIES, row) == fact_digest(Table.SUPPLIES, stored)
    assert fact_digest(Table.SUPPLIES, row) == -8354324880233824863
    assert fact_digest(Table.ENTERPRISES, firm) == 9176251301956453480
