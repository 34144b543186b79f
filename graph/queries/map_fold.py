"""The panorama folded where it is read: what the map and the briefing draw of a province.

The map draws at most :data:`NODE_LIMIT` nodes; a larger panorama is folded by the rules of
:mod:`graph.queries.fold` (firms by district and stage, products by chain and stage). Folding
the whole answer after reading it held every firm and supply edge with its properties: at
100,000 firms 102,579 nodes and 1,292,212 edges, 36.5 s on Neo4j and 3.4 GB, for a picture
of about 2,000 nodes; at 1,000,000 firms more memory than the machine has.

:func:`folded_panorama` reads the map's outline instead (:mod:`graph.queries.map_outline`:
each group's size, the members only of groups small enough to open, every edge counted
between groups), decides the fold from the groups' sizes, and reads whole only the nodes
and edges still drawn one by one: the members of the groups left open and their own edges,
which it takes off the counts. Its answer is what ``aggregate(panorama(store, chain_id),
limit, expand)`` gives, node for node and edge for edge
(``tests/graph/queries/test_map_fold*.py``, on both stores); a panorama that fits is
:func:`~graph.queries.panorama.panorama` itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Iterable
from functools import partial
from typing import Any, TypedDict, cast

from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.fold import (
    DISTRICT_IDS,
    NODE_LIMIT,
    chain_names,
    counted_edge,
    folding,
    group_node,
)
from chainatlas.graph.queries.map_outline import (
    IN_CHAIN,
    PRODUCES,
    SUPPLIES,
    Keep,
    Member,
    Outline,
    computed,
    outline,
    place_of,
    placed,
)
from chainatlas.graph.queries.panorama import (
    drawn_counts,
    in_chain_edge,
    node_entry,
    panorama,
    produces_edge,
    supply_edge,
)
from chainatlas.graph.queries.subgraph import NODE_FIELDS, node_key
from chainatlas.graph.shapes import Subgraph
from chainatlas.graph.store import GraphStore

#: an edge of the map of one type: its ends' node keys and its key
Edge = tuple[str, str, str]


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
    page and the briefing share one entry per chain and groups opened, and every fold of one
    map its outline. Only the groups that can open count (folded, and not larger than
    ``limit``): asking for another changes nothing, so it is answered by the map with none
    open, not computed again (at 1,000,000 firms a click on a group too large to draw took
    98 s for the same picture)."""

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
    ``keep``: where the caller keeps what every fold of this map reads alike, its outline (at
    1,000,000 firms 35 s of each opening of a group read it again).
    :class:`~graph.errors.UnknownEntity` for an unknown chain."""
    o = keep("map outline", (chain_id, limit), lambda: outline(store, chain_id, limit, keep))
    fold = folding(o.sizes, total=o.total, limit=limit, expand=expand)
    if not fold:
        whole = panorama(store, chain_id=chain_id)
        return {
            "graph": whole,
            "folded": {},
            "whole": {"nodes": len(whole["nodes"]), "edges": len(whole["edges"])},
            "drawn": drawn_counts(whole),
        }
    return _Folding(store, o, fold).answer()


class _Folding:
    """The folded answer of one outline and fold (``fold``: the groups folded). Every group
    not folded is small (a larger one always folds), so its members are in the outline."""

    def __init__(self, store: GraphStore, o: Outline, fold: set[str]) -> None:
        self.store, self.o, self.groups = store, o, fold
        self.open: dict[str, Member] = {
            k: m for g, members in o.small.items() if g not in fold for k, m in members.items()
        }
        self.near: dict[str, Member] = dict(self.open)  # and the other ends of their edges
        self.nodes: dict[str, dict[str, Any]] = {}
        self.edges: list[dict[str, Any]] = []
        self.counts: Counter[tuple[str, str, str]] = Counter()

    def answer(self) -> FoldedMap:
        o = self.o
        for c in o.chains:
            self._add(node_entry(Label.CHAIN.value, c))
        self._whole_nodes()
        for n in o.out_nodes:
            self._add(n)
        between = o.between.copy()
        own = self._own_edges()
        # where the outline counted each end (its group), and where it is drawn (its group
        # if folded); a chain or an outside source is itself in both
        place = {k: m.group for k, m in self.near.items()}
        at = {k: g if g in self.groups else k for k, g in place.items()}
        for rel, ends in own.items():
            drawn: list[Edge] = []
            for edge in ends:
                a, b = edge[0], edge[1]
                between[place.get(a, a), place.get(b, b), rel] -= 1
                if self._tally(at.get(a, a), at.get(b, b), rel, 1):
                    drawn.append(edge)
            self._draw(rel, drawn)
        for (group, target), made in self._makers_counted().items():
            between[group, place[target], PRODUCES] -= made
            self._tally(group, at[target], PRODUCES, made)
        for (a, b, rel), left in between.items():
            if left:  # both ends folded, or one folded and the other a chain or outside source
                self._tally(a, b, rel, left)
        names = chain_names(self.nodes.values())
        for g in sorted(self.groups):
            self._add(group_node(g, o.sizes[g], names))
        self.edges += [counted_edge(a, b, rel, n) for (a, b, rel), n in self.counts.items()]
        self.edges.sort(key=lambda e: (e["source"], e["target"], e["rel"], e["key"]))
        return {
            "graph": cast(
                Subgraph,
                {"nodes": [self.nodes[k] for k in sorted(self.nodes)], "edges": self.edges},
            ),
            "folded": {g: o.sizes[g] for g in sorted(self.groups)},
            "whole": {"nodes": o.total, "edges": o.edges},
            "drawn": dict(o.drawn),
        }

    def _add(self, node: dict[str, Any]) -> None:
        self.nodes[node["key"]] = node

    def _whole_nodes(self) -> None:
        """The members drawn one by one, read with the fields a panorama draws."""
        for label in (Label.ENTERPRISE, Label.PRODUCT):
            for outsider in (False, True):
                extra = {"cross_chain": True} if outsider else {}
                ids = [
                    m.node["id"]
                    for m in self.open.values()
                    if m.label is label and m.outsider is outsider
                ]
                if ids:
                    for n in self.store.nodes(label, ids, fields=NODE_FIELDS):
                        self._add(node_entry(label.value, n, **extra))

    def _tally(self, a: str, b: str, rel: str, n: int) -> bool:
        """Whether ``n`` edges whose ends are drawn at ``a`` and ``b`` are drawn themselves
        (neither end folded); if not, they are counted between the two (none within a group)."""
        if a not in self.groups and b not in self.groups:
            return True
        if a != b:
            self.counts[(a, b, rel)] += n
        return False

    def _own_edges(self) -> dict[str, set[Edge]]:
        """Every edge of the map with an end among the members drawn one by one, by type, and
        (in :attr:`near`) each end's member with its place."""
        o, store, firm, product = self.o, self.store, Label.ENTERPRISE, Label.PRODUCT
        firms = sorted(m.node["id"] for m in self.open.values() if m.label is firm)
        own = sorted(m.node["id"] for m in self.open.values() if m.label is firm and not m.outsider)
        supplies = store.adjacent_keys(Rel.SUPPLIES, firms, direction="out")
        supplies += store.adjacent_keys(Rel.SUPPLIES, own, direction="in")
        made = store.adjacent_keys(Rel.PRODUCES, own, direction="out")
        # the open products' makers drawn one by one are open firms, whose edges are in
        # `made`; those of folded groups are counted by place (_makers_counted)
        far: dict[Label, set[str]] = {firm: set(), product: set()}
        for a, b, _ in supplies:
            far[firm].update((a, b))
        for a, b, _ in made:
            far[firm].add(a)
            far[product].add(b)
        keys = {label: {i: node_key(label, i) for i in ids} for label, ids in far.items()}
        for label, of in keys.items():
            unknown = (i for i, k in of.items() if k not in self.near)
            self.near.update(placed(store, label, unknown))
        fk, pk = keys[firm], keys[product]
        # which ends are in the map, each once: as a supplier, as a firm of the map, a product
        supplier = {i for i, k in fk.items() if self._in_map(k, supplier=True)}
        firm_in = {i for i, k in fk.items() if self._in_map(k)}
        product_in = {i for i, k in pk.items() if self._in_map(k)}
        edges: dict[str, set[Edge]] = {
            SUPPLIES: {(fk[a], fk[b], k) for a, b, k in supplies if a in supplier and b in firm_in},
            PRODUCES: {(fk[a], pk[b], k) for a, b, k in made if a in firm_in and b in product_in},
            IN_CHAIN: set(),
        }
        shown = {c["id"] for c in o.chains}
        for key, m in self.open.items():
            chain = m.node.get("chain_id")
            if chain in shown and not m.outsider:
                edges[IN_CHAIN].add((key, node_key(Label.CHAIN, str(chain)), ""))
            for e in o.out_edges.get(key, ()):
                edges.setdefault(e["rel"], set()).add((e["source"], key, e["key"]))
        return edges

    def _makers_counted(self) -> Counter[tuple[str, str]]:
        """The PRODUCES edges into the open products from firms of the map in folded groups:
        ``(group, product key) → edges``, counted by the store by the makers' places (at
        1,000,000 firms the 1,703 products of one group have 372,000 such edges)."""
        firm, product = Label.ENTERPRISE, Label.PRODUCT
        products = sorted(m.node["id"] for m in self.open.values() if m.label is product)
        counted: Counter[tuple[str, str]] = Counter()
        if not products:
            return counted
        for (pid, region, stage, chain), n in self.store.maker_place_counts(
            products, DISTRICT_IDS
        ).items():
            group = place_of(firm, {"region_id": region, "stage": stage})
            if group in self.groups and self.o.in_map(firm, {"chain_id": chain}):
                counted[group, node_key(product, pid)] += n
        return counted

    def _in_map(self, key: str, *, supplier: bool = False) -> bool:
        """Whether the firm or product ``key`` (read with its place) is a node of the map."""
        m = self.near.get(key)
        if m is None:
            return False  # not in the map on the store's day
        if key in self.open:  # a firm of another chain only as a supplier
            return supplier or not m.outsider
        return self.o.in_map(m.label, m.node, supplier=supplier)

    def _draw(self, rel: str, edges: Iterable[Edge]) -> None:
        """The edges of type ``rel`` between two nodes drawn one by one, read whole."""
        wanted = set(edges)
        if not wanted:
            return
        if rel == IN_CHAIN:
            for a, _, _ in sorted(wanted):
                m = self.open[a]
                self.edges.append(in_chain_edge(m.label, m.node))
        elif rel in (SUPPLIES, PRODUCES):
            target = Label.ENTERPRISE if rel == SUPPLIES else Label.PRODUCT
            chain_of = {m.node["id"]: m.node.get("chain_id") for m in self.near.values()}
            sources = sorted({self.near[a].node["id"] for a, _, _ in wanted})
            for e in self.store.adjacent(Rel(rel), sources, direction="out"):
                found = (node_key(Label.ENTERPRISE, e["source"]), node_key(target, e["target"]))
                if (*found, e["key"]) in wanted:
                    drawn = supply_edge(e, chain_of) if rel == SUPPLIES else produces_edge(e)
                    self.edges.append(drawn)
        else:  # an outside source's, kept whole in the outline
            self.edges += [
                e
                for a, b, key in sorted(wanted)
                for e in self.o.out_edges[b]
                if e["source"] == a and e["key"] == key
            ]
