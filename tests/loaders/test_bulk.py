"""The bulk path (``chainatlas load --bulk`` + ``scripts/neo4j-local import``) gives the graph a
normal load gives: the demo imported into a throwaway server of its own (one start, shared by
the module) against the demo loaded into the test server, answer for answer."""

from __future__ import annotations

import contextlib
import csv
import io
import json
import subprocess
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.asof import Span
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.limits import DEFAULT_LIMITS
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import EDGE_TABLES, NODE_TABLES, Label, Row, Table, row_key
from chainatlas.graph.neo4j_bulk import write_import_files
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.revert import revert
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import Change, load_bundle, read_bundle, write_bundle
from chainatlas.loaders.bulk import bulk_files, require_empty
from chainatlas.loaders.bundle import Bundle
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.receipt import load_key, recall
from chainatlas.loaders.source import bundle_sha256
from tests.support import reference
from tests.support.launcher import LAUNCHER, own_home

PASSWORD = "chainatlas-local"
#: who loads the demo, both ways
CHANGE = Change("bulk-test", "demo", "0" * 64)


@pytest.fixture(scope="module")
def bulk_home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The launcher's home of the bulk-imported server."""
    return tmp_path_factory.mktemp("bulk-home")


@contextlib.contextmanager
def imported(folder: Path, home: Path) -> Iterator[Neo4jStore]:
    """A launcher server of its own at ``home`` whose database is the import files in
    ``folder`` (``scripts/neo4j-local import``), stopped whatever fails after the import."""
    env = own_home(home, PASSWORD)
    launch = [str(LAUNCHER), "import", str(folder)]
    run = subprocess.run(launch, env=env, capture_output=True, text=True, timeout=900)
    try:  # the import started a server: it is stopped whatever fails after
        assert run.returncode == 0, run.stderr[-2000:]
        uri = run.stdout.strip().splitlines()[-1]
        store = Neo4jStore.connect(uri, "neo4j", PASSWORD)
        try:
            yield store
        finally:
            store.close()
    finally:
        subprocess.run([LAUNCHER, "stop"], env=env, capture_output=True, timeout=120)


@pytest.fixture(scope="module")
def bulk_store(
    tmp_path_factory: pytest.TempPathFactory, bulk_home: Path, neo4j_server: tuple[str, str, str]
) -> Iterator[Neo4jStore]:
    """A fresh server whose database is the demo, bulk-imported before its first start; its
    files written by two processes, as a province's are (one process writes the same files:
    tests/loaders/test_bulk_parallel.py)."""
    folder = tmp_path_factory.mktemp("bulk-files") / "files"
    demo = read_bundle(demo_bundle_path())
    bulk_files(demo, folder, change=CHANGE, receipt_key=_demo_key(), parallel_from=0)
    with imported(folder, bulk_home) as store:
        yield store


@pytest.fixture(scope="module")
def loaded_store(bulk_store: Neo4jStore, neo4j_session_store: Neo4jStore) -> Neo4jStore:
    """The test server with the demo loaded the normal way."""
    neo4j_session_store.clear()
    write_bundle(neo4j_session_store, read_bundle(demo_bundle_path()), change=CHANGE)
    return neo4j_session_store


def _demo_key() -> Row:
    path = demo_bundle_path()
    return load_key(
        path, sha256=bundle_sha256(path), scope=None, strict=False, limits=DEFAULT_LIMITS
    )


def _everything(store: Neo4jStore) -> dict[str, Any]:
    out: dict[str, Any] = {"stats": store.stats()}
    for label in NODE_TABLES.values():
        out[label.value] = store.nodes(label)
    for rel, _, _ in EDGE_TABLES.values():
        out[rel.value] = store.edges(rel)
    for label in (Label.ENTERPRISE, Label.PRODUCT):
        out[f"{label.value} neighbours"] = [
            store.neighbours(label, n["id"]) for n in out[label.value]
        ]
    out["search"] = [store.search_candidates(q) for q in ("新材", "fu", "E0001", "氟")]
    return out


