"""Counts on the embedded store: the supply pairs and the pairs' edges the network analytics
read, and how many firms make and need each product.

:class:`MemoryCounts` is mixed into :class:`graph.memory.MemoryStore`; it counts the store's
rows, the facts that hold on the day asked (``_live``) and the firms in the map then.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any

from chainatlas.graph.asof import member
from chainatlas.graph.memory_graph import FIRM_COLUMNS, Tables, edge_table
from chainatlas.graph.model import Label, Rel, Row, Table
from chainatlas.graph.store import Direction
from chainatlas.graph.store_counts import PairCounter, PairCounts, check_tie_rel


class MemoryCounts:
    tables: Tables
    #: the store's own (graph/memory.py): a day as rows compare it, whether a fact holds
    #: that day, and the rows of a node's edges of one type that do
    _day: Callable[[date | None], str | None]
    _live: Callable[[Rel, Row, str | None], bool]
    _incident: Callable[[Rel, tuple[Label, str], Direction, str | None], list[Row]]

    def supply_pairs(self, *, as_of: date | None = None) -> list[tuple[str, str]]:
        rows, day = self.tables[Table.SUPPLIES].values(), self._day(as_of)
        pairs = {
            (r["supplier_id"], r["buyer_id"]) for r in rows if self._live(Rel.SUPPLIES, r, day)
        }
        return sorted(pairs)

    def pair_counts(self, rel: Rel, *, as_of: date | None = None) -> PairCounts:
        table, day = edge_table(check_tie_rel(rel)), self._day(as_of)
        source, target = FIRM_COLUMNS[rel]
        live = [r for r in self.tables[table].values() if self._live(rel, r, day)]
        firms = self.tables[Table.ENTERPRISES].values()
        counter = PairCounter([f["id"] for f in firms if member(f, day)])
        counter.add([r[source] for r in live], [r[target] for r in live])
        return counter.counts()

    def product_counts(self, *, as_of: date | None = None) -> list[dict[str, Any]]:
        found, day = [], self._day(as_of)
        for pid in sorted(k[0] for k in self.tables[Table.PRODUCTS]):
            node = (Label.PRODUCT, pid)
            made = sum(1 for _ in self._incident(Rel.PRODUCES, node, "in", day))
            needed = sum(1 for _ in self._incident(Rel.NEEDS, node, "in", day))
            found.append({"product_id": pid, "producers": made, "consumers": needed})
        return found
