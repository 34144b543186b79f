"""The embedded store: the graph in networkx, its tables saved as one JSON file.

The tables (rows keyed by ``TABLE_KEYS``) are the source of truth; the networkx
``MultiDiGraph`` is derived from them on first read after a write (:mod:`graph.memory_graph`:
nodes keyed ``(label, id)``, edges by relationship type and discriminator: one per upsert).
So are the search index (:mod:`graph.memory_search`) and the span of days on which every
fact holds (:func:`graph.asof.live_span`: reads on those days check no row). How rows are
reported is :mod:`graph.memory_rows`; the walks are :mod:`graph.memory_walks`, the counts of
the network analytics :mod:`graph.memory_counts`; the file format
and its atomic write are :mod:`graph.memory_file`.
A load writes into :meth:`staging`, :meth:`commit` saves it: no reader sees a half-done graph.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Collection, Iterable, Iterator, Sequence
from datetime import date
from functools import partial
from itertools import chain
from pathlib import Path
from typing import Any

import networkx as nx

from chainatlas.graph.asof import Span, holds, live_span, member
from chainatlas.graph.checks import check_edge_rel, endpoint_label
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.memory_changes import MemoryChanges
from chainatlas.graph.memory_counts import MemoryCounts
from chainatlas.graph.memory_graph import (
    DISCRIMINATOR,
    FIRM_COLUMNS,
    Tables,
    build_graph,
    edge_rel,
    edge_table,
    incident,
    node_table,
    typed_edges,
)
from chainatlas.graph.memory_persist import MemoryFile
from chainatlas.graph.memory_rows import (
    edge_item,
    edge_order,
    edge_props,
    edge_triples,
    maker_record,
    table_stats,
    trade_record,
)
from chainatlas.graph.memory_search import SearchIndex
from chainatlas.graph.memory_walks import MemoryWalks
from chainatlas.graph.model import (
    EDGE_TABLES,
    LABEL_VALUE,
    REL_VALUE,
    Label,
    Rel,
    Row,
    Table,
    row_key,
)
from chainatlas.graph.rows import compact, cut_props, prepare_rows, project, projection, search_hit
from chainatlas.graph.shapes import Stats, Trade
from chainatlas.graph.store import DEFAULT_BATCH, SEARCH_CAP, Direction, GraphStore
from chainatlas.graph.text import search_query


class MemoryStore(MemoryChanges, MemoryFile, MemoryWalks, MemoryCounts, GraphStore):
    kind = "memory"

    def __init__(self) -> None:
        self.tables: Tables = {t: {} for t in Table}
        self.change_log: list[Row] = []
        self.base_version: int | None = None
        self.path: Path | None = None
        self.stamp: tuple[int, ...] | None = None
        self._graph: nx.MultiDiGraph | None = None
        self._by_product: dict[str, list[Row]] | None = None
        self._search: SearchIndex | None = None
        self._span: Span | None = None
        #: bumped by every write that changed a row (every change set, a revert too), saved
        #: with the graph: the one version of the graph (:meth:`version`)
        self._version = 0

    def _touched(self) -> None:
        """A write changed a row: the derived graph is stale and the version moves on."""
        self._graph = self._by_product = self._search = self._span = None
        self._version += 1

    # -- writes --------------------------------------------------------------------------------
    def ensure_schema(self) -> None:
        """Nothing to create: keys are dictionary keys."""

    def upsert(
        self,
        table: Table,
        rows: Iterable[Row],
        *,
        batch_size: int = DEFAULT_BATCH,
        prepared: bool = False,
    ) -> int:
        n, changed = 0, False
        target = self.tables[table]
        for row in rows if prepared else prepare_rows(table, rows):
            if table in EDGE_TABLES and not self._endpoints_exist(table, row):
                continue
            key = row_key(table, row)
            changed = changed or target.get(key) != row
            target[key] = row
            n += 1
        if changed:  # a repeated load changes nothing, its version neither
            self._touched()
        return n

    def _endpoints_exist(self, table: Table, row: Row) -> bool:
        _, (src_label, src_col), (dst_label, dst_col) = EDGE_TABLES[table]
        ends = ((src_label, row[src_col]), (dst_label, row[dst_col]))
        return all((i,) in self.tables[node_table(label)] for label, i in ends)

    def clear(self) -> None:
        for rows in self.tables.values():
            rows.clear()
        self.change_log.clear()
        self._touched()

    def version(self) -> str:
        return str(self._version)

    # -- the derived graph ---------------------------------------------------------------------
    @property
    def graph(self) -> nx.MultiDiGraph:
        """The networkx view of the tables (rebuilt after writes)."""
        if self._graph is None:
            self._graph = build_graph(self.tables)
        return self._graph

    @property
    def search_index(self) -> SearchIndex:
        """What :meth:`search_candidates` reads (rebuilt after writes)."""
        if self._search is None:
            self._search = SearchIndex(self.tables)
        return self._search

    def warm(self) -> None:
        _ = self.graph, self.search_index, self.span

    def _day(self, as_of: date | None) -> str | None:
        """``as_of`` as rows compare it; ``None`` (read every row) on a day every fact and
        firm holds, as today does on most maps: nothing then is checked row by row."""
        if as_of is None:
            return None
        day = as_of.isoformat()
        return None if self.span.covers(day) else day

    @property
    def span(self) -> Span:
        """The days every fact and firm holds (recomputed after writes)."""
        if self._span is None:
            self._span = live_span(chain.from_iterable(t.values() for t in self.tables.values()))
        return self._span

    def _row(self, label: Label, id: str, as_of: date | None = None) -> Row:
        """The node's row; UnknownEntity when absent, or a firm not in the map on ``as_of``."""
        row = self.tables[node_table(label)].get((id,))
        if row is None or (label is Label.ENTERPRISE and not member(row, self._day(as_of))):
            raise UnknownEntity(label.value, id)
        return row

    def _live(self, rel: Rel, row: Row, day: str | None) -> bool:
        """Whether a fact holds on ``day`` and every firm it touches is in the map then."""
        if day is None:
            return True
        firms = self.tables[Table.ENTERPRISES]
        return holds(row, day) and all(member(firms[(row[c],)], day) for c in FIRM_COLUMNS[rel])

    # -- reads ---------------------------------------------------------------------------------
    def stats(self, *, as_of: date | None = None) -> Stats:
        return table_stats(self.tables, self._day(as_of))

    def node(self, label: Label, id: str, *, as_of: date | None = None) -> dict[str, Any]:
        return compact(self._row(label, id, as_of))

    def neighbours(
        self,
        label: Label,
        id: str,
        *,
        as_of: date | None = None,
        rels: Collection[Rel] | None = None,
    ) -> list[dict[str, Any]]:
        self._row(label, id, as_of)
        g, me, day = self.graph, (label, id), self._day(as_of)
        found, nodes = [], g._node  # networkx's own dicts: a hub's edges are thousands
        for direction in ("out", "in"):
            for rel, edges in typed_edges(g, me, direction == "out").items():
                if rels is not None and rel not in rels:
                    continue
                disc, name = DISCRIMINATOR.get(rel), REL_VALUE[rel]
                for other, _, data in edges:
                    if not holds(data, day) or not member(nodes[other], day):
                        continue
                    found.append(
                        {
                            "rel": name,
                            "direction": direction,
                            "label": LABEL_VALUE[other[0]],
                            "id": other[1],
                            "name": nodes[other].get("name"),
                            "key": data[disc] if disc else "",
                            "props": edge_props(rel, data),
                        }
                    )
        found.sort(key=lambda n: (n["rel"], n["direction"], n["label"], n["id"], n["key"]))
        return found

    def trade(
        self,
        enterprise_id: str,
        direction: Direction,
        *,
        limit: int | None = None,
        offset: int = 0,
        as_of: date | None = None,
    ) -> Trade:
        self._row(Label.ENTERPRISE, enterprise_id, as_of)
        firms, products = self.tables[Table.ENTERPRISES], self.tables[Table.PRODUCTS]
        other_col = "buyer_id" if direction == "out" else "supplier_id"
        me = (Label.ENTERPRISE, enterprise_id)
        found = self._incident(  # records made for the window only
            Rel.SUPPLIES, me, direction, self._day(as_of), order=("product_id", other_col)
        )
        window = found[offset:] if limit is None else found[offset : offset + limit]
        return {
            "total": len(found),
            "items": [
                trade_record(firms[(s[other_col],)], s, products.get((s["product_id"],), {}))
                for s in window
            ],
            "edges": [edge_props(Rel.SUPPLIES, s) for s in window],
        }

    def _incident(
        self,
        rel: Rel,
        node: tuple[Label, str],
        direction: Direction,
        day: str | None,
        order: tuple[str, ...] = (),
    ) -> list[Row]:
        """The rows of the ``rel`` edges at ``node`` that hold on ``day`` (:meth:`_day`,
        resolved once by the caller: a read walks thousands of nodes), sorted by the columns
        ``order`` when given, found through the graph's adjacency (:func:`incident`: a hub's
        are kept with the graph, sorted)."""
        rows = incident(self.graph, node, rel, direction == "out", order)
        return rows if day is None else [r for r in rows if self._live(rel, r, day)]

    # -- primitives of the query catalogue -------------------------------------------------------
    def search_candidates(
        self,
        q: str,
        *,
        labels: Sequence[Label] = (Label.ENTERPRISE, Label.PRODUCT),
        cap: int = SEARCH_CAP,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        found = self.search_index.candidates(search_query(q), labels, cap, self._day(as_of))
        return [search_hit(row, lab.value, int(k)) for k, lab, row in found]

    def search_count(
        self, q: str, *, labels: Sequence[Label], cap: int, as_of: date | None = None
    ) -> int:
        return self.search_index.count(search_query(q), labels, cap, self._day(as_of))

    def nodes(
        self,
        label: Label,
        ids: Iterable[str] | None = None,
        *,
        fields: Iterable[str] | None = None,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        rows, day = self.tables[node_table(label)], self._day(as_of)
        keys = sorted(rows) if ids is None else [(i,) for i in sorted(set(ids)) if (i,) in rows]
        if fields is None:
            return [compact(rows[k]) for k in keys if member(rows[k], day)]
        keep = projection(fields)
        return [project(rows[k], keep) for k in keys if member(rows[k], day)]

    def edges(self, rel: Rel, *, as_of: date | None = None) -> list[dict[str, Any]]:
        table, day = edge_table(check_edge_rel(rel)), self._day(as_of)
        found = [
            edge_item(rel, row) for row in self.tables[table].values() if self._live(rel, row, day)
        ]
        found.sort(key=edge_order)
        return found

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
        found = [edge_item(rel, row) for row in self._around(rel, ids, direction, day)]
        return sorted(cut_props(found, fields), key=edge_order)

    def adjacent_keys(
        self, rel: Rel, ids: Iterable[str], *, direction: Direction, as_of: date | None = None
    ) -> list[tuple[str, str, str]]:
        day = self._day(as_of)
        found = edge_triples(rel, self._around(rel, ids, direction, day))
        found.sort()
        return found

    def _around(
        self, rel: Rel, ids: Iterable[str], direction: Direction, day: str | None
    ) -> Iterator[Row]:
        """:meth:`_incident` of each of the nodes ``ids`` (once each), chained in C: a step of
        a walk reads a hub's ten thousand rows."""
        label = endpoint_label(check_edge_rel(rel), direction)
        return chain.from_iterable(
            self._incident(rel, (label, i), direction, day) for i in set(ids)
        )

    def supplies_of(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        if self._by_product is None:
            self._by_product = defaultdict(list)
            for row in self.tables[Table.SUPPLIES].values():
                self._by_product[row["product_id"]].append(row)
        day = self._day(as_of)
        found = [
            edge_item(Rel.SUPPLIES, row)
            for pid in set(product_ids)
            for row in self._by_product.get(pid, ())
            if self._live(Rel.SUPPLIES, row, day)
        ]
        found.sort(key=edge_order)
        return found

    def chain_members(
        self, chain_id: str, *, fields: Iterable[str] | None = None, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        self._row(Label.CHAIN, chain_id)
        g, day = self.graph, self._day(as_of)
        shown = compact if fields is None else partial(project, keep=projection(fields))
        members = [
            {**shown(g.nodes[u]), "label": u[0].value}
            for u, _, key in g.in_edges((Label.CHAIN, chain_id), keys=True)
            if edge_rel(key) is Rel.IN_CHAIN and member(g.nodes[u], day)
        ]
        members.sort(key=lambda m: (m["label"], m["id"]))
        return members

    def producers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        return self._makers(Rel.PRODUCES, product_ids, "capacity", "capacity_base", as_of)

    def consumers(
        self, product_ids: Iterable[str], *, as_of: date | None = None
    ) -> list[dict[str, Any]]:
        return self._makers(Rel.NEEDS, product_ids, "annual_demand", "demand_base", as_of)

    def _makers(
        self,
        rel: Rel,
        product_ids: Iterable[str],
        amount: str,
        amount_base: str,
        as_of: date | None,
    ) -> list[dict[str, Any]]:
        firms, day = self.tables[Table.ENTERPRISES], self._day(as_of)
        found = []
        for pid in set(product_ids):
            for edge in self._incident(rel, (Label.PRODUCT, pid), "in", day):
                firm = firms[(edge["enterprise_id"],)]
                found.append(maker_record(pid, firm, edge, amount, amount_base))
        found.sort(key=lambda f: (f["product_id"], f["id"]))
        return found
