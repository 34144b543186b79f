"""A product's makers (and the firms needing it) kept per version of the graph, in each
process (the Neo4j store).

Matchmaking ranks every firm that makes one of a buyer's needs (or needs one of a seller's
products), with the fields its score reads: at 1,000,000 firms the busiest buyer's 8 needs
have 2,472 makers, read in 30 ms of a 90 ms match, on every call. A common material is a hub
on the product's side: what :mod:`graph.neo4j_hubs` does for a firm's SUPPLIES keys,
:class:`Neo4jMakers` (mixed into the store) does for a product's makers and buyers:

- a product read with at least :data:`~graph.memory_graph.HUB` of them on one side is marked;
  the next time it is asked for, the store reads the graph's version (once per read block),
  then every day's firms of that side with the days each holds on
  (``cypher/kept_{producers,consumers}.cypher``: the later of the edge's ``since`` and the
  firm's ``member_since``, the earlier of the ends) and keeps them under that version in its
  own :class:`~graph.neo4j_hubs.KeptHubs` (at most :data:`KEPT_MAKERS` firms, the least
  recently used first); a write moves the version and ends them;
- ``producers`` and ``consumers`` give a kept product's firms of the day (copies: callers
  may change what they get) and read the others with the ``producers``/``consumers``
  statements, as before; nothing is kept or used inside a change set.

Each API worker keeps its own: one read of a product's firms per version per worker.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass
from datetime import date
from typing import Any, Literal

from chainatlas.graph.asof import as_of_key
from chainatlas.graph.neo4j_hubs import Days, within
from chainatlas.graph.neo4j_kept import KeptHubs
from chainatlas.graph.neo4j_statements import KEPT_MAKERS_STATEMENTS, MAKERS_STATEMENTS
from chainatlas.graph.rows import compact, maker_pages
from chainatlas.graph.shapes import MakersPage

#: which firms of a product: those making it (PRODUCES), or those needing it (NEEDS)
Side = Literal["producers", "consumers"]
#: the most firms kept in one process (~600 bytes each as an item dict: ~60 MB)
KEPT_MAKERS = 100_000


@dataclass(slots=True)
class Makers:
    """One product's firms on one side, every day's, read at ``version``, in id order;
    ``days[i]`` is when ``items[i]`` holds."""

    version: str
    items: list[dict[str, Any]]
    days: list[Days]

    def __len__(self) -> int:
        return len(self.items)

    def held(self, day: str | None) -> Iterator[dict[str, Any]]:
        """The items holding on ``day`` (``None``: every day's), themselves: to read only."""
        pairs = zip(self.items, self.days, strict=True)
        return (i for i, d in pairs if day is None or within(d, day))

    def on(self, day: str | None) -> list[dict[str, Any]]:
        """Copies of the items holding on ``day`` (``None``: every day's)."""
        return [dict(i) for i in self.held(day)]


class Neo4jMakers:
    """Products' makers and buyers kept per version (mixed into the Neo4j store)."""

    read: Callable[..., list[dict[str, Any]]]
    reading: Callable[[], AbstractContextManager[None]]
    kept_makers: KeptHubs[Makers]
    _keeps: Callable[[], bool]  # graph.neo4j_hubs
    _kept_version: Callable[[], str]  # graph.neo4j_hubs

    def producers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        return self._firms_of("producers", product_ids, as_of_key(as_of))

    def consumers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        return self._firms_of("consumers", product_ids, as_of_key(as_of))

    def producer_pages(
        self,
        product_ids: Iterable[str],
        *,
        exclude: str | None = None,
        limit: int | None = None,
        as_of: date | None = None,
    ) -> dict[str, MakersPage]:
        """A product's makers kept at this version (matchmaking keeps a common one's) cut to a
        page here; the others counted and cut in the server (``cypher/producer_pages.cypher``:
        three fields a page, not every maker's eleven over Bolt). Nothing is read into what
        is kept: a profile reads a page, and a province's needs are more than it keeps."""
        ids, on = sorted(set(product_ids)), as_of_key(as_of)
        marked = self.kept_makers.hubs("producers", ids) if self._keeps() else []
        pages: dict[str, MakersPage] = {}
        with self.reading():  # the version and what is read at it: one state of the graph
            version = self._kept_version() if marked else ""
            got = ((p, self.kept_makers.get(version, "producers", p)) for p in marked)
            kept = {p: makers for p, makers in got if makers is not None}
            for makers in kept.values():
                pages.update(maker_pages(makers.held(on), exclude, limit))
            rest = [p for p in ids if p not in kept]
            if rest:
                rows = self.read(
                    "producer_pages", product_ids=rest, exclude=exclude, limit=limit, as_of=on
                )
                pages.update(
                    {r["product_id"]: {"total": r["total"], "items": r["items"]} for r in rows}
                )
        return dict(sorted(pages.items()))

    def _firms_of(self, side: Side, product_ids: Iterable[str], on: str | None) -> list[Any]:
        """The firms of ``side`` of the products on day ``on``, ordered by (product, id): a
        marked product's as kept, the rest by the statement (marking those with many)."""
        ids = sorted(set(product_ids))
        found: dict[str, list[dict[str, Any]]] = {}
        marked = self.kept_makers.hubs(side, ids) if self._keeps() else []
        with self.reading():  # the version and what is read at it: one state of the graph
            if marked:
                found = self._kept_firms(side, marked, on)
            rest = [p for p in ids if p not in found]
            read: list[dict[str, Any]] = []
            if rest:
                (row,) = self.read(MAKERS_STATEMENTS[side], product_ids=rest, as_of=on)
                read = [compact(item) for item in row["items"]]
        if self._keeps():
            self.kept_makers.mark_frequent(side, [item["product_id"] for item in read])
        if not found:
            return read
        for item in read:  # in (product, id) order already: each product's run appended
            found.setdefault(item["product_id"], []).append(item)
        return [item for pid in ids for item in found.get(pid, ())]

    def _kept_firms(self, side: Side, ids: list[str], on: str | None) -> dict[str, list[Any]]:
        """The kept products of ``ids`` at this version, read now when not kept; a product
        without any firm on that side is left out (the statement finds none either)."""
        version = self._kept_version()

        def read(missing: list[str]) -> Iterator[tuple[str, Makers]]:
            for row in self.read(KEPT_MAKERS_STATEMENTS[side], product_ids=missing):
                items = [compact(item) for item in row["items"]]
                days = list(zip(row["starts"], row["ends"], strict=True))
                yield row["product_id"], Makers(version, items, days)

        kept = self.kept_makers.take(version, side, ids, read)
        return {pid: makers.on(on) for pid, makers in kept.items()}
