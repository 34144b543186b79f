"""Which named statements a Neo4j store reads: what tests of a read's plan (how many
statements, which ones) watch."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from chainatlas.graph.neo4j_store import Neo4jStore


def recording(neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the statements ``neo`` reads from now on, in order (a list the caller may
    clear)."""
    asked: list[str] = []
    _watch(neo, monkeypatch, lambda name, _: asked.append(name))
    return asked


def sent(neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, dict[str, Any]]]:
    """Each read statement ``neo`` sends from now on with its parameters, in order."""
    found: list[tuple[str, dict[str, Any]]] = []
    _watch(neo, monkeypatch, lambda name, params: found.append((name, dict(params))))
    return found


def _watch(
    neo: Neo4jStore, monkeypatch: pytest.MonkeyPatch, see: Callable[[str, dict[str, Any]], None]
) -> None:
    """Show ``see`` every read statement ``neo`` sends (a chunk's too), as it is sent."""
    read = neo.read_as_given

    def watched(name: str, params: dict[str, Any]) -> list[dict[str, Any]]:
        see(name, params)
        return read(name, params)

    monkeypatch.setattr(neo, "read_as_given", watched)
