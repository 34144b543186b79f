"""Search on Neo4j by probes and a scan (graph/neo4j_search.py) gives the embedded store's
answer on every path: a probe that holds every match, a narrower probe and a scan in id order,
and the full classification when neither can tell. A tiny probe and scan make a generated map
of 400 firms as broad, for them, as a province is for the real sizes."""

from __future__ import annotations

import csv
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph import neo4j_search
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.graph.neo4j_kept import KeptAnswers
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries.search import search_page
from chainatlas.loaders import read_bundle
from chainatlas.loaders.generate import generate_bundle
from tests.support.search_queries import QUERIES
from tests.support.statements import recording

pytestmark = pytest.mark.neo4j


#: names given to generated firms: a firm found by the prefix probe is in the scan's names too
RENAMED = {"E0007": "新源科技有限公司"} | {
    f"E00{n}": f"上虞新源{n}化工有限公司" for n in ("03", "10", "20", "30", "40")
}


def _stores(
    tmp_path: Path, neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch, *, keep: bool = False
) -> tuple[MemoryStore, Neo4jStore]:
    """The generated map in both stores; the Neo4j store keeps no search's answer unless
    ``keep``: every call takes the path under test."""
    if not keep:
        monkeypatch.setattr(neo4j_store, "kept_answers", KeptAnswers(0))
    generate_bundle(tmp_path, enterprises=400, seed=3)
    firms = tmp_path / "enterprises.csv"
    with firms.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for row in rows:
        row["name"] = RENAMED.get(row["id"], row["name"])
    with firms.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)
    tables = read_bundle(tmp_path).tables
    memory = MemoryStore()
    memory.write_tables(tables)
    neo4j_store.write_tables(tables)
    return memory, neo4j_store


def _ask(store: Any, q: str, **kw: Any) -> list[tuple[str, str, int]]:
    return [(c["label"], c["id"], c["match"]) for c in store.search_candidates(q, **kw)]


@pytest.mark.parametrize("rows, limit", [(16, 96), (512, 512)])  # a step, or all firms at once
def test_every_path_gives_the_embedded_stores_answer(
    tmp_path: Path,
    neo4j_store: Neo4jStore,
    monkeypatch: pytest.MonkeyPatch,
    rows: int,
    limit: int,
) -> None:
    memory, neo = _stores(tmp_path, neo4j_store, monkeypatch)
    wide = {q: neo.search_candidates(q, cap=500) for q in QUERIES}  # the probe holds them all
    monkeypatch.setattr(neo4j_search, "PROBE", 4)
    monkeypatch.setattr(neo4j_search, "SCAN_ROWS", rows)
    monkeypatch.setattr(neo4j_search, "SCAN_LIMIT", limit)
    asked = recording(neo, monkeypatch)
    for q in QUERIES:
        assert neo.search_candidates(q, cap=500) == memory.search_candidates(q, cap=500) == wide[q]
        for cap in (1, 3, 20):
            assert neo.search_candidates(q, cap=cap) == wide[q][:cap], (q, cap)
            for labels in ([Label.ENTERPRISE], [Label.PRODUCT]):
                assert _ask(neo, q, cap=cap, labels=labels) == _ask(
                    memory, q, cap=cap, labels=labels
                ), (q, cap, labels)
            day = date(2016, 1, 1)
            assert _ask(neo, q, cap=cap, as_of=day) == _ask(memory, q, cap=cap, as_of=day)
    # each path answered some of them
    statements = Counter(asked)
    assert statements["search_probe"] and statements["search_scan"]
    assert statements["search_candidates"]


