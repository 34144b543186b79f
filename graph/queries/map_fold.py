"""The panorama folded where it is read: what the map and the briefing draw of a province.

The map draws at most :data:`NODE_LIMIT` nodes; a larger panorama is folded by the rules of
:mod:`graph.queries.fold` (firms by district and stage, products by chain and stage). Folding
the whole answer after reading it held every firm and supply edge with its properties: at
100,000 firms 102,579 nodes and 1,292,212 edges, 36.5 s on Neo4j and 3.4 GB, for a picture
of about 2,000 nodes; at 1,000,000 firms more memory than the machine has.

:func:`folded_panorama` reads the panorama's skeleton instead: each firm's and product's
id with the three fields that place it in a group, and the ``(source, target, key)`` of each
edge. It decides the fold from the groups' sizes, counts the edges of folded members between
groups, and reads whole only the nodes and edges still drawn one by one. Its answer is what
``aggregate(panorama(store, chain_id), limit, expand)`` gives, node for node and edge for
edge (``tests/graph/queries/test_map_fold.py``, on both stores); a panorama that fits is
:func:`~graph.queries.panorama.panorama` itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Collection, Hashable, Iterable
from functools import partial
from typing import Any, Protocol, TypedDict, TypeVar, cast

from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.fold import (
    DISTRICT_IDS,
    NODE_LIMIT,
    chain_names,
    counted_edge,
    folding,
    group_node,
    group_of,
)
from chainatlas.graph.queries.panorama import (
    crosses,
    drawn_counts,
    in_chain_edge,
    node_entry,
    outside_sources,
    panorama,
    produces_edge,
    supply_edge,
)
from chainatlas.graph.queries.subgraph import NODE_FIELDS, node_key
from chainatlas.graph.shapes import Subgraph
from chainatlas.graph.store import Direction, GraphStore
from chainatlas.graph.store_counts import Places

#: what places a firm or a product in a group, and in a chain
SKELETON = ("region_id", "chain_id", "stage")


T = TypeVar("T")


class Keep(Protocol):
    """Where a fold keeps what every fold of the same map reads alike (the counts by place,
    the outside sources): ``AnalyticsCache.get`` of one store, or :func:`computed`."""

    def __call__(self, name: str, args: tuple[Hashable, ...], compute: Callable[[], T]) -> T: ...


def computed(name: str, args: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """Keep nothing: compute it now."""
    return compute()


class FoldedMap(TypedDict):
    """A panorama as the map draws it: ``graph`` (folded groups are ``Group`` nodes),
    ``folded`` (group key → how many members it stands for), ``whole`` (how many nodes and
    edges the unfolded panorama has) and ``drawn`` (:func:`drawn_counts` of it)."""

    graph: Subgraph
    folded: dict[str, int]
    whole: dict[str, int]
    drawn: dict[str, int]


def kept_map(
    cache: AnalyticsCache,
    store: GraphStore,
    chain_id: str | None = None,
    expand: Collection[str] = (),
    limit: int = NODE_LIMIT,
) -> FoldedMap:
    """:func:`folded_panorama`, kept per version of the graph and day in ``cache``: the map
    page and the briefing share one entry per chain and groups opened. Only the groups that
    can open count (folded, and not larger than ``limit``): asking for another changes
    nothing, so it is answered by the map with none open, not computed again (at 1,000,000
    firms a click on a group too large to draw took 98 s for the same picture)."""

    keep = partial(cache.get, store)  # what every opening of this map reads alike

    def read(opened: tuple[str, ...]) -> FoldedMap:
        return cache.get(
            store,
            "map",
            (chain_id, opened, limit),
            lambda: folded_panorama(
                store, chain_id=chain_id, expand=opened, limit=limit, keep=keep
            ),
        )

    closed = read(())
    sizes = closed["folded"]
    opened = tuple(sorted(g for g in set(expand) if 0 < sizes.get(g, 0) <= limit))
    return read(opened) if opened else closed


def folded_panorama(
    store: GraphStore,
    *,
    chain_id: str | None = None,
    expand: Collection[str] = (),
    limit: int = NODE_LIMIT,
    keep: Keep = computed,
) -> FoldedMap:
    """The panorama of every chain (``chain_id=None``) or of one, folded to at most ``limit``
    nodes (if it can be) with the groups in ``expand`` open (the module says how).
    ``keep``: where the caller keeps what every fold of this map reads alike (at 1,000,000
    firms the counts by place took 40 s, the outside sources 18 s, at each opening of a
    group). :class:`~graph.errors.UnknownEntity` for an unknown chain."""
    s = _Skeleton(store, chain_id, keep)
    fold = folding(Counter(s.group.values()), total=s.total, limit=limit, expand=expand)
    if not fold:
        whole = panorama(store, chain_id=chain_id)
        return {
            "graph": whole,
            "folded": {},
            "whole": {"nodes": len(whole["nodes"]), "edges": len(whole["edges"])},
            "drawn": drawn_counts(whole),
        }
    where = {k: g for k, g in s.group.items() if g in fold}
    return _Folding(store, s, where).answer()


class _Skeleton:
    """The panorama's nodes by id and group, its supply and production edges by their keys,
    and its outside sources whole (never folded: few, each a product)."""

    def __init__(
        self,
        store: GraphStore,
        chain_id: str | None,
        keep: Keep,
    ) -> None:
        chains = store.nodes(Label.CHAIN)
        self.store, self.whole_map, self.keep = store, chain_id is None, keep
        self.supplies: list[tuple[str, str, str]] = []  # a chain's: every firm's are counted
        if chain_id is None:
            firms = store.nodes(Label.ENTERPRISE, fields=SKELETON)
            products = [p for p in store.nodes(Label.PRODUCT, fields=SKELETON) if p.get("chain_id")]
            ids = [f["id"] for f in firms]
            self.chains = chains
        else:
            members = store.chain_members(chain_id, fields=SKELETON)
            firms = [m for m in members if m["label"] == Label.ENTERPRISE.value]
            products = [m for m in members if m["label"] == Label.PRODUCT.value]
            ids = [f["id"] for f in firms]
            self.supplies = store.adjacent_keys(Rel.SUPPLIES, ids, direction="in")
            self.chains = [c for c in chains if c["id"] == chain_id]
        self.firms, self.products, self.members = firms, products, set(ids)
        self.chain_of = {f["id"]: f.get("chain_id") for f in firms}
        # a chain's map draws the firms of other chains that supply it; every firm's map,
        # whose supplies join firms of the map, has none (its supplies are read if drawn)
        outsiders = sorted({a for a, _, _ in self.supplies} - self.members)
        self.outsiders = store.nodes(Label.ENTERPRISE, outsiders, fields=SKELETON)
        self.chain_of.update((f["id"], f.get("chain_id")) for f in self.outsiders)
        in_map = {p["id"] for p in products}
        made = store.adjacent_keys(Rel.PRODUCES, ids, direction="out")
        self.produces = [(a, b) for a, b, _ in made if b in in_map]
        needing = None if chain_id is None else ids  # every firm, or the chain's
        self.out_nodes, outside = keep(
            "map outside", (chain_id,), lambda: outside_sources(store, needing)
        )
        self.group: dict[str, str] = {}
        for label, nodes in ((Label.ENTERPRISE, firms), (Label.ENTERPRISE, self.outsiders)):
            for n in nodes:
                self.group[node_key(label, n["id"])] = str(group_of({"label": label.value, **n}))
        for p in products:
            self.group[node_key(Label.PRODUCT, p["id"])] = str(group_of({"label": "Product", **p}))
        self.out_edges = [e for e in outside if e["target"] in self.group]
        drawn = {c["id"] for c in self.chains}
        self.in_chain = [
            (label, m)
            for label, of in ((Label.ENTERPRISE, firms), (Label.PRODUCT, products))
            for m in of
            if m.get("chain_id") in drawn
        ]
        self.total = len(self.chains) + len(self.group) + len(self.out_nodes)

    def places(self) -> dict[Places, tuple[int, int]]:
        """:func:`supply_places` of the store (every firm's map)."""
        return self.keep("supply places", (), lambda: supply_places(self.store))


class _Folding:
    """The folded answer of one skeleton and fold (``where``: member key → its group)."""

    def __init__(self, store: GraphStore, skeleton: _Skeleton, where: dict[str, str]) -> None:
        self.store, self.s, self.where = store, skeleton, where
        self.groups = set(where.values())
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, Any]] = []
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def answer(self) -> FoldedMap:
        s = self.s
        for c in s.chains:
            self._add(node_entry(Label.CHAIN.value, c))
        self._whole_nodes(Label.ENTERPRISE, s.firms)
        self._whole_nodes(Label.ENTERPRISE, s.outsiders, cross_chain=True)
        self._whole_nodes(Label.PRODUCT, s.products)
        for n in s.out_nodes:
            self._add(n)
        supplies, crossing = self._supplies()
        self._produces()
        for label, m in s.in_chain:
            edge = in_chain_edge(label, m)
            if self._whole(edge["source"], edge["target"], edge["rel"]):
                self.edges.append(edge)
        for e in s.out_edges:
            if self._whole(e["source"], e["target"], e["rel"]):
                self.edges.append(e)
        members = Counter(self.where.values())
        names = chain_names(self.nodes.values())
        for g in sorted(members):
            self._add(group_node(g, members[g], names))
        self.edges += [counted_edge(a, b, rel, n) for (a, b, rel), n in self.counts.items()]
        self.edges.sort(key=lambda e: (e["source"], e["target"], e["rel"], e["key"]))
        edges = supplies + len(s.in_chain) + len(s.produces) + len(s.out_edges)
        return {
            "graph": cast(
                Subgraph,
                {"nodes": [self.nodes[k] for k in sorted(self.nodes)], "edges": self.edges},
            ),
            "folded": dict(sorted(members.items())),
            "whole": {"nodes": s.total, "edges": edges},
            "drawn": {
                "supplies": supplies,
                "cross_chain": crossing,
                "outside_sources": len(s.out_nodes),
                "outside_links": len(s.out_edges),
            },
        }

    def _add(self, node: dict[str, Any]) -> None:
        self.nodes[node["key"]] = node

    def _whole_nodes(self, label: Label, skeleton: list[dict[str, Any]], **extra: Any) -> None:
        """The nodes of ``skeleton`` not folded, read with the fields a panorama draws."""
        ids = [n["id"] for n in skeleton if node_key(label, n["id"]) not in self.where]
        for n in self.store.nodes(label, ids, fields=NODE_FIELDS):
            self._add(node_entry(label.value, n, **extra))

    def _whole(self, source: str, target: str, rel: str) -> bool:
        """Whether an edge between node keys ``source`` and ``target`` is drawn itself;
        if not, it is counted between their groups."""
        return self._tally(self.where.get(source, source), self.where.get(target, target), rel, 1)

    def _tally(self, a: str, b: str, rel: str, n: int) -> bool:
        """Whether ``n`` edges whose ends are drawn at ``a`` and ``b`` are drawn themselves
        (neither end folded); if not, they are counted between the two (none within a group)."""
        if a not in self.groups and b not in self.groups:
            return True
        if a != b:
            self.counts[(a, b, rel)] += n
        return False

    def _placed(self, label: Label, ids: Iterable[str]) -> dict[str, str]:
        """Where each node of ``label`` in ``ids`` is drawn: its group's key, or its own."""
        where = self.where
        return {i: where.get(k, k) for i in ids for k in (node_key(label, i),)}

    def _count(self, rel: str, pairs: Counter[tuple[str | None, str | None]]) -> set[str]:
        """Count ``pairs`` (where each edge's ends are drawn: ``None`` for an end not in the
        map) between groups; the node keys of the ends drawn one by one."""
        for (a, b), n in pairs.items():
            if a is not None and b is not None:
                self._tally(a, b, rel, n)
        return {k for pair in pairs for k in pair if k is not None and k not in self.groups}

    def _supplies(self) -> tuple[int, int]:
        """SUPPLIES between drawn ends read whole (by their buyers), the rest counted between
        groups; how many the map has, and how many cross chains. Every firm's map counts
        them by their ends' places instead (:meth:`_supplies_by_place`)."""
        s = self.s
        if s.whole_map:
            return self._supplies_by_place()
        self._drawn_supplies(s.supplies)
        return len(s.supplies), sum(crosses(s.chain_of, a, b) for a, b, _ in s.supplies)

    def _drawn_supplies(self, supplies: Iterable[tuple[str, str, str]]) -> None:
        """Each of ``supplies`` between two firms drawn one by one read whole (by its buyer);
        the others counted between where their ends are drawn."""
        s = self.s
        ends = {i for e in supplies for i in e[:2] if i in s.chain_of}  # in the map
        at = self._placed(Label.ENTERPRISE, ends)
        drawn = self._count(SUPPLIES, Counter((at.get(a), at.get(b)) for a, b, _ in supplies))
        if drawn:
            one = {i for i, k in at.items() if k in drawn}
            wanted = {(a, b, k) for a, b, k in supplies if a in one and b in one}
            buyers = sorted({b for _, b, _ in wanted})
            for e in self.store.adjacent(Rel.SUPPLIES, buyers, direction="in"):
                if (e["source"], e["target"], e["key"]) in wanted:
                    self.edges.append(supply_edge(e, s.chain_of))

    def _supplies_by_place(self) -> tuple[int, int]:
        """Every firm's map: the store counts the supplies between places (a firm's region and
        stage, which make its group). Those of the firms drawn one by one (in a group opened)
        are read by their keys, taken off their groups' counts and drawn or counted as they
        are: opening a group reads its members' supplies, not every supply of the map (at
        100,000 firms 1,000,000 keys)."""
        s, firm = self.s, Label.ENTERPRISE
        between: Counter[tuple[str, str]] = Counter()
        edges = crossing = 0
        for (sr, ss, tr, ts), (n, c) in s.places().items():
            a = group_of({"label": firm.value, "region_id": sr, "stage": ss})
            b = group_of({"label": firm.value, "region_id": tr, "stage": ts})
            between[str(a), str(b)] += n
            edges, crossing = edges + n, crossing + c
        drawn = sorted(f for f in s.members if node_key(firm, f) not in self.where)
        if drawn:
            # both ends in the map: a store seen on a day leaves out the facts of a firm
            # that is not in the map that day (graph/dated.py)
            near = {
                e
                for way in OUT_AND_IN
                for e in self.store.adjacent_keys(Rel.SUPPLIES, drawn, direction=way)
            }
            for a, b, _ in near:  # counted by the store between the groups its ends are in
                between[s.group[node_key(firm, a)], s.group[node_key(firm, b)]] -= 1
            self._drawn_supplies(sorted(near))
        for (a, b), n in between.items():
            if n:  # both ends folded
                self._tally(a, b, SUPPLIES, n)
        return edges, crossing

    def _produces(self) -> None:
        """PRODUCES between drawn ends read whole (by their makers), the rest counted."""
        s = self.s
        firm_at = self._placed(Label.ENTERPRISE, s.members)
        product_at = self._placed(Label.PRODUCT, (p["id"] for p in s.products))
        pairs = Counter((firm_at[a], product_at[b]) for a, b in s.produces)
        drawn = self._count(PRODUCES, pairs)  # type: ignore[arg-type]
        firms = {i for i, k in firm_at.items() if k in drawn}
        products = {i for i, k in product_at.items() if k in drawn}
        wanted = {(a, b) for a, b in s.produces if a in firms and b in products}
        makers = sorted({a for a, _ in wanted})
        for e in self.store.adjacent(Rel.PRODUCES, makers, direction="out"):
            if (e["source"], e["target"]) in wanted:
                self.edges.append(produces_edge(e))


SUPPLIES, PRODUCES = Rel.SUPPLIES.value, Rel.PRODUCES.value
OUT_AND_IN: tuple[Direction, Direction] = ("out", "in")


def supply_places(store: GraphStore) -> dict[Places, tuple[int, int]]:
    """The supplies between places the folded map counts: the map's districts by name, any
    other region as one (:data:`~graph.queries.fold.DISTRICT_IDS`)."""
    return store.supply_place_counts(DISTRICT_IDS)
