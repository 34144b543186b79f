"""The history as :class:`~chainatlas.api.atlas.Atlas` methods: the same parameters and
answers as ``GET /api/changes``, ``GET /api/changes/{change_id}`` and ``GET
/api/changes/digest`` (docs/changes.md). Reverting is a write: ``chainatlas revert`` or
:func:`chainatlas.graph.revert.revert`."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from typing import Any

from chainatlas.api.atlas.answer import Answer
from chainatlas.api.schemas import paged
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.history import change_facts
from chainatlas.graph.queries.digest import CAPACITY_THRESHOLD, digest
from chainatlas.graph.store import GraphStore

#: the longest page the history routes answer (api.deps.Limit)
MAX_PAGE = 500


def _page(limit: int, offset: int) -> None:
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise InvalidOption("offset", "offset must not be negative")


class ChangeQueries:
    """Change sets and the digest of what changed between two days."""

    store: GraphStore
    names: Callable[[], Mapping[str, str]]

    def list_changes(self, limit: int = 50, offset: int = 0) -> Answer[Any]:
        """Change sets, newest first (``total`` is the latest id)."""
        _page(limit, offset)
        items = self.store.change_sets(limit=limit, offset=offset)
        return Answer(paged(items, self.store.head(), limit, offset), kind="changes")

    def get_change(self, change_id: int, limit: int = 50, offset: int = 0) -> Answer[Any]:
        """One change set and a page of the facts it touched, with their provenance."""
        _page(limit, offset)
        record = self.store.change_set(change_id)
        facts = change_facts(self.store, change_id)
        found = {**record, "facts_total": len(facts), "facts": facts[offset : offset + limit]}
        return Answer(found, kind="change")

    def get_digest(
        self,
        since: date,
        until: date | None = None,
        capacity_threshold: float = CAPACITY_THRESHOLD,
    ) -> Answer[Any]:
        """变更摘要: what changed from ``since`` to ``until`` (default today), per chain and
        district; ``to_pandas`` gives a row per change."""
        found = digest(self.store, since=since, until=until, capacity_threshold=capacity_threshold)
        return Answer(found, kind="digest", names=self.names())
