"""A store seen on one day: :func:`on_day` binds ``as_of`` to every read of dated facts.

The queries of :mod:`graph.queries` take ``as_of`` and read through this view, so that no
primitive they call can forget the day: matchmaking, paths, tiers, risk, the panorama,
profiles and centrality all see the same facts. Writes are refused: a view is for reading.

>>> from chainatlas.graph.memory import MemoryStore
>>> from chainatlas.graph.model import Table
>>> store = MemoryStore()
>>> store.write_tables({
...     Table.ENTERPRISES: [{"id": "E1", "name": "甲"}, {"id": "E2", "name": "乙"}],
...     Table.PRODUCTS: [{"id": "pta", "name": "PTA"}],
...     Table.SUPPLIES: [{"supplier_id": "E1", "buyer_id": "E2", "product_id": "pta",
...                       "since": 2019, "until": "2024-07-01"}],
... })["supplies"]
1
>>> len(on_day(store, date(2024, 6, 30)).suppliers("E2"))
1
>>> on_day(store, date(2024, 7, 1)).suppliers("E2"), on_day(store, None) is store
([], True)
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from contextlib import AbstractContextManager
from datetime import date
from typing import Any

from chainatlas.graph.model import Label, Rel, Row, Table
from chainatlas.graph.shapes import MakersPage, Stats, Trade
from chainatlas.graph.store import DEFAULT_BATCH, SEARCH_CAP, Direction, GraphStore
from chainatlas.graph.store_counts import (
    ChainCover,
    ChainLinks,
    MakerPlaces,
    MemberPlaces,
    PairCounts,
    Places,
)


def on_day(store: GraphStore, as_of: date | None) -> GraphStore:
    """``store`` as it stood on ``as_of``; ``store`` itself for ``None`` (every fact)."""
    return store if as_of is None else DatedStore(store, as_of)


class DatedStore(GraphStore):
    """Reads of ``store`` with ``as_of`` filled in where the caller gave none."""

    def __init__(self, store: GraphStore, as_of: date) -> None:
        self.store = store
        self.as_of = as_of
        self.kind = store.kind

    def _day(self, as_of: date | None) -> date:
        return self.as_of if as_of is None else as_of

    # -- writes go to the store itself, never through a view ---------------------------------
    def ensure_schema(self) -> None:
        raise TypeError("a store seen on one day is read-only")

    def upsert(
        self,
        table: Table,
        rows: Iterable[Row],
        *,
        batch_size: int = DEFAULT_BATCH,
        prepared: bool = False,
    ) -> int:
        raise TypeError("a store seen on one day is read-only")

    def clear(self) -> None:
        raise TypeError("a store seen on one day is read-only")

    # -- reads -------------------------------------------------------------------------------
    def ping(self) -> None:
        self.store.ping()

    def version(self) -> str:
        return self.store.version()

    def stats(self, *, as_of: date | None = None) -> Stats:
        return self.store.stats(as_of=self._day(as_of))

    def node(self, label: Label, id: str, *, as_of: date | None = None) -> dict[str, Any]:
        return self.store.node(label, id, as_of=self._day(as_of))

    def neighbours(
        self,
        label: Label,
        id: str,
        *,
        as_of: date | None = None,
        rels: Collection[Rel] | None = None,
    ) -> list[dict[str, Any]]:
        return self.store.neighbours(label, id, as_of=self._day(as_of), rels=rels)

    def trade(
        self,
        enterprise_id: str,
        direction: Direction,
        *,
        limit: int | None = None,
        offset: int = 0,
        as_of: date | None = None,
    ) -> Trade:
        day = self._day(as_of)
        return self.store.trade(enterprise_id, direction, limit=limit, offset=offset, as_of=day)

    def search_candidates(
        self,
        q: str,
        *,
        labels: Sequence[Label] = (Label.ENTERPRISE, Label.PRODUCT),
        cap: int = SEARCH_CAP,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        return self.store.search_candidates(q, labels=labels, cap=cap, as_of=self._day(as_of))

    def search_count(
        self, q: str, *, labels: Sequence[Label], cap: int, as_of: date | None = None
    ) -> int:
        return self.store.search_count(q, labels=labels, cap=cap, as_of=self._day(as_of))

    def nodes(
        self,
        label: Label,
        ids: Iterable[str] | None = None,
        *,
        fields: Iterable[str] | None = None,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        return self.store.nodes(label, ids, fields=fields, as_of=self._day(as_of))

    def edges(self, rel: Rel, *, as_of: date | None = None) -> list[dict[str, Any]]:
        return self.store.edges(rel, as_of=self._day(as_of))

    def supply_pairs(self, *, as_of: date | None = None) -> list[tuple[str, str]]:
        return self.store.supply_pairs(as_of=self._day(as_of))

    def pair_counts(self, rel: Rel, *, as_of: date | None = None) -> PairCounts:
        return self.store.pair_counts(rel, as_of=self._day(as_of))

    def firm_count(self, *, as_of: date | None = None) -> int:
        return self.store.firm_count(as_of=self._day(as_of))

    def supply_degrees(self, *, as_of: date | None = None) -> dict[str, tuple[int, int]]:
        return self.store.supply_degrees(as_of=self._day(as_of))

    def supply_place_counts(
        self, regions: Collection[str], *, as_of: date | None = None
    ) -> dict[Places, tuple[int, int]]:
        return self.store.supply_place_counts(regions, as_of=self._day(as_of))

    def maker_place_counts(
        self, product_ids: Collection[str], regions: Collection[str], *, as_of: date | None = None
    ) -> dict[MakerPlaces, int]:
        return self.store.maker_place_counts(product_ids, regions, as_of=self._day(as_of))

    def chain_cover(self, chain_id: str, *, as_of: date | None = None) -> ChainCover:
        return self.store.chain_cover(chain_id, as_of=self._day(as_of))

    def chain_member_counts(
        self, chain_id: str, *, as_of: date | None = None
    ) -> dict[MemberPlaces, int]:
        return self.store.chain_member_counts(chain_id, as_of=self._day(as_of))

    def chain_links(self, chain_id: str, *, as_of: date | None = None) -> ChainLinks:
        return self.store.chain_links(chain_id, as_of=self._day(as_of))

    def adjacent(
        self,
        rel: Rel,
        ids: Iterable[str],
        *,
        direction: Direction,
        fields: Iterable[str] | None = None,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        day = self._day(as_of)
        return self.store.adjacent(rel, ids, direction=direction, fields=fields, as_of=day)

    def adjacent_keys(
        self, rel: Rel, ids: Iterable[str], *, direction: Direction, as_of: date | None = None
    ) -> list[tuple[str, str, str]]:
        return self.store.adjacent_keys(rel, ids, direction=direction, as_of=self._day(as_of))

    def reading(self) -> AbstractContextManager[None]:
        return self.store.reading()

    def degree(self, rel: Rel, ids: Iterable[str], *, direction: Direction) -> int:
        return self.store.degree(rel, ids, direction=direction)  # every day's: no day to pin

    def shared_partners(
        self, ids: Iterable[str], among: Iterable[str], *, as_of: date | None = None
    ) -> dict[str, int]:
        return self.store.shared_partners(ids, among, as_of=self._day(as_of))

    def supplier_counts(
        self, pairs: Iterable[tuple[str, str]], *, as_of: date | None = None
    ) -> dict[tuple[str, str], int]:
        return self.store.supplier_counts(pairs, as_of=self._day(as_of))

    def supplies_of(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        return self.store.supplies_of(product_ids, as_of=self._day(as_of))

    def chain_members(
        self, chain_id: str, *, fields: Iterable[str] | None = None, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        return self.store.chain_members(chain_id, fields=fields, as_of=self._day(as_of))

    def producers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        return self.store.producers(product_ids, as_of=self._day(as_of))

    def consumers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        return self.store.consumers(product_ids, as_of=self._day(as_of))

    def producer_pages(
        self,
        product_ids: Iterable[str],
        *,
        exclude: str | None = None,
        limit: int | None = None,
        as_of: date | None = None,
    ) -> dict[str, MakersPage]:
        return self.store.producer_pages(
            product_ids, exclude=exclude, limit=limit, as_of=self._day(as_of)
        )

    def product_counts(self, *, as_of: date | None = None) -> list[dict[str, Any]]:
        return self.store.product_counts(as_of=self._day(as_of))

    def supply_paths(
        self,
        source: str,
        target: str,
        *,
        max_hops: int,
        limit: int,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        return self.store.supply_paths(
            source, target, max_hops=max_hops, limit=limit, as_of=self._day(as_of)
        )

    def route_paths(
        self, source: str, target: str, *, max_hops: int, limit: int
    ) -> list[dict[str, Any]]:
        return self.store.route_paths(source, target, max_hops=max_hops, limit=limit)

    # -- history reads go to the store; change-set writes are refused ----------------------
    def fact_rows(self, table: Table, keys: Iterable[tuple[Any, ...]]) -> list[Row]:
        return self.store.fact_rows(table, keys)

    def stamped_rows(self, table: Table, change_set: int) -> list[Row]:
        return self.store.stamped_rows(table, change_set)

    def incident_rows(self, table: Table, ids: Iterable[str]) -> list[Row]:
        return self.store.incident_rows(table, ids)

    def change_sets(self, *, limit: int = 50, offset: int = 0) -> list[Row]:
        return self.store.change_sets(limit=limit, offset=offset)

    def change_set(self, id: int) -> Row:
        return self.store.change_set(id)

    def change_entries(self, id: int) -> list[Row]:
        return self.store.change_entries(id)

    def head(self) -> int:
        return self.store.head()

    def remove_facts(self, table: Table, keys: Iterable[tuple[Any, ...]]) -> int:
        raise TypeError("a store seen on one day is read-only")

    def next_change_set_id(self) -> int:
        raise TypeError("a store seen on one day is read-only")

    def save_change_set(self, record: Row, entries: list[Row]) -> None:
        raise TypeError("a store seen on one day is read-only")

    def mark_reverted(self, id: int, by: int | None) -> None:
        raise TypeError("a store seen on one day is read-only")
