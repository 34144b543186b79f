"""graph.memory_file: the embedded store's tables as one JSON file, written atomically."""

from __future__ import annotations

from pathlib import Path

import pytest

from chainatlas.graph.memory_file import FORMAT_VERSION, read_tables, save_tables
from chainatlas.graph.model import Table


def test_tables_come_back_in_the_order_saved_with_rows_in_key_order(tmp_path: Path) -> None:
    path = tmp_path / "deep" / "graph.json"  # missing folders are made
    tables = {
        Table.CHAINS: {("poly",): {"id": "poly", "name": "高分子材料"}},
        Table.REGIONS: {("ningbo",): {"id": "ningbo"}, ("keqiao",): {"id": "keqiao"}},
    }
    save_tables(tables, path)
    assert read_tables(path) == [
        (Table.CHAINS, [{"id": "poly", "name": "高分子材料"}]),
        (Table.REGIONS, [{"id": "keqiao"}, {"id": "ningbo"}]),
    ]
    assert f'"format": {FORMAT_VERSION}' in path.read_text(encoding="utf-8")
    assert "高分子材料" in path.read_text(encoding="utf-8")  # not \\u-escaped


def test_a_failed_save_leaves_the_previous_file_and_no_temporary_file(tmp_path: Path) -> None:
    path = tmp_path / "graph.json"
    save_tables({Table.CHAINS: {("poly",): {"id": "poly"}}}, path)
    before = path.read_bytes()
    with pytest.raises(TypeError):
        save_tables({Table.CHAINS: {("bad",): {"id": "bad", "when": object()}}}, path)
    assert path.read_bytes() == before
    assert [p.name for p in tmp_path.iterdir()] == ["graph.json"]
