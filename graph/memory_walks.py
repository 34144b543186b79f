"""Walks on the embedded store: supply paths between firms, process routes between products.

:class:`MemoryWalks` is mixed into :class:`graph.memory.MemoryStore`: both walk its networkx
graph with :func:`graph.walks.simple_paths`; supply paths on a day every fact does not hold
walk a graph of the SUPPLIES edges that do.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import networkx as nx

from chainatlas.graph.checks import check_path_bounds
from chainatlas.graph.memory_graph import edge_rel
from chainatlas.graph.model import Label, Rel, Row
from chainatlas.graph.store import ROUTE_MAX_HOPS
from chainatlas.graph.walks import simple_paths


class MemoryWalks:
    graph: nx.MultiDiGraph

    def _day(self, as_of: date | None) -> str | None:
        raise NotImplementedError

    def _row(self, label: Label, id: str, as_of: date | None = None) -> Row:
        raise NotImplementedError

    def _live(self, rel: Rel, row: Row, day: str | None) -> bool:
        raise NotImplementedError

    def supply_paths(
        self, source: str, target: str, *, max_hops: int, limit: int, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        check_path_bounds(max_hops, limit)
        self._row(Label.ENTERPRISE, source, as_of)
        self._row(Label.ENTERPRISE, target, as_of)
        paths = simple_paths(
            self.graph if (day := self._day(as_of)) is None else self._supplies_on(day),
            (Label.ENTERPRISE, source),
            (Label.ENTERPRISE, target),
            follows=lambda key: edge_rel(key) is Rel.SUPPLIES,
            max_hops=max_hops,
            limit=limit,
        )
        return [
            {"nodes": [n[1] for n in nodes], "products": [k.partition(":")[2] for k in keys]}
            for nodes, keys in paths
        ]

    def _supplies_on(self, day: str | None) -> nx.MultiDiGraph:
        """The firms and the SUPPLIES edges that hold on ``day``: what paths walk then."""
        g = nx.MultiDiGraph()
        g.add_nodes_from(n for n in self.graph if n[0] is Label.ENTERPRISE)
        g.add_edges_from(
            (u, v, k, d)
            for u, v, k, d in self.graph.edges(keys=True, data=True)
            if edge_rel(k) is Rel.SUPPLIES and self._live(Rel.SUPPLIES, d, day)
        )
        return g

    def route_paths(
        self, source: str, target: str, *, max_hops: int, limit: int
    ) -> list[dict[str, Any]]:
        check_path_bounds(max_hops, limit, ROUTE_MAX_HOPS)
        self._row(Label.PRODUCT, source)
        self._row(Label.PRODUCT, target)
        paths = simple_paths(
            self.graph,
            (Label.PRODUCT, source),
            (Label.PRODUCT, target),
            follows=lambda key: edge_rel(key) is Rel.INPUT_TO,
            max_hops=max_hops,
            limit=limit,
        )
        return [{"nodes": [n[1] for n in nodes]} for nodes, _ in paths]
