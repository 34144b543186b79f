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
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING, Any, NamedTuple, TypeVar, cast

import numpy as np
import numpy.typing as npt

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.shapes import Stats

if TYPE_CHECKING:
    from chainatlas.graph.store import GraphStore

#: a supply's two ends placed by region and stage: (source region, source stage, target
#: region, target stage)
Places = tuple[str | None, str | None, str | None, str | None]
K = TypeVar("K", bound=tuple[str | None, ...])
V = TypeVar("V")
#: a product's makers placed: (product id, maker's region, maker's stage, maker's chain)
MakerPlaces = tuple[str, str | None, str | None, str | None]
#: a chain's members placed: (label, stage, region id)
MemberPlaces = tuple[str, str | None, str | None]
#: the fields that place a chain's member
MEMBER_PLACED = ("stage", "region_id")


class NeedCount(NamedTuple):
    """The needs of a chain's firms for one product: how many NEEDS edges (``needs``), how
    many of them are of a firm that makes the product itself (``own``), and how many of a
    firm with a supplier of it in the map (``supplied``)."""

    needs: int
    own: int
    supplied: int


class ChainCover(NamedTuple):
    """What a chain's survey counts of its firms' supplies and needs (graph/queries/chains.py):
    ``links``, the SUPPLIES edges between two of its firms; ``needs``, a :class:`NeedCount`
    per product its firms need, by product id."""

    links: int
    needs: dict[str, NeedCount]


#: a link of a chain placed: (supplier's stage, supplier's region, buyer's stage, buyer's
#: region, product id)
LinkPlaces = tuple[str | None, str | None, str | None, str | None, str]


class ChainLinks(NamedTuple):
    """What a chain's panorama counts of its links, the SUPPLIES edges between two of its
    firms (graph/queries/panorama_groups.py): ``degrees``, per firm with a link, its links
    as supplier or buyer (a loop twice), by id; ``places``, the links per
    :data:`LinkPlaces`, sorted."""

    degrees: dict[str, int]
    places: dict[LinkPlaces, int]


#: the relationships between two firms that tie them (graph/queries/network.py)
TIE_RELS = (Rel.SUPPLIES, Rel.COOPERATES)

Positions = npt.NDArray[np.int64]


@dataclass(frozen=True)
class PairCounts:
    """The ties of one relationship between firms, without the edges' properties: ``ids``
    the firms in the map (sorted), and for each ordered pair of two of them joined by at least
    one edge, ``source`` and ``target`` (positions in ``ids``) and ``edges`` (how many join
    them), ordered by source, then target. Arrays, not tuples: a province's ten million
    pairs as Python tuples of ids would hold about a gigabyte."""

    ids: list[str]
    source: Positions
    target: Positions
    edges: Positions

    def pairs(self) -> Iterator[tuple[str, str, int]]:
        """``(source id, target id, edges)`` of each pair, in order, one at a time."""
        ids = self.ids
        for a, b, n in zip(
            self.source.tolist(), self.target.tolist(), self.edges.tolist(), strict=True
        ):
            yield ids[a], ids[b], n

    def triples(self) -> list[tuple[str, str, int]]:
        """:meth:`pairs` as a list (for small maps)."""
        return list(self.pairs())


