"""How many committee surveys (graph/queries/cluster.py) a test's calls start: what the tests of
answers kept per version watch (a province's survey takes minutes)."""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.queries import cluster


def counting(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """A list that grows by one with every :class:`~cluster.Survey` made from now on."""
    surveys: list[int] = []
    read = cluster.Survey.__init__

    def counted(survey: cluster.Survey, *args: Any, **kwargs: Any) -> None:
        surveys.append(1)
        read(survey, *args, **kwargs)

    monkeypatch.setattr(cluster.Survey, "__init__", counted)
    return surveys
