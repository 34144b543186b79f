"""A ``chainatlas load`` killed with SIGKILL mid-load leaves the previous graph, on both
stores; two loads at once on the embedded store both land.

Each kill is real: a ``chainatlas load`` subprocess of a generated 800-firm bundle, killed
while it is provably writing (Neo4j: the server lists its transaction running an upsert
statement; embedded: its temporary save file exists), after a first load of the small good
bundle. The graph must then answer exactly as after that first load.
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.memory_file import read_head
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.settings import get_settings
from chainatlas.graph.shapes import Stats
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import load_bundle
from chainatlas.loaders.codes import credit_code_check_char
from chainatlas.loaders.generate import generate_bundle
from tests.support.bundles import GOOD

CLI = [sys.executable, "-m", "chainatlas"]
WAIT_S = 240.0


@pytest.fixture(scope="module")
def big(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("big") / "big"
    generate_bundle(folder, enterprises=800, seed=7)
    return folder


def env(**more: str) -> dict[str, str]:
    base = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "CHAINATLAS_"))}
    return {**base, "PYTHONPATH": os.environ.get("PYTHONPATH", ""), **more}


def kill_when(proc: subprocess.Popen[bytes], ready: Callable[[], bool]) -> None:
    """SIGKILL ``proc`` as soon as ``ready()``; fail if it finished first."""
    deadline = time.monotonic() + WAIT_S
    while not ready():
        assert proc.poll() is None, "the load finished before it could be killed"
        assert time.monotonic() < deadline, "the load never got to the point to kill it at"
        time.sleep(0.005)
    proc.send_signal(signal.SIGKILL)
    assert proc.wait(timeout=60) == -signal.SIGKILL


def answers(store: GraphStore) -> tuple[Stats, int, list[dict[str, Any]]]:
    return store.stats(), store.head(), store.change_sets()


@pytest.mark.slow
def test_sigkill_mid_save_leaves_the_embedded_graph(big: Path, tmp_path: Path) -> None:
    graph = tmp_path / "graph.json"
    first = MemoryStore()
    load_bundle(first, GOOD)
    first.commit(graph)
    saved = graph.read_bytes()
    proc = subprocess.Popen(
        [*CLI, "load", str(big), "--quiet"], env=env(CHAINATLAS_HOME=str(tmp_path))
    )
    kill_when(proc, lambda: any(tmp_path.glob("graph.json*.tmp")))
    assert graph.read_bytes() == saved
    assert list(tmp_path.glob("graph.json*.tmp")), "the killed save left its temporary file"
    reopened = MemoryStore.open(graph)
    assert not list(tmp_path.glob("graph.json*.tmp"))  # removed when the store opens
    assert answers(reopened) == answers(first)


def _upserting(store: Neo4jStore) -> Callable[[], bool]:
    def ready() -> bool:
        with store.driver.session(database=store.database) as s:
            found = s.run(
                "SHOW TRANSACTIONS YIELD currentQuery "
                "WHERE any(m IN $markers WHERE currentQuery CONTAINS m) RETURN count(*) AS n",
                # new supplies are CREATEd (a change set read them as absent), the rest MERGEd
                markers=["// upsert_supplies", "// create_supplies"],
            ).single()
        return bool(found and found["n"])

    return ready


@pytest.mark.slow
@pytest.mark.neo4j
def test_sigkill_mid_load_leaves_neo4j_as_before(
    big: Path, neo4j_store: Neo4jStore, neo4j_server: tuple[str, str, str]
) -> None:
    load_bundle(neo4j_store, GOOD)
    before = answers(neo4j_store)
    uri, user, password = neo4j_server
    proc = subprocess.Popen(
        [*CLI, "load", str(big), "--quiet"],
        env=env(NEO4J_URI=uri, NEO4J_USER=user, NEO4J_PASSWORD=password),
    )
    kill_when(proc, _upserting(neo4j_store))  # firms and produces are written by then
    assert answers(neo4j_store) == before
    load_bundle(neo4j_store, GOOD)  # nothing is left locked: the next load goes through
    assert neo4j_store.head() == before[1]


def tiny(folder: Path, prefix: str, n: int) -> Path:
    """A bundle of ``n`` firms whose ids start with ``prefix`` (the good bundle's chains,
    regions and products, the same in both)."""
    folder.mkdir()
    for name in ("chains.csv", "regions.csv", "products.csv"):
        shutil.copy(GOOD / name, folder / name)
    base = "91330604MA" + ("1" if prefix == "A" else "2")
    codes = [f"{base}{i:06d}" for i in range(n)]
    firms = "".join(
        f"{prefix}{i},{prefix}公司{i},{c}{credit_code_check_char(c)},shangyu\n"
        for i, c in enumerate(codes)
    )
    header = "id,name,credit_code,region_id\n"
    (folder / "enterprises.csv").write_text(header + firms, encoding="utf-8")
    return folder


@pytest.fixture
def pair(tmp_path: Path) -> Iterator[tuple[Path, Path]]:
    yield tiny(tmp_path / "a", "A", 30), tiny(tmp_path / "b", "B", 30)


def cli_load(home: str, bundle: str) -> None:
    """``chainatlas load BUNDLE`` in a forked process (no interpreter start-up to wait for)."""
    os.environ.update(CHAINATLAS_HOME=home, NEO4J_URI="")
    get_settings.cache_clear()
    sys.exit(CliRunner().invoke(app, ["load", bundle, "--quiet"]).exit_code)


def test_two_loads_at_once_both_land(pair: tuple[Path, Path], tmp_path: Path) -> None:
    fork = multiprocessing.get_context("fork")
    for round in range(5):
        home = tmp_path / f"home{round}"
        procs = [fork.Process(target=cli_load, args=(str(home), str(b))) for b in pair]
        for p in procs:
            p.start()
        for p in procs:
            p.join(WAIT_S)
            assert p.exitcode == 0
        store = MemoryStore.open(home / "graph.json")
        assert store.stats()["enterprises"] == 60
        assert sorted(c["source"] for c in store.change_sets()) == ["a", "b"]
        assert read_head(home / "graph.json") == 2
