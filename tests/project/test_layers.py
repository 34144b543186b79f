"""The layers stay layers: imports point one way, HTTP and the driver stay in their rooms, and
no module grows past what a reader holds in mind."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tests.support import ROOT

SHIPPED = ("graph", "loaders", "api", "viz", "cypher", "data")
#: the longest a module may be (STYLE.md asks for 250; 400 is the limit; tests/project/
#: test_layout.py holds the test modules to it)
MAX_LINES = 400


def sources(*folders: str) -> list[Path]:
    return sorted(
        p for f in folders for p in (ROOT / f).rglob("*.py") if "__pycache__" not in p.parts
    )


def imports(path: Path) -> list[str]:
    """Every module an import statement of ``path`` names (top level or nested)."""
    text = path.read_text(encoding="utf-8")
    found = re.findall(r"^\s*from\s+([\w.]+)\s+import", text, flags=re.M)
    found += re.findall(r"^\s*import\s+([\w.]+)", text, flags=re.M)
    return found


def offenders(folders: tuple[str, ...], banned: re.Pattern[str]) -> list[str]:
    return [
        f"{p.relative_to(ROOT)}: {m}"
        for p in sources(*folders)
        for m in imports(p)
        if banned.match(m)
    ]


def test_only_api_imports_api() -> None:
    banned = re.compile(r"^(chainatlas\.api|api)(\.|$)")
    assert offenders(("graph", "loaders", "viz", "cypher", "data", "bench"), banned) == []


def test_layers_import_through_the_root_package() -> None:
    bare = re.compile(r"^(graph|loaders|api|viz|cypher|chainatlas_data)(\.|$)")
    assert offenders((*SHIPPED, "bench", "tests", "scripts"), bare) == []


def test_only_the_graph_layer_imports_the_driver() -> None:
    """The Neo4j store translates every driver error, so nothing above it needs the driver."""
    driver = re.compile(r"^neo4j(\.|$)")
    assert offenders(("loaders", "api", "viz", "cypher", "data"), driver) == []
    assert any(f.startswith("graph/neo4j_store.py") for f in offenders(("graph",), driver))


def test_graph_loaders_and_viz_know_nothing_of_http() -> None:
    http = re.compile(r"^(fastapi|starlette|uvicorn)(\.|$)")
    assert offenders(("graph", "loaders", "viz"), http) == []


def test_no_isinstance_on_a_concrete_store_outside_the_graph_layer() -> None:
    concrete = re.compile(r"isinstance\([^)]*\b(MemoryStore|Neo4jStore)\b")
    found = [
        str(p.relative_to(ROOT))
        for p in sources("loaders", "api", "viz", "bench")
        if concrete.search(p.read_text(encoding="utf-8"))
    ]
    assert found == []


@pytest.mark.parametrize("folder", [*SHIPPED, "bench", "scripts"])
def test_no_module_over_the_limit(folder: str) -> None:
    files = sources(folder)
    if folder == "scripts":  # the executable Python scripts have no suffix
        files += [
            p
            for p in (ROOT / "scripts").iterdir()
            if p.is_file()
            and not p.suffix
            and p.read_text(encoding="utf-8").startswith("#!/usr/bin/env python")
        ]
        assert ROOT / "scripts" / "neo4j-local" in files
    long = {
        str(p.relative_to(ROOT)): n
        for p in files
        if (n := len(p.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}
