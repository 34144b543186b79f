"""The bulk path's import files written by two processes: the same files one process
writes, and what goes wrong in the forked one said in the process that asked."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import EDGE_TABLES
from chainatlas.graph.neo4j_bulk import ImportFiles
from chainatlas.loaders import Change, bulk, read_bundle
from chainatlas.loaders.bulk import bulk_files
from chainatlas.loaders.demo import demo_bundle_path

CHANGE = Change("bulk-test", "demo", "0" * 64)
#: files whose rows carry the moment or a fresh id of the load (the change set, the version)
STAMPED = ("node-ChangeSet-", "node-ChangeSetHead-", "node-GraphVersion-")


def _written(folder: Path) -> dict[str, bytes]:
    return {
        p.name: p.read_bytes()
        for p in sorted(folder.glob("*.csv"))
        if not p.name.startswith(STAMPED)
    }


def test_two_processes_write_the_files_one_writes(tmp_path: Path) -> None:
    demo = read_bundle(demo_bundle_path())
    one = bulk_files(demo, tmp_path / "one", change=CHANGE, parallel_from=None)
    two = bulk_files(demo, tmp_path / "two", change=CHANGE, parallel_from=0)
    [apart] = bulk._apart(demo.tables, 0)  # the largest relationship table: the demo's needs
    assert len(demo.tables[apart]) == max(len(demo.tables[t]) for t in EDGE_TABLES)
    stem = f"{apart.value}-"
    files = _written(one.folder)
    assert any(n.startswith(stem) for n in files)
    assert _written(two.folder) == files
    assert sorted(one.args) == sorted(two.args) and len(set(two.args)) == len(two.args)
    assert one.counts == two.counts and one.multiline == two.multiline
    saved = json.loads((two.folder / "import.json").read_text())
    named = {a.split("/")[-1] for a in saved["args"] if f"/{stem}" in a}
    assert named == {n for n in files if n.startswith(stem)}


def test_a_value_refused_in_the_forked_process_is_refused_here(tmp_path: Path) -> None:
    demo = read_bundle(demo_bundle_path())
    [apart] = bulk._apart(demo.tables, 0)
    demo.tables[apart][3]["source_file"] = "ends in a backslash\\"  # an escaped quote there
    with pytest.raises(InvalidOption, match="cannot be imported"):
        bulk_files(demo, tmp_path / "f", change=CHANGE, parallel_from=0)


def test_a_forked_process_that_dies_is_an_error_here(tmp_path: Path) -> None:
    with pytest.raises(bulk.WriterStopped, match="exit code 3"):
        bulk._in_parallel(lambda: ImportFiles(tmp_path), lambda: os._exit(3))


def test_an_error_here_stops_the_forked_process(tmp_path: Path) -> None:
    marker = tmp_path / "finished"

    def slow() -> ImportFiles:
        import time

        time.sleep(30)
        marker.write_text("the forked process ran to its end")
        return ImportFiles(tmp_path)

    def fails() -> ImportFiles:
        raise InvalidOption("bulk", "refused here")

    with pytest.raises(InvalidOption, match="refused here"):
        bulk._in_parallel(fails, slow)
    assert not marker.exists()


def test_small_bundles_and_single_cores_stay_in_one_process(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    demo = read_bundle(demo_bundle_path())
    assert bulk._apart(demo.tables, bulk.PARALLEL_FROM) == []  # hundreds of rows
    assert bulk._apart(demo.tables, None) == []
    monkeypatch.setattr(os, "cpu_count", lambda: 1)
    assert bulk._apart(demo.tables, 0) == []
