"""The Neo4j store's reads of many nodes or edges: every read here (nodes, edges, adjacency,
the id-only projections) returns a few parallel lists in one record per chunk of at most
``KEYS_CHUNK`` ids, since one record decodes far faster in the driver than thousands of small
ones (2.6x for a whole table's edges: docs/performance.md) and a chunk bounds what a
transaction holds in the server. Mixed into :class:`graph.neo4j_store.Neo4jStore`; the
embedded store answers the same methods from its own tables.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Callable, Collection, Hashable, Iterable, Iterator, Mapping
from datetime import date
from functools import partial
from typing import Any, cast

from chainatlas.graph.asof import as_of_key
from chainatlas.graph.checks import check_edge_rel
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.memory_graph import edge_table
from chainatlas.graph.memory_rows import edge_order
from chainatlas.graph.model import EDGE_TABLES, Label, Rel, Row
from chainatlas.graph.neo4j_statements import (
    ADJACENT_FIELDS_STATEMENTS,
    ADJACENT_KEYS_STATEMENTS,
    ADJACENT_STATEMENTS,
    DEGREE_STATEMENTS,
    NODE_FIELDS_STATEMENTS,
    NODE_IDS_STATEMENTS,
    NODES_STATEMENTS,
    PAIR_COUNTS_STATEMENTS,
    dated_param,
    member_param,
)
from chainatlas.graph.parallel_reads import ParallelReads
from chainatlas.graph.rows import compact, edge_projection, project, projection
from chainatlas.graph.shapes import Stats
from chainatlas.graph.store import Direction, GraphStore
from chainatlas.graph.store_counts import (
    ChainCover,
    ChainLinks,
    LinkPlaces,
    MakerPlaces,
    MemberPlaces,
    NeedCount,
    PairCounter,
    PairCounts,
    Places,
    check_tie_rel,
    in_order,
)

#: the most ids one edge read takes: a survey of a province asks for every firm's supply facts
#: (10M at 1,000,000 firms), which as one collected record would sit in the server's heap
#: whole; in chunks each transaction holds ~100,000 of them, one record each (a record per
#: edge cost the driver 2.6x the time: docs/performance.md)
KEYS_CHUNK = 10_000


#: labels of a few dozen nodes that many answers read whole (a match's regions and chains, a
#: chain's panorama, the map): kept per version in each process, not read in two statements
#: a call (their nodes have no lifetime: no day changes them)
WHOLE_KEPT = frozenset({Label.REGION, Label.CHAIN, Label.PARK})


def summed(chunks: Iterable[list[list[Any]]], width: int) -> dict[tuple[Any, ...], list[int]]:
    """The entries of a chunked read's counts (each ``[*key, *counts]``, ``width`` counts)
    added up per key across the chunks: each key's counts, in the order first seen.

    >>> summed([[["a", "x", 1, 2]], [["b", "y", 5, 6], ["a", "x", 3, 4]]], 2)
    {('a', 'x'): [4, 6], ('b', 'y'): [5, 6]}
    """
    total: dict[tuple[Any, ...], list[int]] = {}
    for entries in chunks:
        for entry in entries:
            count = total.setdefault(tuple(entry[:-width]), [0] * width)
            for k, n in enumerate(entry[-width:]):
                count[k] += n
    return total


class Neo4jProjections:
    read: Callable[..., list[dict[str, Any]]]
    read_as_given: Callable[[str, dict[str, Any]], list[dict[str, Any]]]  # graph.neo4j_store
    read_day: Callable[[str | None], str | None]  # graph.neo4j_span
    kept_keys: Callable[..., list[tuple[str, str, str]]]  # graph.neo4j_hubs
    partner_counts: Callable[[list[str], list[str], str | None], dict[str, int]]  # neo4j_hubs
    kept_answer: Callable[[Hashable, Callable[[], Any]], Any]  # graph.neo4j_hubs
    chunk_reads: ParallelReads  # graph.neo4j_store
    in_transaction: Callable[[], bool]  # graph.neo4j_store

    def supply_pairs(self, *, as_of: date | None = None) -> list[tuple[str, str]]:
        (firms,) = self.read(NODE_IDS_STATEMENTS[Label.ENTERPRISE])
        found: list[tuple[str, str]] = []
        for row in self._chunks("supply_pairs", firms["ids"], {"as_of": as_of_key(as_of)}):
            found += zip(row["sources"], row["targets"], strict=True)
        return sorted(found)

    def pair_counts(self, rel: Rel, *, as_of: date | None = None) -> PairCounts:
        name = PAIR_COUNTS_STATEMENTS[check_tie_rel(rel)]
        firms = self.nodes(Label.ENTERPRISE, fields=(), as_of=as_of)
        counter = PairCounter([f["id"] for f in firms])
        for row in self._chunks(name, counter.ids, {"as_of": as_of_key(as_of)}):
            counter.add(row["sources"], row["targets"], row["edges"])
        return counter.counts()

    def stats(self, *, as_of: date | None = None) -> Stats:
        if as_of is None:  # nothing to test per fact: the count store answers most of it
            return cast(Stats, dict(self.read("stats_every_fact")[0]))
        return cast(Stats, dict(self.read("stats", as_of=as_of_key(as_of))[0]))

    def firm_count(self, *, as_of: date | None = None) -> int:
        return int(self.read("firm_count", as_of=as_of_key(as_of))[0]["firms"])

    def supply_place_counts(
        self, regions: Collection[str], *, as_of: date | None = None
    ) -> dict[Places, tuple[int, int]]:
        (firms,) = self.read(NODE_IDS_STATEMENTS[Label.ENTERPRISE])
        params = {"regions": sorted(regions), "as_of": as_of_key(as_of)}
        rows = self._chunks("supply_place_counts", firms["ids"], params)
        counts = summed((row["counts"] for row in rows), 2)
        return in_order(
            {cast(Places, k): (edges, crossing) for k, (edges, crossing) in counts.items()}
        )

    def maker_place_counts(
        self, product_ids: Collection[str], regions: Collection[str], *, as_of: date | None = None
    ) -> dict[MakerPlaces, int]:
        params = {"regions": sorted(regions), "as_of": as_of_key(as_of)}
        counts: dict[MakerPlaces, int] = {}
        for row in self._chunks("maker_place_counts", product_ids, params):
            counts.update(((p, r, s, c), n) for p, r, s, c, n in row["counts"])
        return in_order(counts)

    def chain_member_counts(
        self, chain_id: str, *, as_of: date | None = None
    ) -> dict[MemberPlaces, int]:
        rows = self.read("chain_member_counts", id=chain_id, as_of=as_of_key(as_of))
        if not rows:
            raise UnknownEntity(Label.CHAIN.value, chain_id)
        return in_order({(label, st, region): n for label, st, region, n in rows[0]["counts"]})

    def _member_chunks(self, name: str, chain_id: str, as_of: date | None) -> Iterator[Any]:
        """The rows of statement ``name`` by chunks of the chain's firms on the day."""
        members = self.read("chain_members", id=chain_id, as_of=as_of_key(as_of))
        if not members:
            raise UnknownEntity(Label.CHAIN.value, chain_id)
        params = {"chain": chain_id, "as_of": as_of_key(as_of)}
        return self._chunks(name, members[0]["firms"], params)

    def chain_links(self, chain_id: str, *, as_of: date | None = None) -> ChainLinks:
        rows = list(self._member_chunks("chain_links", chain_id, as_of))  # a row a chunk
        degrees = dict(sorted(pair for row in rows for pair in row["degrees"]))
        places = summed((row["places"] for row in rows), 1)
        return ChainLinks(degrees, in_order({cast(LinkPlaces, k): n for k, (n,) in places.items()}))

    def chain_cover(self, chain_id: str, *, as_of: date | None = None) -> ChainCover:
        rows = list(self._member_chunks("chain_cover", chain_id, as_of))  # a row a chunk
        counts = summed((row["counts"] for row in rows), 3)
        links = sum(row["links"] for row in rows)
        return ChainCover(links, {p: NeedCount(*n) for (p,), n in sorted(counts.items())})

    def supply_degrees(self, *, as_of: date | None = None) -> dict[str, tuple[int, int]]:
        (firms,) = self.read(NODE_IDS_STATEMENTS[Label.ENTERPRISE])
        found: dict[str, tuple[int, int]] = {}
        for row in self._chunks("supply_degrees", firms["ids"], {"as_of": as_of_key(as_of)}):
            found.update(
                zip(row["ids"], zip(row["buyers"], row["suppliers"], strict=True), strict=True)
            )
        return dict(sorted(found.items()))

    def adjacent_keys(
        self, rel: Rel, ids: Iterable[str], *, direction: Direction, as_of: date | None = None
    ) -> list[tuple[str, str, str]]:
        name = ADJACENT_KEYS_STATEMENTS.get((check_edge_rel(rel), direction))
        if name is None:  # no id-only statement: the props-carrying read, cut down
            return GraphStore.adjacent_keys(
                self,  # type: ignore[arg-type]
                rel,
                ids,
                direction=direction,
                as_of=as_of,
            )
        wanted = sorted(set(ids))
        if rel is Rel.SUPPLIES:  # a hub's as kept for this version
            read = partial(self._keys, rel, direction, as_of)
            return sorted(self.kept_keys(direction, wanted, as_of_key(as_of), read))
        return sorted(self._keys(rel, direction, as_of, wanted))

    def _keys(
        self, rel: Rel, direction: Direction, as_of: date | None, ids: list[str]
    ) -> list[tuple[str, str, str]]:
        """adjacent_keys' edges, as the server gives them (unsorted)."""
        found: list[tuple[str, str, str]] = []
        name = ADJACENT_KEYS_STATEMENTS[rel, direction]
        for row in self._chunks(name, ids, dated_param(rel, as_of)):
            found += zip(row["sources"], row["targets"], row["keys"], strict=True)
        return found

    def degree(self, rel: Rel, ids: Iterable[str], *, direction: Direction) -> int:
        name = DEGREE_STATEMENTS.get((check_edge_rel(rel), direction))
        if name is None:  # no count kept for it: the edges read and counted
            return GraphStore.degree(self, rel, ids, direction=direction)  # type: ignore[arg-type]
        return sum(row["degree"] for row in self._chunks(name, ids, {}))

    def shared_partners(
        self, ids: Iterable[str], among: Iterable[str], *, as_of: date | None = None
    ) -> dict[str, int]:
        wanted = sorted(set(among))
        if not wanted:  # no statement to count nothing
            return {}
        return self.partner_counts(sorted(set(ids)), wanted, as_of_key(as_of))

    def supplier_counts(
        self, pairs: Iterable[tuple[str, str]], *, as_of: date | None = None
    ) -> dict[tuple[str, str], int]:
        wanted: dict[str, set[str]] = defaultdict(set)
        for buyer, product in pairs:
            wanted[buyer].add(product)
        products = {buyer: sorted(asked) for buyer, asked in wanted.items()}
        found: dict[tuple[str, str], int] = {}
        day = {"as_of": as_of_key(as_of)}
        for row in self._chunks("supplier_counts", wanted, day, beside={"products": products}):
            found.update(
                zip(zip(row["buyers"], row["keys"], strict=True), row["counts"], strict=True)
            )
        return found

    def nodes(
        self,
        label: Label,
        ids: Iterable[str] | None = None,
        *,
        fields: Iterable[str] | None = None,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        if ids is None and fields is None and label in WHOLE_KEPT:
            every = self.kept_answer(("nodes", label.value), partial(self._read_nodes, label))
            return copy.deepcopy(every)  # a copy: callers may change what they get
        return self._read_nodes(label, ids, fields=fields, as_of=as_of)

    def _read_nodes(
        self,
        label: Label,
        ids: Iterable[str] | None = None,
        *,
        fields: Iterable[str] | None = None,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        day = member_param(label, as_of)
        if ids is None:
            if fields is not None and projection(fields) == ("id",):
                # ids only: one list is the answer, every node's, or on a day the firms in the
                # map then (by chunks it was 10 s of a province's PageRank for 1,000,000 firms)
                dated = day.get("as_of") is not None
                (row,) = (
                    self.read("member_ids", **day)
                    if dated
                    else self.read(NODE_IDS_STATEMENTS[label])
                )
                return [{"id": i} for i in sorted(row["ids"])]
            (row,) = self.read(NODE_IDS_STATEMENTS[label])
            ids = row["ids"]
        if fields is None:
            found = [
                compact(props)
                for row in self._chunks(NODES_STATEMENTS[label], ids, day)
                for props in row["props"]
            ]
        else:  # values in the projection's order: no key travels once per node
            keep = projection(fields)
            found = [
                {k: v for k, v in zip(keep, values, strict=True) if v is not None}
                for row in self._chunks(
                    NODE_FIELDS_STATEMENTS[label], ids, {**day, "fields": list(keep)}
                )
                for values in row["values"]
            ]
        found.sort(key=lambda n: n["id"])
        return found

    def edges(self, rel: Rel, *, as_of: date | None = None) -> list[dict[str, Any]]:
        _, (sources, _), _ = EDGE_TABLES[edge_table(check_edge_rel(rel))]
        (row,) = self.read(NODE_IDS_STATEMENTS[sources])  # every edge leaves one of them
        return self.adjacent(rel, row["ids"], direction="out", as_of=as_of)

    def adjacent(
        self,
        rel: Rel,
        ids: Iterable[str],
        *,
        direction: Direction,
        fields: Iterable[str] | None = None,
        as_of: date | None = None,
    ) -> list[dict[str, Any]]:
        out, in_ = ADJACENT_STATEMENTS[check_edge_rel(rel)]
        name, day = out if direction == "out" else in_, dated_param(rel, as_of)
        cut, keep = fields is not None, edge_projection(fields or ())
        chosen = ADJACENT_FIELDS_STATEMENTS.get((rel, direction)) if cut else None
        if chosen:  # the values of the fields alone cross Bolt
            rows = self._chunks(chosen, ids, {**day, "fields": list(keep)})
        else:  # every property (without a statement for the fields: cut here)
            rows = self._chunks(name, ids, day)
        found: list[dict[str, Any]] = []
        for row in rows:
            props = (
                (dict(zip(keep, v, strict=True)) for v in row["values"]) if chosen else row["props"]
            )
            found += (
                {
                    "source": a,
                    "target": b,
                    "key": k,
                    "props": project(p, keep) if cut else compact(p),
                }
                for a, b, k, p in zip(
                    row["sources"], row["targets"], row["keys"], props, strict=True
                )
            )
        found.sort(key=edge_order)
        return found

    def _chunks(
        self,
        name: str,
        ids: Iterable[str],
        params: dict[str, Any],
        *,
        beside: Mapping[str, Mapping[str, Any]] | None = None,
    ) -> Iterator[Row]:
        """The one row of statement ``name`` for each chunk of ``KEYS_CHUNK`` of the ``ids``
        (sorted, once each), in the chunks' order: a bounded record per transaction however
        many ids. ``beside``: parameters given per id, sent as lists parallel to the chunk's
        ids. A few chunks are read at once, each in a transaction of its own
        (graph/parallel_reads.py), unless this thread's statements share one."""
        wanted = sorted(set(ids))
        chunks = [wanted[start : start + KEYS_CHUNK] for start in range(0, len(wanted), KEYS_CHUNK)]

        if params.get("as_of") is not None:  # read once for every chunk
            params = params | {"as_of": self.read_day(params["as_of"])}

        def one(chunk: list[str]) -> Row:
            along = {k: [per_id[i] for i in chunk] for k, per_id in (beside or {}).items()}
            (row,) = self.read_as_given(name, {"ids": chunk, **params, **along})
            return row

        if self.in_transaction():
            return map(one, chunks)
        return self.chunk_reads.map(one, chunks)
