"""Damaged and lying files, and a full disk (issue 12, finding 10): each was a 500 or a
traceback; each is now a located message and a clear status or exit code, with nothing written.

- a zip whose member fails its CRC, a zip whose directory understates a member's size (10 MB
  claimed as 1 KB), a workbook with a damaged part: ``corrupt-archive``, 422;
- workbooks with a billion-laughs or an XXE entity: ``xml-dtd``, 422, and the CLI says so;
- a full disk when the embedded store saves: the real ``chainatlas load`` and ``chainatlas
  serve`` run under a file-size limit (``ulimit -f``, with SIGXFSZ ignored, so the write fails
  with EFBIG exactly as with ENOSPC: no root needed for a small tmpfs). The load exits 1 with
  one line; the server answers 507; graph.json is unchanged and no temporary file is left.
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from chainatlas.api.app import create_app
from chainatlas.api.cli.app import app as cli_app
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.settings import get_settings
from tests.support import ROOT, free_port
from tests.support.api import KEY_OF, TestClient, auth, client, reference_store, settings
from tests.support.hostile_files import (
    Entry,
    good_files,
    good_workbook,
    members,
    sheet_names,
    with_dtd,
    write_zip,
    zipped,
)
from tests.support.live import await_health

EDITOR = KEY_OF["editor"]
#: a file-size limit (KB) above the upload and its CSV files, below the saved graph (13 KB)
FSIZE_KB = 8


def _bad_crc() -> bytes:
    files = good_files()
    entries = [
        Entry(n, d, claimed_crc=1 if n == "supplies.csv" else None) for n, d in files.items()
    ]
    return write_zip(entries)


def _lying() -> bytes:
    files: dict[str, bytes] = good_files()
    entries = [Entry(n, d) for n, d in files.items()]
    big = files["chains.csv"] + b"poly2,x,,\n" * 1_000_000  # 10 MB, claimed as 1 KB
    entries.append(Entry("chains2.csv", big, claimed_size=1024))
    return write_zip(entries)


def _book_with_bad_part(base: bytes) -> bytes:
    entries = members(base)
    part = sheet_names(base)["supplies"]
    return write_zip(
        Entry(e.name, e.data, claimed_crc=7 if e.name == part else None) for e in entries
    )


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return good_workbook(tmp_path_factory.mktemp("book"))


@pytest.mark.parametrize(
    ("name", "attack", "code"),
    [
        ("crc.zip", "crc", "corrupt-archive"),
        ("lying.zip", "lying", "corrupt-archive"),
        ("crc.xlsx", "book-crc", "corrupt-archive"),
        ("laughs.xlsx", "laughs", "xml-dtd"),
        ("xxe.xlsx", "xxe", "xml-dtd"),
        ("garbage.xlsx", "garbage", "unreadable"),
        ("garbage.zip", "garbage", "unreadable"),
    ],
)
def test_damaged_and_hostile_files_are_located_422s(
    base: bytes, name: str, attack: str, code: str
) -> None:
    enterprises = sheet_names(base)["enterprises"]
    data = {
        "crc": _bad_crc,
        "lying": _lying,
        "book-crc": lambda: _book_with_bad_part(base),
        "laughs": lambda: with_dtd(base, enterprises, "laughs"),
        "xxe": lambda: with_dtd(base, enterprises, "xxe"),
        "garbage": lambda: b"PK\x03\x04 this is not a zip" * 100,
    }[attack]()
    with client(reference_store()) as c:
        before = c.get("/api/stats", headers=auth("viewer")).json()
        answer = c.post(
            "/api/bundles", headers=auth("editor"), files={"file": (name, data, "application/zip")}
        )
        assert answer.status_code == 422, answer.text
        (issue,) = answer.json()["errors"]
        assert (issue["file"], issue["code"]) == (name, code), issue
        assert c.get("/api/stats", headers=auth("viewer")).json() == before
    if code != "unreadable":
        assert "damaged" in issue["message"] or "DTD" in issue["message"]


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A data directory holding the reference network's graph.json."""
    folder = tmp_path / "home"
    reference_store().save(folder / "graph.json")
    monkeypatch.setenv("CHAINATLAS_HOME", str(folder))
    monkeypatch.setenv("NEO4J_URI", "")
    get_settings.cache_clear()
    yield folder
    get_settings.cache_clear()


