"""Fixtures: the two stores, a real Neo4j server, the reference network.

The Neo4j server is found through ``NEO4J_URI`` (with ``NEO4J_USER`` / ``NEO4J_PASSWORD``) or
started through ``scripts/neo4j-local start`` (and stopped again at the end if we started it).
When ``CI=true`` a Neo4j test that cannot reach its server fails; elsewhere it skips, saying
how to start one. Under pytest-xdist (``scripts/test`` runs ``pytest -n 2 --dist loadfile``)
the first worker uses that server and every other worker starts one of its own in its
temporary folder, so no two tests ever share a database.

Tests marked ``slow`` run with ``--runslow`` (``scripts/test`` passes it) and always under
``CI=true``; a plain ``pytest`` skips them, for the fast local loop (CONTRIBUTING.md).
"""

from __future__ import annotations

import os
import subprocess
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.store import GraphStore
from tests.support import reference
from tests.support.launcher import LAUNCHER, own_home

IN_CI = os.environ.get("CI", "").lower() == "true"
#: the pytest-xdist worker this process is ("gw0", "gw1", …), "" when pytest runs alone
WORKER = os.environ.get("PYTEST_XDIST_WORKER", "")
if WORKER:
    # a worker starts with COLUMNS=80 and LINES=24 that no single pytest process has: rich
    # would fix the CLI's consoles (made at import) at 80 columns, whatever a test asks for
    for name in ("COLUMNS", "LINES"):
        os.environ.pop(name, None)
HOW = "start one with `scripts/neo4j-local start` and export NEO4J_URI, or run `make test`"


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption(
        "--runslow",
        action="store_true",
        default=False,
        help="run the tests marked slow too (always on when CI=true)",
    )


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    _one_id_each(items)
    if IN_CI or config.getoption("--runslow"):
        return
    skip = pytest.mark.skip(reason="slow: run with --runslow (CI always runs it)")
    for item in items:
        if "slow" in item.keywords:
            item.add_marker(skip)


def _one_id_each(items: list[pytest.Item]) -> None:
    """Give each test its own node id. Under pytest 9.2 a ``Function``'s id is its
    ``originalname`` plus its parametrization, and schemathesis 4 makes one item per API
    operation with the operation in the *name* only ("test_x[GET /api/y]") and the bare
    function as ``originalname``: its 44 tests share one id. Such tests get the id their name
    spells (as under pytest 9.1), which is what pytest-xdist hands out and junit reports.
    Tests whose names repeat too keep theirs, and the guard below refuses to distribute them."""
    count = Counter(item.nodeid for item in items)
    for item in items:
        if count[item.nodeid] > 1 and item.parent is not None and "[" in item.name:
            base, _, params = item.name.partition("[")
            node_id = item.parent.id.child(base).with_params(params.removesuffix("]"))
            item._id = node_id


#: pytest-xdist modes that hand out tests by node id (and so run one of tests sharing one)
BY_ID = {"loadfile", "loadscope", "loadgroup"}


@pytest.hookimpl(optionalhook=True)
def pytest_xdist_node_collection_finished(node: object, ids: list[str]) -> None:
    """Refuse a pytest-xdist mode that hands out tests by node id when tests share one: under
    pytest 9.2 the tests schemathesis generates for a function do, and such a mode would run
    one of them while reporting every test passed (the controller sees each worker's ids)."""
    dist = node.config.option.dist  # type: ignore[attr-defined]
    shared = sorted(nodeid for nodeid, n in Counter(ids).items() if n > 1)
    if dist in BY_ID and shared:
        pytest.exit(
            f"--dist {dist} would run one of the tests sharing each node id "
            f"({', '.join(shared[:2])}, …); use --dist load",
            returncode=4,
        )


def _unreachable(reason: str) -> None:
    if IN_CI:
        pytest.fail(f"Neo4j is required in CI and is not reachable: {reason}", pytrace=False)
    pytest.skip(f"no Neo4j server ({reason}); {HOW}")


