"""How scripts/neo4j-local gets its Neo4j: the jars scripts/neo4j/pom.xml pins, copied from
Maven Central by Maven into the server's lib/ folder. Kept apart from the launcher so each
stays one job."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path


def fetch(pom: Path, lib: Path, log: Callable[[str], None]) -> None:
    """Copy the jars ``pom`` pins into ``lib`` (once; again only when the pom changes)."""
    stamp = hashlib.sha256(pom.read_bytes()).hexdigest()
    marker = lib / ".pom-sha256"
    if marker.exists() and marker.read_text().strip() == stamp:
        return
    if not shutil.which("mvn"):
        sys.exit("neo4j-local: Maven (mvn) is needed to fetch the Neo4j jars")
    log(f"fetching Neo4j jars with Maven into {lib} ...")
    t0 = time.monotonic()
    tmp = lib.with_name(lib.name + ".tmp")
    shutil.rmtree(tmp, ignore_errors=True)
    cmd = [
        "mvn",
        "-B",
        "-q",
        "-f",
        str(pom),
        "dependency:copy-dependencies",
        "-DincludeScope=runtime",
        f"-DoutputDirectory={tmp}",
    ]
    # Captured (stdout carries only the URI) and shown on failure only: even with -q, Debian's
    # Maven 3.8.7 prints stray ANSI reset codes.
    r = subprocess.run(cmd, capture_output=True, text=True)
    if r.returncode != 0:
        sys.exit(f"neo4j-local: Maven failed to fetch the Neo4j jars:\n{r.stdout}{r.stderr}")
    (tmp / ".pom-sha256").write_text(stamp + "\n")
    # Swap in whole so an interrupted download never leaves a half-filled lib/.
    shutil.rmtree(lib, ignore_errors=True)
    tmp.rename(lib)
    log(f"fetched {len(list(lib.glob('*.jar')))} jars in {time.monotonic() - t0:.1f} s")