class PairCounter:
    """Builds :class:`PairCounts` from the edges or per-pair counts a store reads in parts,
    each part's ids turned into positions as it comes (the part's strings then go)."""

    def __init__(self, ids: Sequence[str]) -> None:
        self.ids = sorted(ids)
        self.parts: list[tuple[Positions, Positions, Positions]] = []

    @cached_property
    def at(self) -> dict[str, int]:
        """Each firm's position in :attr:`ids`."""
        return {i: k for k, i in enumerate(self.ids)}

    def add(
        self, sources: Sequence[str], targets: Sequence[str], edges: Sequence[int] | None = None
    ) -> None:
        """Edges from ``sources[i]`` to ``targets[i]`` (``edges[i]`` of them; one when
        ``None``); a loop, or an end not among the firms, is left out."""
        at, n = self.at, len(sources)
        a = np.fromiter((at.get(i, -1) for i in sources), np.int64, n)
        b = np.fromiter((at.get(i, -1) for i in targets), np.int64, n)
        w = np.ones(n, np.int64) if edges is None else np.asarray(edges, np.int64)
        known = (a >= 0) & (b >= 0)
        self.add_positions(a[known], b[known], w[known])

    def add_positions(self, source: Positions, target: Positions, edges: Positions) -> None:
        """Edges between firms given by their positions in :attr:`ids` (loops left out)."""
        apart = source != target
        self.parts.append((source[apart], target[apart], edges[apart]))

    def counts(self) -> PairCounts:
        """The pairs added, each once with its edges summed, in order."""
        n = max(len(self.ids), 1)
        empty = np.zeros(0, np.int64)
        a = np.concatenate([p[0] for p in self.parts] or [empty])
        b = np.concatenate([p[1] for p in self.parts] or [empty])
        w = np.concatenate([p[2] for p in self.parts] or [empty])
        pairs, which = np.unique(a * n + b, return_inverse=True)
        summed = np.bincount(which, weights=w, minlength=len(pairs)).astype(np.int64)
        return PairCounts(self.ids, pairs // n, pairs % n, summed)


def check_tie_rel(rel: Rel) -> Rel:
    """``rel`` if it ties two firms (:data:`TIE_RELS`), else ``InvalidOption``."""
    if rel not in TIE_RELS:
        raise InvalidOption("rel", f"rel must be one of {[r.value for r in TIE_RELS]}")
    return rel


class StoreCounts(ABC):
    """The counts of :class:`~graph.store.GraphStore`."""

    @abstractmethod
    def stats(self, *, as_of: date | None = None) -> Stats:
        """Headline figures (DESIGN.md §6) and counts of every node and edge kind."""

    @abstractmethod
    def supply_pairs(self, *, as_of: date | None = None) -> list[tuple[str, str]]:
        """Distinct ``(supplier, buyer)`` id pairs with at least one SUPPLIES edge, sorted: the
        projection the network analytics need, without the edges' properties."""

    def pair_counts(self, rel: Rel, *, as_of: date | None = None) -> PairCounts:
        """How many ``rel`` edges (SUPPLIES or COOPERATES: :data:`TIE_RELS`) join each ordered
        pair of two firms in the map: the weights of the tie network
        (:mod:`graph.queries.network`) without the edges' properties. By default counted
        from :meth:`GraphStore.edges`; the embedded store counts its rows, Neo4j counts in
        the server (``cypher/pair_counts_supplies``, ``cypher/pair_counts_cooperates``)."""
        store = cast("GraphStore", self)
        firms = store.nodes(Label.ENTERPRISE, fields=(), as_of=as_of)
        counter = PairCounter([f["id"] for f in firms])
        found = store.edges(check_tie_rel(rel), as_of=as_of)
        counter.add([e["source"] for e in found], [e["target"] for e in found])
        return counter.counts()

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

    def supply_place_counts(
        self, regions: Collection[str], *, as_of: date | None = None
    ) -> dict[Places, tuple[int, int]]:
        """How many SUPPLIES edges join firms of each pair of places, and how many of those
        cross chains: ``{(source region, source stage, target region, target stage):
        (edges, cross_chain)}``, sorted, where a region not among ``regions`` is ``None`` (as
        is a stage or region a firm has none of). An edge crosses chains when its supplier
        is in no chain or in another than its buyer's (graph/queries/panorama.py,
        ``crosses``). The folded map's counts between groups of firms (graph/queries/
        map_fold.py). By default counted from every firm's places and every edge's ends;
        Neo4j counts them in the server (``cypher/supply_place_counts.cypher``): at 1,000,000
        firms the 10,000,000 edges' ends took 58.6 s to cross Bolt."""
        store = cast("GraphStore", self)
        firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, fields=PLACED, as_of=as_of)}
        known = set(regions)
        edges: Counter[Places] = Counter()
        crossing: Counter[Places] = Counter()
        for a, b, _ in store.adjacent_keys(
            Rel.SUPPLIES, sorted(firms), direction="out", as_of=as_of
        ):
            fa, fb = firms.get(a), firms.get(b)
            if fa is None or fb is None:
                continue
            key = (*place(fa, known), *place(fb, known))
            edges[key] += 1
            crossing[key] += crosses_chains(fa.get("chain_id"), fb.get("chain_id"))
        return in_order({k: (edges[k], crossing[k]) for k in edges})

    def maker_place_counts(
        self, product_ids: Collection[str], regions: Collection[str], *, as_of: date | None = None
    ) -> dict[MakerPlaces, int]:
        """How many PRODUCES edges enter each of ``product_ids`` from firms of each place and
        chain: ``{(product id, region, stage, chain): edges}``, sorted, where a region not
        among ``regions`` is ``None`` (as is a stage, region or chain a firm has none of). The
        folded map's counts for a product group opened: at 1,000,000 firms the 1,703 products
        of one group have 372,000 makers' edges, whose keys and makers' places took 7 s of the
        opening's 9 s to read. By default counted from the edges' keys and the makers' places;
        Neo4j counts them in the server (``cypher/maker_place_counts.cypher``)."""
        store = cast("GraphStore", self)
        made = store.adjacent_keys(Rel.PRODUCES, set(product_ids), direction="in", as_of=as_of)
        makers = sorted({a for a, _, _ in made})
        firms = {
            f["id"]: f for f in store.nodes(Label.ENTERPRISE, makers, fields=PLACED, as_of=as_of)
        }
        known = set(regions)
        counts: Counter[MakerPlaces] = Counter()
        for a, b, _ in made:
            f = firms.get(a)
            if f is not None:
                counts[b, *place(f, known), f.get("chain_id")] += 1
        return in_order(dict(counts))

    def chain_member_counts(
        self, chain_id: str, *, as_of: date | None = None
    ) -> dict[MemberPlaces, int]:
        """How many of the chain's members on the day (:meth:`chain_members`) have each label,
        stage and region: ``{(label, stage, region id): members}``, sorted, ``None`` for a
        stage or region a member has none of (a product has no region); ``UnknownEntity``
        for an unknown chain. What the chains overview shows of the members. By default
        counted from the members' places; Neo4j counts them in the server
        (``cypher/chain_member_counts.cypher``): at 1,000,000 firms reading the four chains'
        members to count them took 11-20 s."""
        store = cast("GraphStore", self)
        members = store.chain_members(chain_id, fields=MEMBER_PLACED, as_of=as_of)
        counts = Counter((m["label"], *_stage_region(m)) for m in members)
        return in_order(dict(counts))

    def chain_links(self, chain_id: str, *, as_of: date | None = None) -> ChainLinks:
        """The :class:`ChainLinks` of the chain's firms on the day (:meth:`chain_members`;
        ``UnknownEntity`` for an unknown chain). By default counted from the keys of the
        supplies into them; Neo4j counts them in the server, by chunks of firms
        (``cypher/chain_links.cypher``): at 1,000,000 firms a grouped panorama read 2.9M
        links' keys, sorted them and counted them in Python for 32 s of its 50."""
        store = cast("GraphStore", self)
        members = store.chain_members(chain_id, fields=MEMBER_PLACED, as_of=as_of)
        firms = {m["id"]: m for m in members if m["label"] == Label.ENTERPRISE.value}
        degrees: Counter[str] = Counter()
        places: Counter[LinkPlaces] = Counter()
        into = store.adjacent_keys(Rel.SUPPLIES, sorted(firms), direction="in", as_of=as_of)
        for a, b, p in into:
            supplier, buyer = firms.get(a), firms[b]
            if supplier is not None:
                degrees[a] += 1
                degrees[b] += 1
                places[(*_stage_region(supplier), *_stage_region(buyer), p)] += 1
        return ChainLinks(dict(sorted(degrees.items())), in_order(dict(places)))

    def chain_cover(self, chain_id: str, *, as_of: date | None = None) -> ChainCover:
        """The :class:`ChainCover` of the chain's firms on the day (:meth:`chain_members`;
        ``UnknownEntity`` for an unknown chain). By default counted from the keys of their
        supplies in, their products and their needs; Neo4j counts them in the server, by
        chunks of firms (``cypher/chain_cover.cypher``): at 1,000,000 firms the chains
        overview read 10,000,000 supplies' keys and 3,200,000 needs to count them."""
        store = cast("GraphStore", self)
        firms = store.chain_members(chain_id, fields=(), as_of=as_of)
        ids = sorted(f["id"] for f in firms if f["label"] == Label.ENTERPRISE.value)
        inside = set(ids)
        into = store.adjacent_keys(Rel.SUPPLIES, ids, direction="in", as_of=as_of)
        bought = {(b, p) for _, b, p in into}
        made = {
            (f, p)
            for f, p, _ in store.adjacent_keys(Rel.PRODUCES, ids, direction="out", as_of=as_of)
        }
        counts: dict[str, list[int]] = {}
        for f, p, _ in store.adjacent_keys(Rel.NEEDS, ids, direction="out", as_of=as_of):
            count = counts.setdefault(p, [0, 0, 0])
            count[0] += 1
            count[1] += (f, p) in made
            count[2] += (f, p) in bought
        links = sum(1 for a, _, _ in into if a in inside)
        return ChainCover(links, {p: NeedCount(*counts[p]) for p in sorted(counts)})


