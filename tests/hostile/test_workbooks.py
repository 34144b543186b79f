"""Workbook bombs (issue 12, finding 1) against the real app on a port and the real CLI.

Each workbook is built here from the good test bundle: a sheet that claims the whole grid
(openpyxl's row reader padded it to 17 billion cells), a value in the last column, a
shared-strings table of 17 million entries (305 MB from 0.7 MB), more cells than the cap. The
served app must answer each at once with a located 413 (or, for the claimed size, load the
bundle as it really is), keep its own memory flat, leave the graph as it was, and keep
answering its other routes meanwhile.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from chainatlas.graph.limits import Limits
from chainatlas.loaders import check_bundle
from tests.support.api import KEY_OF, KEYS, reference_store
from tests.support.browser import _serve
from tests.support.hostile_files import (
    Entry,
    cli,
    dimension_bomb,
    giant_cell,
    good_workbook,
    heap_peak,
    inline_row,
    polling,
    replaced,
    run_bounded,
    shared_strings_bomb,
    sheet_names,
    sheet_xml,
    upload,
    wide_row_bomb,
)

EDITOR, VIEWER = KEY_OF["editor"], KEY_OF["viewer"]
#: far above what any of these needs now, far below what they took before the fix (a health
#: check may take seconds on a loaded 2-core CI machine; it stalled for 27 s before)
HEAP_MB, SECONDS, HEALTH_S = 64, 60, 10.0
serve = contextmanager(_serve)


@pytest.fixture(scope="module")
def base(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    return good_workbook(tmp_path_factory.mktemp("book"))


@pytest.fixture(scope="module")
def parts(base: bytes) -> dict[str, str]:
    return sheet_names(base)


@pytest.fixture(scope="module")
def dim_bomb(base: bytes, parts: dict[str, str]) -> bytes:
    return dimension_bomb(base, parts["chains"], {"A": "far", "B": "远链"})


@pytest.fixture(scope="module")
def giant(base: bytes, parts: dict[str, str]) -> bytes:
    """One cell of 150 MB (0.16 MB packed): within the unpacked size, beyond a small worker."""
    return giant_cell(base, parts["chains"], 150)


@pytest.fixture(scope="module")
def served() -> Iterator[str]:
    """The app on a port, serving the reference network (a cap of 2000 cells)."""
    with serve(reference_store(), api_keys=KEYS, limits=Limits(cells=2000)) as app:
        yield app.base


def _stats(base: str) -> object:
    import httpx

    return httpx.get(base + "/api/stats", headers={"X-API-Key": VIEWER}).json()


def test_a_claimed_dimension_is_ignored(dim_bomb: bytes, tmp_path: Path) -> None:
    path = tmp_path / "claims.xlsx"
    path.write_bytes(dim_bomb)
    start = time.monotonic()
    with heap_peak() as peak:
        issues = check_bundle(path)
    assert (list(issues), issues.total) == ([], 0)  # valid: the far row is one more chain
    assert time.monotonic() - start < SECONDS and peak[0] < HEAP_MB, peak


def test_check_on_a_claimed_dimension_is_quick_and_small(dim_bomb: bytes, tmp_path: Path) -> None:
    # before: 25 s and 2.8 GB; now the real command in 1 GB of address space
    path = tmp_path / "claims.xlsx"
    path.write_bytes(dim_bomb)
    run = run_bounded(cli("check", str(path)), memory_mb=1024, seconds=120)
    assert run.code == 0, run.stderr
    assert run.stderr.strip().endswith("0 error(s), 0 warning(s); ok")
    assert run.seconds < 90 and run.peak_mb < 900, run  # under coverage too


def test_upload_of_a_claimed_dimension_loads_what_is_there(dim_bomb: bytes) -> None:
    with serve(reference_store(), api_keys=KEYS) as app:
        with polling(app.base) as polls, heap_peak() as peak:
            answer = upload(app.base, "claims.xlsx", dim_bomb, EDITOR, dry_run="true")
        assert answer.status_code == 200, answer.text
        assert answer.json()["counts"]["chains"] == 3  # two in the bundle, and the far one
        polls.assert_answered(within=HEALTH_S, at_least=1)
        assert peak[0] < HEAP_MB, peak


def _cells(base: bytes, part: str, n: int) -> bytes:
    # a sheet of n one-cell rows under an id header: n + 1 cells
    rows = [inline_row(1, {"A1": "id"})] + [inline_row(r, {f"A{r}": f"x{r}"}) for r in range(2, n)]
    return replaced(base, **{part.replace("/", "__"): Entry(part, b"".join(sheet_xml(rows)))})


@pytest.mark.parametrize(
    ("attack", "code"),
    [("wide", "too-wide"), ("strings", "too-large"), ("cells", "too-many-cells")],
)
def test_workbook_bombs_are_refused_at_once(
    served: str, base: bytes, parts: dict[str, str], attack: str, code: str
) -> None:
    data = {
        "wide": lambda: wide_row_bomb(base, parts["enterprises"]),
        "strings": lambda: shared_strings_bomb(base, 18_000_000),  # 324 MB unpacked
        "cells": lambda: _cells(base, parts["supplies"], 2500),
    }[attack]()
    before = _stats(served)
    start = time.monotonic()
    with polling(served) as polls, heap_peak() as peak:
        answer = upload(served, "bomb.xlsx", data, EDITOR)
    assert answer.status_code == 413, answer.text
    body = answer.json()
    assert body["type"].endswith("/payload-too-large") and body["counts"] == {code: 1}
    (issue,) = body["errors"]
    assert issue["file"].startswith("bomb.xlsx") and issue["code"] == code
    assert time.monotonic() - start < SECONDS and peak[0] < HEAP_MB, peak
    polls.assert_answered(within=HEALTH_S, at_least=1)
    assert _stats(served) == before


@pytest.mark.parametrize(
    ("limit", "why"),
    [
        (Limits(worker_memory_mb=400), "needed more than 400 MB of memory"),
        (Limits(worker_seconds=1), "took longer than 1 s"),
    ],
)
def test_a_worker_that_needs_too_much_is_stopped(giant: bytes, limit: Limits, why: str) -> None:
    data = giant
    with serve(reference_store(), api_keys=KEYS, limits=limit) as app:
        before = _stats(app.base)
        with polling(app.base) as polls, heap_peak() as peak:
            answer = upload(app.base, "cell.xlsx", data, EDITOR)
        assert answer.status_code == 413, answer.text
        (issue,) = answer.json()["errors"]
        assert issue["code"] == "too-costly" and why in issue["message"]
        assert peak[0] < HEAP_MB, peak
        polls.assert_answered(within=HEALTH_S)
        assert _stats(app.base) == before