@pytest.fixture(scope="session")
def neo4j_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, str, str]]:
    """(uri, user, password) of a running Neo4j server: the first (or only) test process's
    is ``NEO4J_URI`` or the launcher's; every other pytest-xdist worker starts one of its
    own, since each test starts from an empty database."""
    if WORKER not in ("", "gw0"):
        yield from _own_server(tmp_path_factory.mktemp("neo4j-home"))
        return
    uri = os.environ.get("NEO4J_URI", "")
    started = False
    if not uri and os.environ.get("CHAINATLAS_TEST_START_NEO4J", "1") == "1":
        running = (
            subprocess.run([LAUNCHER, "status"], capture_output=True, text=True).returncode == 0
        )
        proc = subprocess.run([LAUNCHER, "start"], capture_output=True, text=True, timeout=900)
        if proc.returncode == 0:
            uri = proc.stdout.strip().splitlines()[-1]
            started = not running
        else:
            _unreachable(f"scripts/neo4j-local start failed: {proc.stderr.strip()[-800:]}")
    if not uri:
        _unreachable("NEO4J_URI is not set")
    yield (
        uri,
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", "chainatlas-local"),
    )
    if started and os.environ.get("CHAINATLAS_TEST_KEEP_NEO4J") != "1":
        subprocess.run([LAUNCHER, "stop"], capture_output=True, timeout=120)


def _own_server(home: Path) -> Iterator[tuple[str, str, str]]:
    """A launcher server in ``home`` on a free port, stopped at the end of the session."""
    password = os.environ.get("NEO4J_PASSWORD", "chainatlas-local")
    env = own_home(home, password)
    proc = subprocess.run([LAUNCHER, "start"], env=env, capture_output=True, text=True, timeout=900)
    try:
        if proc.returncode != 0:
            _unreachable(f"{WORKER}: scripts/neo4j-local start failed: {proc.stderr[-800:]}")
        yield (proc.stdout.strip().splitlines()[-1], "neo4j", password)
    finally:
        subprocess.run([LAUNCHER, "stop"], env=env, capture_output=True, timeout=120)


@pytest.fixture(scope="session")
def neo4j_session_store(neo4j_server: tuple[str, str, str]) -> Iterator[Neo4jStore]:
    uri, user, password = neo4j_server
    store = Neo4jStore.connect(
        uri, user, password, database=os.environ.get("NEO4J_DATABASE") or None
    )
    try:
        store.ping()
    except Exception as e:
        store.close()
        _unreachable(f"{uri}: {e}")
    yield store
    store.close()


@pytest.fixture
def neo4j_store(neo4j_session_store: Neo4jStore) -> Neo4jStore:
    """The Neo4j store with an empty database (each test starts clean)."""
    neo4j_session_store.clear()
    return neo4j_session_store


@pytest.fixture
def unkept(neo4j_server: tuple[str, str, str]) -> Iterator[Neo4jStore]:
    """A second Neo4j store on the same server that keeps nothing per version (no hub's keys,
    no product's firms, no search's count: graph/neo4j_hubs.py, graph/neo4j_makers.py,
    graph/neo4j_search.py): every answer from the statements that read all of a hub's edges,
    what a kept answer must equal."""
    other = Neo4jStore.connect(*neo4j_server, database=os.environ.get("NEO4J_DATABASE") or None)
    other.keep_nothing()
    yield other
    other.close()


@pytest.fixture(params=["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def store(request: pytest.FixtureRequest) -> GraphStore:
    """An empty store of each kind: the contract suite runs every test on both."""
    if request.param == "memory":
        return MemoryStore()
    return request.getfixturevalue("neo4j_store")


@pytest.fixture
def ref_store(store: GraphStore) -> GraphStore:
    """A store of each kind holding the reference network of tests/reference.py."""
    store.write_tables(reference.TABLES)
    return store