def _stage_region(member: dict[str, Any]) -> tuple[str | None, str | None]:
    """A chain member's :data:`MEMBER_PLACED`: its stage and region, ``None`` where none."""
    return member.get("stage"), member.get("region_id")


#: the fields that place a firm for the counts by place, and its chain
PLACED = ("region_id", "stage", "chain_id")


def place(firm: dict[str, Any], regions: Collection[str]) -> tuple[str | None, str | None]:
    """A firm's place as the counts by place name it: its region (``None`` when not among
    ``regions``) and its stage."""
    region = firm.get("region_id")
    return (region if region in regions else None), firm.get("stage")


def crosses_chains(supplier_chain: str | None, buyer_chain: str | None) -> bool:
    """Whether a supply crosses chains: its supplier is in no chain, or in another than its
    buyer's (``cypher/supply_place_counts.cypher`` counts by the same rule).

    >>> crosses_chains("poly", "poly"), crosses_chains("poly", "dye"), crosses_chains(None, None)
    (False, True, True)
    """
    return not supplier_chain or supplier_chain != buyer_chain


def in_order(counts: dict[K, V]) -> dict[K, V]:
    """``counts`` by places (tuples of names), ``None`` before any name."""
    return {
        k: counts[k] for k in sorted(counts, key=lambda k: [(p is not None, p or "") for p in k])
    }
