"""``/api/changes``: the history, one change set, revert (editor role, 409 with both ids); an
embedded server that sees what a CLI load saved."""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import httpx

from chainatlas.api.app import create_app
from chainatlas.graph.memory import MemoryStore
from chainatlas.loaders import load_bundle
from tests.support.api import TestClient, assert_problem, auth, client, ok, settings
from tests.support.bundles import GOOD

EDITOR, VIEWER = auth("editor"), auth("viewer")


def zipped(folder: Path) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as z:
        for p in sorted(folder.glob("*.csv")):
            z.writestr(p.name, p.read_bytes())
    return buf.getvalue()


def upload(c: TestClient, name: str, data: bytes) -> httpx.Response:
    files = {"file": (name, data, "application/octet-stream")}
    return c.post("/api/bundles", headers=EDITOR, files=files)


def changed(tmp_path: Path) -> Path:
    """The good bundle with E1's PTA to E3 at 13000 t instead of 12000 t."""
    folder = tmp_path / "good2"
    shutil.copytree(GOOD, folder)
    trade = folder / "supplies.csv"
    text = trade.read_text(encoding="utf-8")
    trade.write_text(text.replace("E1,E3,pta,12000", "E1,E3,pta,13000"), encoding="utf-8")
    return folder


def test_history_revert_and_conflict(tmp_path: Path) -> None:
    with client(MemoryStore()) as c:
        first = ok(upload(c, "good.zip", zipped(GOOD)))["change_set"]
        assert (first["id"], first["kind"], first["source"]) == (1, "load", "good")
        assert first["author"].startswith("editor key ") and len(first["sha256"]) == 64
        stats = ok(c.get("/api/stats", headers=VIEWER))
        assert ok(upload(c, "good.zip", zipped(GOOD)))["change_set"] is None  # nothing new
        second = ok(upload(c, "good2.zip", zipped(changed(tmp_path))))["change_set"]
        assert second["counts"] == {
            "supplies": {"added": 0, "changed": 1, "ended": 0, "removed": 0}
        }
        page = ok(c.get("/api/changes", headers=VIEWER, params={"limit": 1}))
        assert (page["total"], [i["id"] for i in page["items"]]) == (2, [2])
        one = ok(c.get("/api/changes/2", headers=VIEWER))
        assert one["facts"] == [
            {
                "table": "supplies",
                "key": ["E1", "E3", "pta"],
                "op": "changed",
                "source_file": "supplies.csv",
                "source_row": 2,
            }
        ]
        assert ok(c.get("/api/changes/1", headers=VIEWER, params={"limit": 2}))["facts_total"] > 2
        assert_problem(c.post("/api/changes/2/revert", headers=VIEWER), 403, "forbidden")
        body = assert_problem(c.post("/api/changes/1/revert", headers=EDITOR), 409, "conflict")
        assert (body["change_set"], body["blocking_change_set"]) == (1, 2)
        reverted = ok(c.post("/api/changes/2/revert", headers=EDITOR))
        assert (reverted["id"], reverted["reverts"]) == (3, 2)
        assert ok(c.get("/api/stats", headers=VIEWER)) == stats
        again = assert_problem(c.post("/api/changes/2/revert", headers=EDITOR), 409, "conflict")
        assert again["blocking_change_set"] == 3
        assert_problem(c.get("/api/changes/9", headers=VIEWER), 404, "unknown-entity")
        assert_problem(c.post("/api/changes/9/revert", headers=EDITOR), 404, "unknown-entity")


def test_a_server_sees_a_graph_another_process_saved(tmp_path: Path) -> None:
    home = tmp_path / "home"
    app = create_app(settings(home=home))
    with TestClient(app, raise_server_exceptions=False) as c:
        demo = ok(c.get("/api/stats", headers=VIEWER))["enterprises"]
        cli = MemoryStore()  # what `chainatlas load` does in its own process
        load_bundle(cli, GOOD, author="cli")
        cli.commit(home / "graph.json")
        assert ok(c.get("/api/stats", headers=VIEWER))["enterprises"] == 7 != demo
        again = MemoryStore.open(home / "graph.json")
        load_bundle(again, changed(tmp_path), author="cli")
        again.commit(home / "graph.json")
        loaded = ok(upload(c, "good.zip", zipped(GOOD)))  # the server starts from change set 2
        assert loaded["persisted"] is True and loaded["change_set"]["id"] == 3
        authors = [i["author"] for i in ok(c.get("/api/changes", headers=VIEWER))["items"]]
        assert authors[1:] == ["cli", "cli"]
    assert MemoryStore.open(home / "graph.json").head() == 3