def _history(store: Neo4jStore) -> dict[str, Any]:
    """What the change sets say: the head, the records (but when), the entries, and every
    fact with its stamps, read the way history and revert read them."""
    out: dict[str, Any] = {"head": store.head()}
    out["records"] = [{k: v for k, v in r.items() if k != "at"} for r in store.change_sets()]
    out["entries"] = [store.change_entries(r["id"]) for r in store.change_sets()]
    for table in Table:
        stamped = store.stamped_rows(table, 1)
        out[table.value] = sorted(stamped, key=lambda r: repr(row_key(table, r)))
        keys = [row_key(table, r) for r in stamped]
        out[f"{table.value} facts"] = len(store.fact_rows(table, keys))
    return out


def _schema(store: Neo4jStore) -> list[tuple[Any, ...]]:
    records, _, _ = store.driver.execute_query(
        "SHOW INDEXES YIELD name, type, entityType, labelsOrTypes, properties, state, "
        "owningConstraint RETURN * ORDER BY name"
    )
    return [tuple(r.values()) for r in records]


@pytest.mark.neo4j
@pytest.mark.slow
def test_bulk_import_answers_as_a_normal_load(
    bulk_store: Neo4jStore, loaded_store: Neo4jStore
) -> None:
    bulk, normal = _everything(bulk_store), _everything(loaded_store)
    assert bulk["stats"]["enterprises"] == 155
    for key in normal:
        assert bulk[key] == normal[key], key
    assert _schema(bulk_store) == _schema(loaded_store)
    assert bulk_store.version() != "0"
    # the import keeps the span a load narrows the graph's to: the demo's facts all hold
    # from 2024 on (graph/neo4j_span.py)
    days = ["2023-12-31", "2024-01-01", date.today().isoformat()]
    assert [bulk_store.read_day(d) for d in days] == ["2023-12-31", None, None]
    assert [loaded_store.read_day(d) for d in days] == ["2023-12-31", None, None]


@pytest.mark.neo4j
@pytest.mark.slow
def test_bulk_import_is_change_set_1_as_a_normal_load(
    bulk_store: Neo4jStore, loaded_store: Neo4jStore
) -> None:
    bulk, normal = _history(bulk_store), _history(loaded_store)
    assert bulk["head"] == 1 and bulk["records"][0]["author"] == "bulk-test"
    assert bulk["records"][0]["counts"]["supplies"]["added"] == len(bulk["supplies"]) > 200
    for key in normal:
        assert bulk[key] == normal[key], key
    # a repeated load finds every digest held: no change set, nothing written
    version = bulk_store.version()
    again = write_bundle(bulk_store, read_bundle(demo_bundle_path()), change=CHANGE)
    assert again.change_set is None and bulk_store.version() == version
    # and the import's receipt answers it without reading the bundle, as that load reported
    recalled = load_bundle(bulk_store, demo_bundle_path())
    assert recalled.recalled and bulk_store.version() == version
    assert {**recalled.to_dict(), "recalled": False} == again.to_dict()
    # and change set 1 reverts like any other: the graph empties, and comes back
    answers = _everything(bulk_store)
    undo = revert(bulk_store, 1, author="bulk-test")
    assert bulk_store.stats()["enterprises"] == 0
    revert(bulk_store, undo["id"], author="bulk-test")
    assert _everything(bulk_store) == answers
    assert recall(bulk_store, _demo_key(), date.today()) is None  # written since


@pytest.mark.neo4j
@pytest.mark.slow
def test_load_csv_reads_only_the_import_folder(bulk_store: Neo4jStore, bulk_home: Path) -> None:
    # the launcher confines LOAD CSV: file:/// URLs resolve inside <home>/import, so a file
    # elsewhere on the machine (here: the demo's chains.csv, which the server could read) is
    # not found, and the same file copied into the folder is
    count = "LOAD CSV WITH HEADERS FROM $url AS row RETURN count(row) AS n"
    outside = (demo_bundle_path() / "chains.csv").resolve()
    with pytest.raises(Exception, match="Couldn't load the external resource"):
        bulk_store.driver.execute_query(count, url=outside.as_uri())
    (bulk_home / "import" / "chains.csv").write_bytes(outside.read_bytes())
    records, _, _ = bulk_store.driver.execute_query(count, url="file:///chains.csv")
    assert records[0]["n"] == len(read_bundle(demo_bundle_path()).tables[Table.CHAINS])


