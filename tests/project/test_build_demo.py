"""scripts/build_demo.py: data/demo is exactly what data/catalogue builds, and --check says so
(exit 0) or names the file and line that differ (exit 1).

The two tests of --check itself run the builder as a subprocess with this interpreter (the
project's venv), as a person or CI would; the others call its ``main`` in this process, which
is faster by the ~3 s the import of ``chainatlas`` costs a fresh interpreter.
"""

from __future__ import annotations

import csv
import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path
from types import ModuleType

import pytest

from tests.support import ROOT

BUILDER = ROOT / "scripts" / "build_demo.py"
CATALOGUE = ROOT / "data" / "catalogue"
DEMO = ROOT / "data" / "demo"


def build(*args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(BUILDER), *map(str, args)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )


@pytest.fixture(scope="module")
def builder() -> ModuleType:
    spec = importlib.util.spec_from_file_location("build_demo", BUILDER)
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def run(
    builder: ModuleType, capsys: pytest.CaptureFixture[str], *args: str | Path
) -> tuple[int, str]:
    """Exit status and output of ``build_demo.py *args``, run in this process."""
    code = builder.main([str(a) for a in args])
    return code, capsys.readouterr().out


def edit_cell(path: Path, key: str, column: str, value: str) -> str:
    """Set ``column`` of the row whose first cell is ``key``; returns the old value."""
    with path.open(encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    col = rows[0].index(column)
    (row,) = [r for r in rows[1:] if r[0] == key]
    old, row[col] = row[col], value
    with path.open("w", encoding="utf-8", newline="") as f:
        csv.writer(f, lineterminator="\n").writerows(rows)
    return old


def test_check_passes_on_the_shipped_demo() -> None:
    proc = build("--check")
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "all checks passed" in proc.stdout


def test_check_names_the_file_a_changed_catalogue_cell_changes(tmp_path: Path) -> None:
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    old = edit_cell(catalogue / "products.csv", "pta", "name_en", "Terephthalic acid, purified")
    assert old == "Purified terephthalic acid (PTA)"
    proc = build("--check", "--catalogue", catalogue)
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert f"--- {DEMO / 'products.csv'}" in proc.stdout
    assert '+pta,精对苯二甲酸,"Terephthalic acid, purified"' in proc.stdout
    assert "enterprises.csv" not in proc.stdout  # nothing else depends on that cell


def test_check_names_a_bundle_file_edited_by_hand(
    builder: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    edit_cell(demo / "regions.csv", "keqiao", "name_en", "Ke Qiao")
    code, out = run(builder, capsys, "--check", "--out", demo)
    assert code == 1
    assert "regions.csv" in out and "-keqiao,柯桥,Ke Qiao" in out and "+keqiao,柯桥,Keqiao" in out


def test_check_reports_a_missing_file(
    builder: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    demo = tmp_path / "demo"
    shutil.copytree(DEMO, demo)
    (demo / "needs.csv").unlink()
    code, out = run(builder, capsys, "--check", "--out", demo)
    assert code == 1 and "needs.csv" in out


def test_build_writes_the_shipped_demo_byte_for_byte(
    builder: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    out = tmp_path / "demo"
    code, printed = run(builder, capsys, "--out", out)
    assert code == 0, printed
    shipped = sorted(p.name for p in DEMO.glob("*.csv"))
    assert sorted(p.name for p in out.iterdir()) == shipped
    assert [n for n in shipped if (out / n).read_bytes() != (DEMO / n).read_bytes()] == []


def test_build_fails_when_the_figures_move(
    builder: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """A catalogue that builds a valid bundle with other seed figures is refused."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    edit_cell(catalogue / "products.csv", "naphtha", "supplied", "否")
    code, out = run(builder, capsys, "--catalogue", catalogue, "--out", tmp_path / "demo")
    assert code == 1 and "supplied products: 55, expected 56" in out


def test_build_fails_on_an_invalid_bundle(
    builder: ModuleType, capsys: pytest.CaptureFixture[str], tmp_path: Path
) -> None:
    """The loaders' strict validation runs on what was written (a CAS check digit here)."""
    catalogue = tmp_path / "catalogue"
    shutil.copytree(CATALOGUE, catalogue)
    edit_cell(catalogue / "products.csv", "pta", "cas", "100-21-1")
    code, out = run(builder, capsys, "--catalogue", catalogue, "--out", tmp_path / "demo")
    assert code == 1 and "products.csv" in out and "100-21-1" in out


@pytest.mark.parametrize("name", sorted(p.name for p in CATALOGUE.glob("*.csv")))
def test_catalogue_files_are_plain_utf8_csv(name: str) -> None:
    raw = (CATALOGUE / name).read_bytes()
    assert not raw.startswith(b"\xef\xbb\xbf") and b"\r\n" not in raw
    rows = list(csv.reader(raw.decode("utf-8").splitlines()))
    assert len(rows) > 1 and all(len(r) == len(rows[0]) for r in rows)


def test_every_firm_has_its_own_trade_name() -> None:
    with (CATALOGUE / "firms.csv").open(encoding="utf-8", newline="") as f:
        cores = [r["core"] for r in csv.DictReader(f)]
    assert len(cores) == 155 and len(set(cores)) == len(cores)
