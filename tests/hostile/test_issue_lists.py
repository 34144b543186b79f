"""Unbounded issue lists (issue 12, finding 3): a bundle of a hundred thousand errors, a valid
bundle of tens of thousands of warnings, a header of a million columns. Reports show the first
1000 errors and 1000 warnings with a count per code of all of them, over HTTP and in the CLI;
the absurd shape is refused before anything else is checked.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app as cli_app
from chainatlas.graph.settings import get_settings
from chainatlas.loaders.codes import credit_code_check_char
from tests.support.api import KEY_OF, KEYS, reference_store
from tests.support.browser import _serve
from tests.support.hostile_files import good_files, heap_peak, polling, upload, zipped

EDITOR, VIEWER = KEY_OF["editor"], KEY_OF["viewer"]
SHOWN = 1000  #: the default of Limits.issues
BAD_ROWS, FIRMS = 5_000, 150  # 10,000 errors; 150·149 = 22,350 trades of 2 warnings each
HEAP_MB, HEALTH_S, BODY_BYTES = 64, 10.0, 1_000_000
serve = contextmanager(_serve)
runner = CliRunner()


def error_files() -> dict[str, bytes]:
    """The good bundle and 5,000 more trades of a key it has, each with a volume that is no
    number: each is a bad-number and a duplicate-key error."""
    files = good_files()
    files["supplies.csv"] += b"E1,E3,pta,lots,t,2018,\n" * BAD_ROWS
    return files


def warning_files() -> dict[str, bytes]:
    """A valid bundle: the good one, 150 more firms and every trade of pta between them, none
    of which makes or needs it (supplier-not-producer, buyer-not-needing)."""
    files = good_files()
    ids = [f"F{i:04d}" for i in range(FIRMS)]
    codes = [f"91330211MA2GX{i:04d}" for i in range(FIRMS)]
    firms = "".join(
        f"{f},测试{f}化工有限公司,,,{c}{credit_code_check_char(c)},ningbo,,poly,上游,,,,,,,\n"
        for f, c in zip(ids, codes, strict=True)
    )
    files["enterprises.csv"] += firms.encode()
    trades = "".join(f"{a},{b},pta,1,t,2020,\n" for a in ids for b in ids if a != b)
    files["supplies.csv"] += trades.encode()
    return files


def wide_file() -> dict[str, bytes]:
    """The good bundle whose chains.csv header has a million more columns (2 MB)."""
    files = good_files()
    head, _, rest = files["chains.csv"].partition(b"\n")
    files["chains.csv"] = head + b",x" * 1_000_000 + b"\n" + rest
    return files


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    with serve(reference_store(), api_keys=KEYS) as app:
        yield app.base


def _stats(base: str) -> object:
    return httpx.get(base + "/api/stats", headers={"X-API-Key": VIEWER}).json()


def test_an_upload_of_many_errors_shows_the_first_and_counts_all(served: str) -> None:
    data, before = zipped(error_files()), _stats(served)
    with polling(served) as polls, heap_peak() as peak:
        answer = upload(served, "errors.zip", data, EDITOR)
    assert answer.status_code == 422, answer.text[:500]
    assert len(answer.content) < BODY_BYTES
    body = answer.json()
    assert body["counts"] == {"bad-number": BAD_ROWS, "duplicate-key": BAD_ROWS}
    assert body["total"] == 2 * BAD_ROWS and len(body["errors"]) == SHOWN
    first = len(good_files()["supplies.csv"].splitlines()) + 1  # the first row added
    assert [(e["row"], e["column"], e["code"]) for e in body["errors"][:3]] == [
        (first, "supplier_id", "duplicate-key"),
        (first, "volume", "bad-number"),
        (first + 1, "supplier_id", "duplicate-key"),
    ]
    assert peak[0] < HEAP_MB, peak
    polls.assert_answered(within=HEALTH_S)
    assert _stats(served) == before


def test_a_valid_upload_of_many_warnings_answers_a_small_body(served: str) -> None:
    trades = FIRMS * (FIRMS - 1)
    with polling(served) as polls, heap_peak() as peak:
        answer = upload(served, "warned.zip", zipped(warning_files()), EDITOR, dry_run="true")
    assert answer.status_code == 200, answer.text[:500]
    assert len(answer.content) < BODY_BYTES
    body = answer.json()
    assert body["warning_counts"] == {"buyer-not-needing": trades, "supplier-not-producer": trades}
    assert len(body["warnings"]) == SHOWN
    assert peak[0] < HEAP_MB, peak
    polls.assert_answered(within=HEALTH_S)


def test_a_million_columns_are_refused_before_anything_else(served: str) -> None:
    before = _stats(served)
    start = time.monotonic()
    answer = upload(served, "wide.zip", zipped(wide_file()), EDITOR)
    assert answer.status_code == 413, answer.text[:500]
    assert len(answer.content) < 5000 and time.monotonic() - start < 30
    (issue,) = answer.json()["errors"]
    assert (issue["file"], issue["row"], issue["code"]) == ("chains.csv", 1, "too-wide")
    assert _stats(served) == before


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    monkeypatch.setenv("CHAINATLAS_HOME", str(tmp_path / "home"))
    monkeypatch.setenv("NEO4J_URI", "")
    get_settings.cache_clear()
    yield get_settings().graph_file
    get_settings.cache_clear()


def _folder(tmp: Path, files: dict[str, bytes]) -> Path:
    folder = tmp / "bundle"
    folder.mkdir()
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def test_check_prints_the_first_errors_and_counts_the_rest(home: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path, error_files())
    with heap_peak() as peak:
        result = runner.invoke(cli_app, ["check", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == SHOWN + 2
    assert lines[-2] == (
        f"… {2 * BAD_ROWS - SHOWN} more issue(s) not shown; "
        f"by code: bad-number {BAD_ROWS}, duplicate-key {BAD_ROWS}"
    )
    assert lines[-1] == f"{folder}: {2 * BAD_ROWS} error(s), 0 warning(s); bundle is invalid"
    assert peak[0] < 400, peak  # the rows are read here, in the process; the issues are not kept
    assert not home.exists()


def test_load_refuses_a_million_columns_in_one_line(home: Path, tmp_path: Path) -> None:
    folder = _folder(tmp_path, wide_file())
    result = runner.invoke(cli_app, ["load", str(folder)])
    assert result.exit_code == 1
    assert result.stderr.splitlines() == [
        "chains.csv:1:*: 1000004 fields; a file may be at most 256 columns wide; refused",
        f"{folder}: 1 error(s), 0 warning(s); nothing was written",
    ]
    assert not home.exists()
