"""The embedded store's search index (graph/memory_search.py) finds what classifying every
node finds: the same candidates, kinds and order, for every cap, label set and day."""

from __future__ import annotations

import csv
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from chainatlas.graph.asof import as_of_key, member
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.memory_search import Lines, SearchIndex
from chainatlas.graph.model import Label, Table
from chainatlas.graph.text import match_kind, search_query
from chainatlas.loaders import read_bundle
from chainatlas.loaders.generate import generate_bundle
from tests.support.search_queries import QUERIES

BOTH = (Label.ENTERPRISE, Label.PRODUCT)
TABLES = {Label.ENTERPRISE: Table.ENTERPRISES, Label.PRODUCT: Table.PRODUCTS}


def classified(store: MemoryStore, q: str, labels: Any, cap: int, day: str | None) -> list[Any]:
    """Every node of ``labels`` classified, sorted, cut: what the index must answer."""
    needle, found = search_query(q), []
    for label in set(labels):
        for row in store.tables[TABLES[label]].values():
            kind = match_kind(needle, row.get("search_text") or "")
            if kind is not None and (label is Label.PRODUCT or member(row, day)):
                found.append((int(kind), label.value, row["id"]))
    return sorted(found)[:cap]


def indexed(store: MemoryStore, q: str, labels: Any, cap: int, day: str | None) -> list[Any]:
    hits = store.search_index.candidates(search_query(q), labels, cap, day)
    return [(int(kind), label.value, row["id"]) for kind, label, row in hits]


def _with_aliases(data: Path) -> None:
    """Every third firm gets aliases: a former name (a piece of its name, so the same query
    matches a name here and an alias there) and a code-like one."""
    firms = data / "enterprises.csv"
    with firms.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    for n, row in enumerate(rows[::3]):
        row["aliases"] = f"旧名{row['name'][2:6]}厂|ALIAS-{n % 7}"
    with firms.open("w", encoding="utf-8", newline="") as fh:
        out = csv.DictWriter(fh, fieldnames=list(rows[0]))
        out.writeheader()
        out.writerows(rows)


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> MemoryStore:
    data: Path = tmp_path_factory.mktemp("bundle")
    generate_bundle(data, enterprises=400, seed=3)
    _with_aliases(data)
    memory = MemoryStore()
    memory.write_tables(read_bundle(data).tables)
    return memory


@pytest.mark.parametrize("q", [*QUERIES, "旧名", "alias-3", "厂"])
@pytest.mark.parametrize("cap", [1, 7, 500])
@pytest.mark.parametrize("labels", [BOTH, (Label.ENTERPRISE,), (Label.PRODUCT,)])
def test_the_index_answers_as_classifying_every_node(
    store: MemoryStore, q: str, cap: int, labels: Any
) -> None:
    assert indexed(store, q, labels, cap, None) == classified(store, q, labels, cap, None)


@pytest.mark.parametrize("q", [*QUERIES, "旧名", "alias-3", "厂"])
@pytest.mark.parametrize("cap", [1, 7, 500, 1000])
@pytest.mark.parametrize("labels", [BOTH, (Label.ENTERPRISE,), (Label.PRODUCT,)])
@pytest.mark.parametrize("day", [None, as_of_key(date(2015, 6, 30))])
def test_a_count_is_how_many_the_ladder_finds(
    store: MemoryStore, q: str, cap: int, labels: Any, day: str | None
) -> None:
    want = len(classified(store, q, labels, cap, day))
    assert store.search_index.count(search_query(q), labels, cap, day) == want


@pytest.mark.parametrize("q", ["有限公司", "上虞", "e00"])
@pytest.mark.parametrize("day", [date(2000, 1, 1), date(2015, 6, 30), date(2020, 1, 1)])
def test_firms_not_in_the_map_that_day_are_left_out(store: MemoryStore, q: str, day: date) -> None:
    for cap in (60, 1000):
        want = classified(store, q, BOTH, cap, as_of_key(day))
        assert indexed(store, q, BOTH, cap, as_of_key(day)) == want
    assert len(want) < len(classified(store, q, BOTH, cap, None))  # the day leaves some out


@st.composite
def pieces_of_lines(draw: st.DrawFn, store: MemoryStore) -> str:
    """A piece of one line of some node's search text: every kind of match is drawn."""
    label = draw(st.sampled_from(BOTH))
    rows = sorted(store.tables[TABLES[label]])
    row = store.tables[TABLES[label]][draw(st.sampled_from(rows))]
    line = draw(st.sampled_from([s for s in row["search_text"].split("\n") if s.strip()]))
    start = draw(st.integers(0, len(line) - 1))
    end = draw(st.integers(start + 1, len(line)))
    return line[start:end]


@settings(max_examples=300, deadline=None)
@given(data=st.data(), cap=st.integers(1, 40))
def test_pieces_of_any_line_are_found_as_classifying_finds_them(
    store: MemoryStore, data: st.DataObject, cap: int
) -> None:
    q = data.draw(pieces_of_lines(store)).strip()
    if q:
        assert indexed(store, q, BOTH, cap, None) == classified(store, q, BOTH, cap, None)


def test_the_store_drops_its_index_when_a_row_changes(store: MemoryStore) -> None:
    copy = MemoryStore()
    copy.write_tables({t: list(rows.values()) for t, rows in store.tables.items()})
    assert [c["id"] for c in copy.search_candidates("新源科技")] == []
    firm = dict(copy.tables[Table.ENTERPRISES][("E0007",)], name="新源科技有限公司")
    copy.upsert(Table.ENTERPRISES, [firm])
    assert [c["id"] for c in copy.search_candidates("新源科技")] == ["E0007"]


def test_lines_finds_each_row_once_in_order() -> None:
    lines = Lines([["ab", "xab"], [""], ["abab"], ["b", "ab"]])
    assert list(lines.rows("ab")) == [0, 2, 3]
    assert list(lines.rows("\nab", lead=1)) == [0, 2, 3]
    assert list(lines.rows("\nab\n", lead=1)) == [0, 3]
    assert list(lines.rows("\nb", lead=1)) == [3]
    assert list(lines.rows("zz")) == []


def test_an_index_of_no_rows_finds_nothing() -> None:
    empty = SearchIndex({t: {} for t in Table})
    assert empty.candidates("abc", BOTH, 10, None) == []