@pytest.mark.parametrize("kind", ["laughs", "xxe"])
def test_load_of_an_entity_bomb_says_why_and_writes_nothing(
    home: Path, tmp_path: Path, base: bytes, kind: str
) -> None:
    saved = (home / "graph.json").read_bytes()
    book = tmp_path / "bomb.xlsx"
    book.write_bytes(with_dtd(base, sheet_names(base)["enterprises"], kind))
    result = CliRunner().invoke(cli_app, ["load", str(book)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "bomb.xlsx:*: xl/worksheets/sheet3.xml declares a DTD (<!DOCTYPE> or <!ENTITY>), which "
        "a workbook never needs; refused",
        f"{book}: 1 error(s), 0 warning(s); nothing was written",
    ]
    assert (home / "graph.json").read_bytes() == saved


def _limited(*args: str) -> list[str]:
    """``chainatlas args`` with files limited to FSIZE_KB and SIGXFSZ ignored (EFBIG)."""
    script = f"trap '' XFSZ; ulimit -f {FSIZE_KB}; exec \"$@\""
    return ["bash", "-c", script, "-", sys.executable, "-m", "chainatlas", *args]


def _env(home: Path, **more: str) -> dict[str, str]:
    # COLUMNS: rich would wrap the message at 80 columns
    return {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        "CHAINATLAS_HOME": str(home),
        "NEO4J_URI": "",
        "COLUMNS": "400",
        **more,
    }


def test_a_full_disk_fails_a_load_cleanly(home: Path, tmp_path: Path) -> None:
    saved = (home / "graph.json").read_bytes()
    bundle = tmp_path / "bundle"
    bundle.mkdir()
    for name, data in good_files().items():
        (bundle / name).write_bytes(data)
    run = subprocess.run(
        _limited("load", str(bundle)), env=_env(home), capture_output=True, text=True, timeout=300
    )
    assert run.returncode == 1, run.stderr
    assert run.stderr.strip().splitlines()[-1] == (
        f"error: could not save the graph to {home / 'graph.json'}: File too large; "
        "nothing was written"
    )
    assert "Traceback" not in run.stderr
    assert (home / "graph.json").read_bytes() == saved
    # no temporary file left (graph.json.lock is the store's lock, docs/changes.md)
    assert sorted(p.name for p in home.iterdir()) == ["graph.json", "graph.json.lock"]


def test_a_full_disk_fails_an_upload_cleanly(home: Path) -> None:
    saved = (home / "graph.json").read_bytes()
    port = free_port()
    keys = ",".join(f"{KEY_OF[r]}:{r}" for r in ("viewer", "editor"))
    env = _env(home, CHAINATLAS_API_KEYS=keys)
    server = subprocess.Popen(
        _limited("serve", "--port", str(port)),
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        await_health(base, server, 180)
        with httpx.Client(base_url=base, timeout=120) as c:
            before = c.get("/api/stats", headers={"X-API-Key": KEY_OF["viewer"]}).json()
            answer = c.post(
                "/api/bundles",
                headers={"X-API-Key": EDITOR},
                files={"file": ("good.zip", zipped(good_files()), "application/zip")},
            )
            assert answer.status_code == 507, answer.text
            assert answer.json()["detail"] == (
                "The server could not save the graph (File too large); nothing was written."
            )
            assert c.get("/api/stats", headers={"X-API-Key": KEY_OF["viewer"]}).json() == before
    finally:
        server.terminate()
        _, err = server.communicate(timeout=60)
    assert (home / "graph.json").read_bytes() == saved
    # no temporary file left (graph.json.lock is the store's lock, docs/changes.md)
    assert sorted(p.name for p in home.iterdir()) == ["graph.json", "graph.json.lock"]
    assert MemoryStore.open(home / "graph.json").stats() == reference_store().stats()
    assert b"Traceback" not in err


def test_a_refused_save_is_a_507_in_process(tmp_path: Path) -> None:
    # the same path in this process: a data directory that cannot be created (a file is in
    # the way) fails the save as a full disk does
    blocker = tmp_path / "home"
    blocker.write_text("a file, not a folder")
    with TestClient(create_app(settings(home=blocker / "data"))) as c:
        before = c.get("/api/stats", headers=auth("viewer")).json()
        answer = c.post(
            "/api/bundles",
            headers=auth("editor"),
            files={"file": ("good.zip", zipped(good_files()), "application/zip")},
        )
        assert answer.status_code == 507, answer.text
        assert answer.json()["type"].endswith("/insufficient-storage")
        assert str(blocker) not in answer.text  # the server's paths are its own business
        assert c.get("/api/stats", headers=auth("viewer")).json() == before
