"""Walks on the embedded store: supply paths between firms, process routes between products,
the partners firms share, the degrees a path search chooses its side by.

:class:`MemoryWalks` is mixed into :class:`graph.memory.MemoryStore`: paths and routes walk
its networkx graph with :func:`graph.walks.simple_paths`; supply paths on a day every fact does
not hold walk a graph of the SUPPLIES edges that do.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from datetime import date
from typing import Any

import networkx as nx

from chainatlas.graph.checks import check_edge_rel, check_path_bounds, endpoint_label
from chainatlas.graph.memory_graph import edge_rel, incident
from chainatlas.graph.model import Label, Rel, Row
from chainatlas.graph.store import ROUTE_MAX_HOPS, Direction
from chainatlas.graph.walks import simple_paths


class MemoryWalks:
    graph: nx.MultiDiGraph

    def _day(self, as_of: date | None) -> str | None:
        raise NotImplementedError

    def _row(self, label: Label, id: str, as_of: date | None = None) -> Row:
        raise NotImplementedError

    def _live(self, rel: Rel, row: Row, day: str | None) -> bool:
        raise NotImplementedError

    def degree(self, rel: Rel, ids: Iterable[str], *, direction: Direction) -> int:
        label, out = endpoint_label(check_edge_rel(rel), direction), direction == "out"
        # a hub's rows of the type are kept with the graph: its count is a len()
        return sum(len(incident(self.graph, (label, i), rel, out)) for i in set(ids))

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

    def shared_partners(
        self, ids: Iterable[str], among: Iterable[str], *, as_of: date | None = None
    ) -> dict[str, int]:
        # every edge between two firms is a partner edge (PARTNER_RELS). The side with fewer
        # edges is walked: a buyer's hundred partners, or a material's thousand makers, the
        # one a hub is not among
        day, mine, theirs = self._day(as_of), set(ids), set(among)
        found: dict[str, int] = defaultdict(int)
        if self._degree(mine) <= self._degree(theirs):
            for i in mine:
                for c in self._partners_of(i, day) & theirs:
                    if c != i:
                        found[c] += 1
        else:
            for c in theirs:
                shared = self._partners_of(c, day) & mine
                shared.discard(c)
                if shared:
                    found[c] = len(shared)
        return dict(found)

    def _degree(self, ids: set[str]) -> int:
        g = self.graph
        nodes = [(Label.ENTERPRISE, i) for i in ids]
        return sum(len(g._succ.get(n, ())) + len(g._pred.get(n, ())) for n in nodes)

    def _partners_of(self, firm_id: str, day: str | None) -> set[str]:
        """The firms at the other end of ``firm_id``'s edges live on ``day``, either way."""
        g, firm, node = self.graph, Label.ENTERPRISE, (Label.ENTERPRISE, firm_id)
        found: set[str] = set()
        for adjacency in (g._succ.get(node), g._pred.get(node)):
            if not adjacency:
                continue
            if day is None:
                found.update(other[1] for other in adjacency if other[0] is firm)
                continue
            found.update(
                other[1]
                for other, keyed in adjacency.items()
                if other[0] is firm
                and any(self._live(edge_rel(k), row, day) for k, row in keyed.items())
            )
        return found
