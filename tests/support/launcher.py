"""A Neo4j server of a test's own: ``scripts/neo4j-local`` pointed at a home folder of its
own (tests/conftest.py's servers of the second and later pytest-xdist workers, and the
bulk-imported servers of tests/loaders/test_bulk.py)."""

from __future__ import annotations

import os
from pathlib import Path

from tests.support import ROOT, free_port

LAUNCHER = ROOT / "scripts" / "neo4j-local"


def own_home(home: Path, password: str) -> dict[str, str]:
    """The environment that runs the launcher in ``home`` on a free Bolt port, HTTP off, with
    the repository's jars linked in when it has them (no second Maven fetch)."""
    lib = ROOT / ".neo4j-local" / "lib"
    if (lib / ".pom-sha256").exists():
        (home / "lib").symlink_to(lib)
    return {
        **os.environ,
        "NEO4J_LOCAL_HOME": str(home),
        "NEO4J_LOCAL_BOLT_PORT": str(free_port()),
        "NEO4J_LOCAL_HTTP_PORT": "off",
        "NEO4J_PASSWORD": password,
    }
