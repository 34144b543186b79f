"""What a store counts: the headline figures, and the supply network's pairs and degrees
for the network analytics (:mod:`graph.queries.centrality`); part of the store contract
(:mod:`graph.store`).

The degrees have a default here from the read every store answers
(:meth:`StoreCounts.supply_pairs`); a store may count them in one statement instead and send
the counts, not the network. Neo4j does (``cypher/supply_degrees.cypher``; the number of
firms, :meth:`GraphStore.firm_count`, by ``cypher/firm_count.cypher``): at 1,000,000 firms
the 10,000,000 supply pairs crossing Bolt and sorted in Python, and the headline figures
walking every edge for the number of firms, took degree centrality's 75 s
(docs/performance.md).
"""

from __future__ import annotations

from abc import ABC, abstractmethod
from collections import Counter
from datetime import date

from chainatlas.graph.shapes import Stats


class StoreCounts(ABC):
    """The counts of :class:`~graph.store.GraphStore`."""

    @abstractmethod
    def stats(self, *, as_of: date | None = None) -> Stats:
        """Headline figures (DESIGN.md §6) and counts of every node and edge kind."""

    @abstractmethod
    def supply_pairs(self, *, as_of: date | None = None) -> list[tuple[str, str]]:
        """Distinct ``(supplier, buyer)`` id pairs with at least one SUPPLIES edge, sorted: the
        projection the network analytics need, without the edges' properties."""

    def supply_degrees(self, *, as_of: date | None = None) -> dict[str, tuple[int, int]]:
        """For each firm with a supply partner other than itself, ``(buyers, suppliers)``: how
        many distinct firms it supplies and how many supply it (the out- and in-degree of the
        network of :meth:`supply_pairs` without its loops), by id. The sum of the buyers is
        the number of the network's pairs."""
        buyers: Counter[str] = Counter()
        suppliers: Counter[str] = Counter()
        for a, b in self.supply_pairs(as_of=as_of):
            if a != b:
                buyers[a] += 1
                suppliers[b] += 1
        return {f: (buyers[f], suppliers[f]) for f in sorted(buyers.keys() | suppliers.keys())}