@pytest.mark.neo4j
def test_bulk_needs_an_empty_neo4j_database(neo4j_store: Neo4jStore) -> None:
    require_empty(neo4j_store)  # empty: fine
    write_bundle(neo4j_store, read_bundle(demo_bundle_path()))
    with pytest.raises(InvalidOption, match="empty database"):
        require_empty(neo4j_store)
    store: GraphStore = MemoryStore()
    with pytest.raises(InvalidOption, match="NEO4J_URI"):
        require_empty(store)


@pytest.mark.parametrize(
    ("spec", "why"),
    [
        (None, "is not a folder"),
        ("", "holds no import.json"),
        ('{"ar', "is not JSON"),
        ('{"args": []}', "no list of importer arguments"),
        ('["--nodes=x.csv"]', "no list of importer arguments"),
    ],
)
def test_the_launcher_refuses_a_folder_it_cannot_import(
    tmp_path: Path, spec: str | None, why: str
) -> None:
    """One line and exit 2, before the server is touched: no traceback, nothing stopped."""
    folder = tmp_path / "bulk"
    if spec is not None:
        folder.mkdir()
        if spec:
            (folder / "import.json").write_text(spec)
    home = tmp_path / "home"
    home.mkdir()
    env = own_home(home, PASSWORD)
    run = subprocess.run(
        [str(LAUNCHER), "import", str(folder)], env=env, capture_output=True, text=True
    )
    assert run.returncode == 2
    (line,) = run.stderr.splitlines()
    assert line.startswith(f"neo4j-local: import: {folder}") and why in line
    assert not (home / "data").exists() and not (home / "logs").exists()


def test_import_files_keep_the_span_of_their_rows(tmp_path: Path) -> None:
    # the latest start a firm's (it joined the cluster after every fact began), the earliest
    # end a firm's too (it closes in 2030): what the embedded store's span of the same is
    firms = [
        {**reference.ENTERPRISES[0], "joined": "2026-05-01"},
        {**reference.ENTERPRISES[1], "closed": 2030},
        *reference.ENTERPRISES[2:],
    ]
    tables = {**reference.TABLES, Table.ENTERPRISES: firms}
    bulk_files(Bundle("spans", tables, []), tmp_path / "files", change=CHANGE, parallel_from=None)
    with (tmp_path / "files" / "node-GraphVersion-0.csv").open(encoding="utf-8") as f:
        (row,) = csv.DictReader(f)
    kept = (row["span_known:boolean"], row["span_start:string"], row["span_end:string"])
    assert kept == ("true", "2026-05-01", "2030")
    memory = MemoryStore()
    memory.write_tables(tables)
    assert memory.span == Span("2026-05-01", "2030")


def test_import_files_type_each_group_of_rows(tmp_path: Path) -> None:
    # a column typed two ways (a year, a date) and a list: two files with their own headers
    rows: list[Row] = [
        {"id": "a", "since": 2020, "tags": ["x", "y"], "ok": True, "share": 0.5},
        {"id": "b", "since": "2021-03-01", "tags": [], "ok": None},
    ]
    files = write_import_files({NODE_TABLES_INV["Chain"]: rows}, tmp_path / "f")
    heads = sorted(p.read_text().splitlines()[0] for p in (tmp_path / "f").glob("chains-*.csv"))
    assert heads == [
        "id:ID(Chain),since:long,tags:string[],ok:boolean,share:double",
        "id:ID(Chain),since:string",  # an empty list is left out, as None is
    ]
    assert files.counts["Chain"] == 2
    doc = json.loads(files.save().read_text())
    assert doc["args"][-1] == "neo4j" and "--id-type=string" in doc["args"]