def test_a_broad_query_is_answered_by_a_scan_not_by_reading_every_match(
    tmp_path: Path, neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory, neo = _stores(tmp_path, neo4j_store, monkeypatch)
    monkeypatch.setattr(neo4j_search, "PROBE", 4)
    monkeypatch.setattr(neo4j_search, "SCAN_ROWS", 16)
    asked = recording(neo, monkeypatch)
    for q in ("有限公司", "上虞"):
        asked.clear()
        assert _ask(neo, q, cap=3) == _ask(memory, q, cap=3)
        assert "search_scan" in asked and "search_candidates" not in asked, (q, asked)
    asked.clear()
    assert _ask(neo, "上虞", cap=300) == _ask(memory, "上虞", cap=300)
    # the prefix probe full, the exact one not, the scan too short for 300: every match
    # classified in the server, without a probe of every match (of more, so full too)
    assert asked.count("search_probe") == 2 and "search_scan" in asked, asked
    assert asked[-2:] == ["search_candidates", "node_fields_enterprise"], asked
    asked.clear()
    assert _ask(neo, "e0001", cap=3) == _ask(memory, "e0001", cap=3)
    # five characters, one match: every match is probed first, and the probe holds it
    assert asked == ["search_probe", "node_fields_enterprise"]
    asked.clear()
    assert _ask(neo, "材料有限公司", cap=3) == _ask(memory, "材料有限公司", cap=3)
    assert (
        asked[:2] == ["search_probe"] * 2 and "search_candidates" not in asked
    )  # full, then ladder
    asked.clear()
    assert _ask(neo, "e040", cap=3) == _ask(memory, "e040", cap=3)  # short: the ladder first
    assert asked == ["search_probe", "search_scan", "search_probe", "node_fields_enterprise"]
    assert _ask(neo, "e0001", cap=3)[0] == ("Enterprise", "E0001", 0)


def test_counts_are_the_embedded_stores_and_need_no_ranking(
    tmp_path: Path, neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory, neo = _stores(tmp_path, neo4j_store, monkeypatch)
    day = date(2016, 1, 1)
    for q in QUERIES:
        for cap in (1, 3, 20, 500):
            for labels in ([Label.ENTERPRISE, Label.PRODUCT], [Label.ENTERPRISE], [Label.PRODUCT]):
                for as_of in (None, day):
                    want = len(memory.search_candidates(q, labels=labels, cap=cap, as_of=as_of))
                    assert memory.search_count(q, labels=labels, cap=cap, as_of=as_of) == want
                    got = neo.search_count(q, labels=labels, cap=cap, as_of=as_of)
                    assert got == want, (q, cap, labels, as_of)
    asked = recording(neo, monkeypatch)
    # a broad query's first page: its hits found by the probe and a scan step, the rest
    # counted by the index, none classified
    assert search_page(neo, "有限公司", limit=3) == search_page(memory, "有限公司", limit=3)
    assert asked.count("search_count") == 1 and "search_candidates" not in asked, asked


def test_a_count_is_kept_per_version_and_ends_with_any_write(
    tmp_path: Path, neo4j_store: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory, neo = _stores(tmp_path, neo4j_store, monkeypatch, keep=True)
    both, firms, day = [Label.ENTERPRISE, Label.PRODUCT], [Label.ENTERPRISE], date(2016, 1, 1)
    asked = recording(neo, monkeypatch)
    first = neo.search_count("有限公司", labels=both, cap=500)
    assert asked == ["graph_version", "search_count"]
    asked.clear()
    assert neo.search_count("有限公司", labels=both, cap=500) == first
    assert asked == ["graph_version"]  # kept: only the version read
    with neo.reading():  # a query's reads: the version once
        for cap, labels, as_of in [(500, both, None), (3, both, None), (500, firms, day)]:
            want = memory.search_count("有限公司", labels=labels, cap=cap, as_of=as_of)
            assert neo.search_count("有限公司", labels=labels, cap=cap, as_of=as_of) == want
    assert asked.count("graph_version") == 2 and asked.count("search_count") == 2
    # another store's write (another worker's) is counted at once
    new = {"id": "E9001", "name": "上虞新加有限公司", "region_id": "shangyu"}
    unkept.upsert(Table.ENTERPRISES, [new | {"chain_id": "polymer", "stage": "中游"}])
    assert neo.search_count("有限公司", labels=both, cap=500) == first + 1
    assert unkept.search_count("有限公司", labels=both, cap=500) == first + 1
    # a change set counts its own writes, and keeps nothing
    asked.clear()
    with neo.atomic():
        neo.upsert(Table.ENTERPRISES, [new | {"id": "E9002", "chain_id": "polymer"}])
        assert neo.search_count("有限公司", labels=both, cap=500) == first + 2
    assert "graph_version" not in asked
    assert neo.search_count("有限公司", labels=both, cap=500) == first + 2


def test_a_query_s_picks_are_kept_per_version_its_hits_read_each_time(
    tmp_path: Path, neo4j_store: Neo4jStore, unkept: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    memory, neo = _stores(tmp_path, neo4j_store, monkeypatch, keep=True)
    monkeypatch.setattr(neo4j_search, "PROBE", 4)  # 有限公司 broad: probes and a scan
    monkeypatch.setattr(neo4j_search, "SCAN_ROWS", 16)
    asked = recording(neo, monkeypatch)
    first = neo.search_candidates("有限公司", cap=3)
    assert first == memory.search_candidates("有限公司", cap=3) and "search_scan" in asked
    asked.clear()
    assert neo.search_candidates("有限公司", cap=3) == first
    assert asked == ["graph_version", "node_fields_enterprise"]  # the picks kept
    for q in QUERIES:  # every query twice, on two days: the kept answer is the answer
        for as_of in (None, date(2016, 1, 1)):
            want = memory.search_candidates(q, cap=20, as_of=as_of)
            assert neo.search_candidates(q, cap=20, as_of=as_of) == want, (q, as_of)
            assert neo.search_candidates(q, cap=20, as_of=as_of) == want, (q, as_of)
    # another store's write: a firm renamed to lead the answer, and the old leader renamed away
    lead, name = first[0]["id"], "有限公司之首"
    renamed = [{"id": "E0000", "name": name, "region_id": "shangyu", "chain_id": "polymer"}]
    unkept.upsert(Table.ENTERPRISES, [renamed[0] | {"stage": "中游"}])
    unkept.upsert(Table.ENTERPRISES, [{**_firm(unkept, lead), "name": "改名科技"}])
    again = neo.search_candidates("有限公司", cap=3)
    assert again == unkept.search_candidates("有限公司", cap=3) != first
    assert again[0]["id"] == "E0000" and lead not in {h["id"] for h in again}


def _firm(store: Neo4jStore, id: str) -> dict[str, Any]:
    (node,) = store.nodes(Label.ENTERPRISE, [id])
    return {k: node[k] for k in ("id", "name", "region_id", "chain_id", "stage")}


def test_a_hit_removed_after_it_was_picked_is_left_out(
    tmp_path: Path, neo4j_store: Neo4jStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    _, neo = _stores(tmp_path, neo4j_store, monkeypatch, keep=True)
    first = neo.search_candidates("有限公司", cap=5)
    gone, nodes = first[1]["id"], neo.nodes

    def without(label: Label, ids: Any = None, **kw: Any) -> list[dict[str, Any]]:
        # a write committed between the picks and the fields (read committed): the node is gone
        return [n for n in nodes(label, ids, **kw) if n["id"] != gone]

    monkeypatch.setattr(neo, "nodes", without)
    assert neo.search_candidates("有限公司", cap=5) == [h for h in first if h["id"] != gone]
