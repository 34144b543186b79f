"""The bad-input corpus (tests/data/bad): every case is refused with exactly its expected lines.

Each case runs through ``chainatlas check`` and ``chainatlas load`` (the embedded data
directory must be left byte for byte as it was) and through ``load_bundle`` on both stores
(the graph must be left as it was).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.graph.errors import BundleInvalid
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.settings import get_settings
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import load_bundle
from tests.data import make_bad
from tests.support.bundles import BAD, BAD_CASES, GOOD, bad_case

runner = CliRunner()


def test_corpus_is_large_enough() -> None:
    assert len(BAD_CASES) >= 25
    assert sorted(make_bad.CASES) == BAD_CASES  # every generated case has its expected.txt


@pytest.mark.parametrize("case", BAD_CASES)
def test_case_files_are_what_the_generator_makes(case: str) -> None:
    on_disk = {p.name: p.read_bytes() for p in (BAD / case).iterdir() if p.name != "expected.txt"}
    assert on_disk == make_bad.build(case), "run: .venv/bin/python -m tests.data.make_bad"


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """An embedded data directory that already holds the good bundle's graph."""
    monkeypatch.setenv("CHAINATLAS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", "")
    get_settings.cache_clear()
    store = MemoryStore()
    load_bundle(store, GOOD)
    store.save(get_settings().graph_file)
    yield get_settings().graph_file
    get_settings.cache_clear()


@pytest.mark.parametrize("command", ["check", "load"])
@pytest.mark.parametrize("case", BAD_CASES)
def test_cli_refuses_bad_bundle(case: str, command: str, home: Path, tmp_path: Path) -> None:
    path, args, expected = bad_case(case, tmp_path)
    before = home.read_bytes()
    result = runner.invoke(app, [command, str(path), *args])
    assert result.exit_code == 1, result.output
    *lines, summary = result.stderr.splitlines()
    assert lines == expected
    assert "error(s)" in summary
    assert home.read_bytes() == before


@pytest.mark.parametrize("case", BAD_CASES)
def test_load_bundle_writes_nothing_when_refused(
    case: str, store: GraphStore, tmp_path: Path
) -> None:
    load_bundle(store, GOOD)
    before = store.stats()
    path, args, expected = bad_case(case, tmp_path)
    with pytest.raises(BundleInvalid) as refused:
        load_bundle(store, path, strict="--strict" in args)
    assert [str(i) for i in refused.value.issues] == expected
    assert store.stats() == before


def test_refused_load_into_empty_store_leaves_it_empty(store: GraphStore, tmp_path: Path) -> None:
    path, _, _ = bad_case("many-at-once", tmp_path)
    with pytest.raises(BundleInvalid):
        load_bundle(store, path)
    assert set(store.stats().values()) == {0}