def test_import_files_refuse_what_the_importer_would_split(tmp_path: Path) -> None:
    with pytest.raises(InvalidOption, match="cannot be imported"):
        write_import_files({NODE_TABLES_INV["Chain"]: [{"id": "a", "tags": ["x\x1fy"]}]}, tmp_path)
    for i, value in enumerate(("", "ends in a backslash\\", ["a\\"])):  # as escaped quotes
        rows = {NODE_TABLES_INV["Chain"]: [{"id": "a", "name": value}]}
        with pytest.raises(InvalidOption, match="cannot be imported"):
            write_import_files(rows, tmp_path / f"q{i}")
    with pytest.raises(InvalidOption, match="not empty"):
        write_import_files({}, tmp_path)
    with pytest.raises(InvalidOption, match="cannot be imported"):
        write_import_files({NODE_TABLES_INV["Chain"]: [{"id": "a", "x": {}}]}, tmp_path / "g")


NODE_TABLES_INV = {label.value: table for table, label in NODE_TABLES.items()}


def test_import_files_end_records_with_a_line_feed_only(tmp_path: Path) -> None:
    """No CR anywhere (the importer's multi-line reader refuses one where it cuts a file: see
    the test below), and a search text spanning lines keeps its line feeds in its cell."""
    bulk_files(read_bundle(demo_bundle_path()), tmp_path / "f", change=Change("t", "demo", None))
    files = sorted((tmp_path / "f").glob("*.csv"))
    assert files and not [p.name for p in files if b"\r" in p.read_bytes()]
    firms = sorted((tmp_path / "f").glob("enterprises-*.csv"))
    texts = [p.read_text(encoding="utf-8") for p in firms]
    records = sum(len(list(csv.reader(io.StringIO(t)))) - 1 for t in texts)
    assert records == 155 < sum(t.count("\n") for t in texts) - len(texts)


@pytest.mark.slow
def test_the_importer_reads_files_it_cuts_into_chunks(
    tmp_path: Path, neo4j_server: tuple[str, str, str]
) -> None:
    """The importer's multi-line reader cuts a file of over 4 MB into chunks and finds each
    record's start by reading back from the cut: with every cell quoted and CRLF endings it
    refused the files of any bundle over ~10,000 firms ("Weird input data"), which the demo's
    small files never showed. 30,000 rows with text over several lines (commas, quotes, an
    empty list on some) make a file several chunks long; the launcher imports every row."""
    n = 30_000
    rows: list[Row] = [
        {
            "id": f"c{i:05d}",
            "name": f'链 "{i}", 第{i % 7}段',
            "search_text": "\n".join([f"c{i:05d}", f"链 {i}, 第{i % 7}段", "lian " * 40, "l" * 60]),
            "tags": [] if i % 3 else ["甲", "乙"],
        }
        for i in range(n)
    ]
    files = write_import_files({NODE_TABLES_INV["Chain"]: rows}, tmp_path / "files")
    files.save()
    big = max(len(p.read_text(encoding="utf-8")) for p in files.folder.glob("chains-*.csv"))
    assert big > 4 * 1024 * 1024  # over one of the reader's chunks: the case this is about
    home = tmp_path / "home"
    home.mkdir()
    with imported(files.folder, home) as store:
        # these files carry no schema statements (bulk_files' do): without the id constraint
        # each of the 30,000 ids read is a scan of every chain (2,000 took 26 s, and the read
        # went over the server's 120 s transaction bound on a slow machine)
        store.ensure_schema()
        chains = {c["id"]: c for c in store.nodes(Label.CHAIN)}
    assert len(chains) == n
    assert chains["c00004"]["search_text"] == rows[4]["search_text"]
    assert chains["c00003"]["tags"] == ["甲", "乙"] and chains["c00003"]["name"] == rows[3]["name"]


def test_a_list_of_any_kind_is_one_array_cell() -> None:
    from chainatlas.graph.neo4j_bulk import ARRAY_DELIMITER, _cell

    class Tags(list[str]):
        pass

    assert _cell("tags", Tags(["专精特新", "规上企业"])) == ARRAY_DELIMITER.join(
        ["专精特新", "规上企业"]
    )
    with pytest.raises(InvalidOption, match="only lists of text"):
        _cell("tags", [1])
