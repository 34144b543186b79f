"""Which named statements a Neo4j store reads: what tests of a read's plan (how many
statements, which ones) watch."""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.neo4j_store import Neo4jStore


def recording(neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the statements ``neo`` reads from now on, in order (a list the caller may
    clear)."""
    asked: list[str] = []
    read = neo.read

    def recorded(name: str, **params: Any) -> list[dict[str, Any]]:
        asked.append(name)
        return read(name, **params)

    monkeypatch.setattr(neo, "read", recorded)
    return asked
