"""Control characters (issue 12, finding 5): a NUL or an ESC in a name is refused with its
file, row and column, by the CLI and the API, and nothing is written; a graph that already
holds one (written before this rule) still exports GraphML and GEXF that parse.
"""

from __future__ import annotations

import io
import shutil
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from typer.testing import CliRunner

from chainatlas.api.cli.app import app as cli_app
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.queries import export_graph
from chainatlas.graph.store import GraphStore
from tests.support.api import auth, client, reference_tables
from tests.support.hostile_files import GOOD, good_files, zipped

NUL_NAME = "宁波乙化\x00工有限公司"
EXPECTED = [
    "enterprises.csv:3:企业名称: contains the control character U+0000 (NUL) at character 5; "
    "remove it",
    "products.csv:1:B: contains the control character U+001B (ESC) at character 5; remove it",
]


def hostile_files() -> dict[str, bytes]:
    """The good bundle with a NUL inside the second firm's name (row 3) and an ESC in the
    header of the products' name column."""
    files = good_files()
    firms = files["enterprises.csv"].decode("utf-8").splitlines(keepends=True)
    firms[2] = firms[2].replace("宁波乙化工有限公司", NUL_NAME)
    files["enterprises.csv"] = "".join(firms).encode("utf-8")
    head, _, rest = files["products.csv"].partition(b"\n")
    files["products.csv"] = head.replace(b",name,", b",name\x1b,") + b"\n" + rest
    return files


def test_check_locates_every_control_character(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    folder.mkdir()
    for name, data in hostile_files().items():
        (folder / name).write_bytes(data)
    result = CliRunner().invoke(cli_app, ["check", str(folder)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert EXPECTED[0] in lines and EXPECTED[1] in lines, lines


def test_an_upload_with_a_nul_writes_nothing(tmp_path: Path) -> None:
    store = MemoryStore()
    with client(store, home=tmp_path) as c:
        answer = c.post(
            "/api/bundles",
            headers=auth("editor"),
            files={"file": ("nul.zip", zipped(hostile_files()), "application/zip")},
        )
        assert answer.status_code == 422, answer.text
        found = {(e["file"], e["row"], e["column"], e["code"]) for e in answer.json()["errors"]}
        assert ("enterprises.csv", 3, "企业名称", "control-character") in found
        assert ("products.csv", 1, "B", "control-character") in found
        assert c.get("/api/stats", headers=auth("viewer")).json()["enterprises"] == 0
    assert list(tmp_path.iterdir()) == []


def test_a_clean_bundle_still_loads_after_the_check(tmp_path: Path) -> None:
    folder = tmp_path / "bundle"
    shutil.copytree(GOOD, folder)
    result = CliRunner().invoke(cli_app, ["check", str(folder)])
    assert result.exit_code == 0, result.stderr


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_xml_exports_stay_well_formed(store: GraphStore, fmt: str) -> None:
    tables = reference_tables()
    tables[Table.ENTERPRISES][1]["name"] = NUL_NAME
    tables[Table.PRODUCTS][0]["name"] = "对二\x1b甲苯\x0b"
    store.write_tables(tables)
    root = ET.parse(io.BytesIO(export_graph(store, fmt))).getroot()
    texts = [t for el in root.iter() for t in (el.text, *el.attrib.values()) if t]
    assert "宁波乙化\ufffd工有限公司" in texts and "对二\ufffd甲苯\ufffd" in texts
