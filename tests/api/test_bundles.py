"""``POST /api/bundles``: a zip of CSVs or one workbook, validated, loaded, saved."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import httpx
import pytest

from chainatlas.api.app import create_app
from chainatlas.api.problems import issue_doc
from chainatlas.api.routers.bundles import SCOPE_PATTERN
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.limits import Limits
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.loaders import check_bundle, read_bundle, write_bundle
from chainatlas.loaders.archive import unpack_csvs
from chainatlas.loaders.diff import parse_scope
from tests.support import TEST_DATA, changes
from tests.support.api import TestClient, assert_problem, auth, client, settings
from tests.support.bundles import to_xlsx

GOOD = TEST_DATA / "good"
EDITOR = auth("editor")
FIRMS = 7


def zipped(folder: Path, *, prefix: str = "", extra: dict[str, bytes] | None = None) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in sorted(folder.glob("*.csv")):
            z.writestr(prefix + p.name, p.read_bytes())
        for name, data in (extra or {}).items():
            z.writestr(name, data)
    return buf.getvalue()


def upload(c: TestClient, name: str, data: bytes, **params: str) -> httpx.Response:
    return c.post(
        "/api/bundles",
        headers=EDITOR,
        params=params,
        files={"file": (name, data, "application/octet-stream")},
    )


def broken(tmp_path: Path) -> Path:
    """The good bundle with a wrong credit-code check character and an unknown product."""
    folder = tmp_path / "broken"
    shutil.copytree(GOOD, folder)
    firms = folder / "enterprises.csv"
    firms.write_text(
        firms.read_text(encoding="utf-8").replace("91330603MA2BD0005E", "91330603MA2BD0005F"),
        encoding="utf-8",
    )
    trade = folder / "supplies.csv"
    trade.write_text(
        trade.read_text(encoding="utf-8") + "E6,E5,indigo,10,t,2020,\n", encoding="utf-8"
    )
    return folder


def test_zip_of_csv_files_is_loaded() -> None:
    with client(MemoryStore()) as c:
        answer = upload(c, "good.zip", zipped(GOOD))
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert (body["bundle"], body["store"], body["dry_run"]) == ("good", "memory", False)
        assert body["counts"]["enterprises"] == FIRMS and body["total"] == sum(
            body["counts"].values()
        )
        assert body["persisted"] is False  # a store handed in is not the data directory's
        assert c.get("/api/stats", headers=EDITOR).json()["enterprises"] == FIRMS


def test_zip_of_a_folder_is_loaded() -> None:
    extra = {"__MACOSX/good/._chains.csv": b"\x00junk", "good/README.txt": b"notes"}
    with client(MemoryStore()) as c:
        answer = upload(c, "good.zip", zipped(GOOD, prefix="good/", extra=extra))
        assert answer.status_code == 200, answer.text
        assert c.get("/api/stats", headers=EDITOR).json()["enterprises"] == FIRMS


def test_workbook_is_loaded(tmp_path: Path) -> None:
    book = to_xlsx(GOOD, tmp_path / "good.xlsx")
    with client(MemoryStore()) as c:
        answer = upload(c, "good.xlsx", book.read_bytes())
        assert answer.status_code == 200, answer.text
        assert answer.json()["counts"]["supplies"] == 5


def test_loading_twice_changes_nothing() -> None:
    with client(MemoryStore()) as c:
        upload(c, "good.zip", zipped(GOOD))
        before = c.get("/api/stats", headers=EDITOR).json()
        assert upload(c, "good.zip", zipped(GOOD)).status_code == 200
        assert c.get("/api/stats", headers=EDITOR).json() == before


def test_dry_run_writes_nothing() -> None:
    with client(MemoryStore()) as c:
        answer = upload(c, "good.zip", zipped(GOOD), dry_run="true")
        assert answer.status_code == 200
        assert answer.json()["dry_run"] is True and answer.json()["counts"]["enterprises"] == FIRMS
        assert c.get("/api/stats", headers=EDITOR).json()["enterprises"] == 0


def test_invalid_bundle_lists_every_issue_and_writes_nothing(tmp_path: Path) -> None:
    folder = broken(tmp_path)
    with client(MemoryStore()) as c:
        answer = upload(c, "broken.zip", zipped(folder))
        body = assert_problem(answer, 422, "bundle-invalid")
        assert body["errors"] == [issue_doc(i) for i in check_bundle(folder)]
        where = {(e["file"], e["row"], e["severity"]) for e in body["errors"]}
        assert {("enterprises.csv", 6, "error"), ("supplies.csv", 7, "error")} <= where
        assert all(e["column"] for e in body["errors"] if e["row"])
        assert c.get("/api/stats", headers=EDITOR).json()["enterprises"] == 0


def test_strict_turns_warnings_into_errors() -> None:
    noisy = zipped(GOOD, extra={"notes.csv": b"a,b\n1,2\n"})  # an unknown table: a warning
    with client(MemoryStore()) as c:
        assert upload(c, "noisy.zip", noisy).json()["warnings"][0]["file"] == "notes.csv"
        assert_problem(upload(c, "noisy.zip", noisy, strict="true"), 422, "bundle-invalid")


def test_not_a_zip_is_an_invalid_bundle() -> None:
    with client(MemoryStore()) as c:
        body = assert_problem(upload(c, "data.zip", b"PK but not really"), 422, "bundle-invalid")
        assert body["errors"][0]["file"] == "data.zip"


def test_other_file_types_are_refused() -> None:
    with client(MemoryStore()) as c:
        assert_problem(upload(c, "data.csv", b"id,name\n"), 415, "unsupported-media-type")


def test_missing_file_is_a_validation_problem() -> None:
    with client(MemoryStore()) as c:
        body = assert_problem(c.post("/api/bundles", headers=EDITOR), 422, "validation")
        assert body["errors"][0]["name"] == "file"


def test_upload_size_is_bounded() -> None:
    with client(MemoryStore(), limits=Limits(upload_bytes=1024)) as c:
        assert_problem(upload(c, "good.zip", zipped(GOOD)), 413, "payload-too-large")


def test_zip_members_cannot_escape(tmp_path: Path) -> None:
    archive = tmp_path / "evil.zip"
    archive.write_bytes(zipped(GOOD, extra={"../../escaped.csv": b"x"}))
    dest = tmp_path / "in" / "bundle"
    dest.mkdir(parents=True)
    unpack_csvs(archive, dest, "evil.zip", Limits())
    assert (dest / "escaped.csv").exists()
    assert not list(tmp_path.glob("escaped.csv")) and not (tmp_path / "in" / "escaped.csv").exists()


def test_embedded_load_is_saved_to_the_data_directory(tmp_path: Path) -> None:
    """With no graph saved yet the server shows the demo; the first load starts from empty
    (not demo + upload), is saved atomically, and is what the server then serves."""
    app = create_app(settings(home=tmp_path))
    with TestClient(app) as c:
        assert app.state.store_holder.stand_in
        demo_firms = c.get("/api/stats", headers=EDITOR).json()["enterprises"]
        assert demo_firms > FIRMS
        answer = upload(c, "good.zip", zipped(GOOD))
        assert answer.json()["persisted"] is True
        assert c.get("/api/stats", headers=EDITOR).json()["enterprises"] == FIRMS
    assert MemoryStore.open(tmp_path / "graph.json").stats()["enterprises"] == FIRMS


def test_embedded_load_adds_to_the_saved_graph(tmp_path: Path) -> None:
    saved = MemoryStore()
    saved.write_tables(
        {
            Table.REGIONS: [{"id": "shangyu", "name": "上虞"}],
            Table.ENTERPRISES: [
                {"id": "X1", "name": "浙江某新材料有限公司", "region_id": "shangyu"}
            ],
        }
    )
    saved.save(tmp_path / "graph.json")
    app = create_app(settings(home=tmp_path))
    with TestClient(app) as c:
        assert not app.state.store_holder.stand_in
        assert upload(c, "good.zip", zipped(GOOD)).status_code == 200
        assert c.get("/api/enterprises/X1", headers=EDITOR).status_code == 200
    assert MemoryStore.open(tmp_path / "graph.json").stats()["enterprises"] == FIRMS + 1


@pytest.mark.neo4j
def test_bundle_is_loaded_into_neo4j(neo4j_store: Neo4jStore) -> None:
    with TestClient(create_app(settings(), neo4j_store)) as c:
        answer = upload(c, "good.zip", zipped(GOOD))
        assert answer.status_code == 200, answer.text
        assert answer.json()["store"] == "neo4j" and answer.json()["persisted"] is True
    assert neo4j_store.stats()["enterprises"] == FIRMS


def post_form(c: TestClient, data: bytes, **fields: str) -> httpx.Response:
    """An upload with ``fields`` as form fields beside the file, as an HTML form sends them."""
    return c.post(
        "/api/bundles",
        headers=EDITOR,
        data=fields,
        files={"file": ("good.zip", data, "application/octet-stream")},
    )


@pytest.mark.parametrize("kind", ["memory", pytest.param("neo4j", marks=pytest.mark.neo4j)])
def test_dry_run_as_a_form_field_writes_nothing(request: pytest.FixtureRequest, kind: str) -> None:
    store = MemoryStore() if kind == "memory" else request.getfixturevalue("neo4j_store")
    with TestClient(create_app(settings(), store)) as c:
        answer = post_form(c, zipped(GOOD), dry_run="true")
        assert answer.status_code == 200, answer.text
        assert answer.json()["dry_run"] is True and answer.json()["persisted"] is False
        assert c.get("/api/stats", headers=EDITOR).json()["enterprises"] == 0
    assert store.stats()["enterprises"] == 0


def test_strict_as_a_form_field_refuses_warnings() -> None:
    noisy = zipped(GOOD, extra={"notes.csv": b"a,b\n1,2\n"})  # an unknown table: a warning
    with client(MemoryStore()) as c:
        assert_problem(post_form(c, noisy, strict="true"), 422, "bundle-invalid")
        assert post_form(c, noisy, dry_run="false").json()["dry_run"] is False  # loads


def test_a_scoped_upload_is_refused_past_its_share_then_forced(tmp_path: Path) -> None:
    cut = changes.truncated(tmp_path / "cut")
    store = MemoryStore()
    write_bundle(store, read_bundle(changes.DEMO))
    with client(store) as c:
        refused = upload(c, "cut.zip", zipped(cut), scope="all")
        assert_problem(refused, 409, "load-refused")
        assert refused.json()["refused"] == {
            "supplies": {"end": 121, "in_force": 221, "share": 0.5475}
        }
        assert c.get("/api/stats", headers=EDITOR).json()["supply_edges"] == 221
        forced = upload(c, "cut.zip", zipped(cut), scope="all", force="true")
        assert forced.status_code == 200, forced.text
        assert (forced.json()["scope"], forced.json()["ended"]) == ("all", {"supplies": 121})
        assert c.get("/api/stats", headers=EDITOR).json()["supply_edges"] == 100
        assert_problem(upload(c, "cut.zip", zipped(cut), scope="town=x"), 422, "validation")


def test_the_documented_scope_pattern_is_what_the_loader_reads() -> None:
    for text in ["all", " all\t", "region=shangyu", " source = 海关 2024 ", "region= x=y", "all\n"]:
        assert re.match(SCOPE_PATTERN, text) and parse_scope(text), text
    for text in ["", "all=", "al", "town=x", "region=", "region= \t", "source=\x1c", "\x1call"]:
        assert not re.match(SCOPE_PATTERN, text), text
        if text != "\x1call":  # refused by the document though Python's strip() would read it
            with pytest.raises(InvalidOption, match="scope"):
                parse_scope(text)
