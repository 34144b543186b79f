"""What every fold of one map reads alike: its outline.

A map folds its groups (:mod:`graph.queries.fold`) and draws one by one the members of the
groups left open. Which groups fold changes with each click on the map; what they fold does
not. The outline is that part, read once per map, version of the graph and day:

- how many members each group has, and the members themselves (the fields that place them)
  only of the groups a fold can leave open: those of at most the view's limit, since a group
  of more members than the limit always folds (:func:`~graph.queries.fold.folding`);
- every edge of the map counted between the places of its ends with every group folded
  (:attr:`Outline.between`): a firm's or product's group, a chain or an outside source itself;
- the outside sources, and the totals the answer reports.

Folding with some groups open (:mod:`graph.queries.map_fold`) then reads only the open
groups' members and their own edges, and takes those edges off the counts. At 1,000,000
firms an opening read every firm's and product's place and every PRODUCES edge again
(35–47 s); what the outline keeps is a few thousand members and a few hundred counts.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from typing import Any, NamedTuple, Protocol, TypeVar

from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.fold import DISTRICT_IDS, group_of
from chainatlas.graph.queries.panorama import crosses, outside_sources
from chainatlas.graph.queries.subgraph import node_key
from chainatlas.graph.store import GraphStore
from chainatlas.graph.store_counts import Places

#: what places a firm or a product in a group, and in a chain
SKELETON = ("region_id", "chain_id", "stage")
SUPPLIES, PRODUCES, IN_CHAIN = Rel.SUPPLIES.value, Rel.PRODUCES.value, Rel.IN_CHAIN.value

T = TypeVar("T")


class Keep(Protocol):
    """Where a fold keeps what every fold of the same map reads alike (the outline, the counts
    by place, the outside sources): ``AnalyticsCache.get`` of one store, or :func:`computed`."""

    def __call__(self, name: str, args: tuple[Hashable, ...], compute: Callable[[], T]) -> T: ...


def computed(name: str, args: tuple[Hashable, ...], compute: Callable[[], T]) -> T:
    """Keep nothing: compute it now."""
    return compute()


class Member(NamedTuple):
    """A firm or product of the map (:func:`member`): its node key, its group, its fields
    (:data:`SKELETON`); ``outsider``: a firm of another chain, drawn because it supplies the
    chain's firms."""

    key: str
    group: str
    label: Label
    node: dict[str, Any]
    outsider: bool


def member(label: Label, node: dict[str, Any], *, outsider: bool = False) -> Member:
    """A firm or product the store read with its :data:`SKELETON` fields, placed."""
    return Member(node_key(label, node["id"]), place_of(label, node), label, node, outsider)


def place_of(label: Label, node: dict[str, Any]) -> str:
    """The group of a firm or a product placed by its :data:`SKELETON` fields."""
    return str(group_of({"label": label.value, **node}))


@dataclass(frozen=True)
class Outline:
    """One map's outline (the module says what it holds). ``chain_id`` None: every firm's map.
    ``small``: each group of at most the limit's members, its members by key. ``between``:
    ``(place, place, rel) → edges`` with every group folded. ``out_edges``: each outside
    source's edges by the key of the firm in need."""

    chain_id: str | None
    chains: list[dict[str, Any]]
    sizes: dict[str, int]
    small: dict[str, dict[str, Member]]
    between: Counter[tuple[str, str, str]]
    out_nodes: list[dict[str, Any]]
    out_edges: dict[str, list[dict[str, Any]]]
    total: int
    edges: int
    drawn: dict[str, int]

    def in_map(self, label: Label, node: dict[str, Any], *, supplier: bool = False) -> bool:
        """Whether a firm or product the store read (with :data:`SKELETON` fields) is in this
        map: every firm's map holds every firm and each product of a chain; a chain's map its
        members and, as ``supplier`` of its firms, any firm."""
        if self.chain_id is None:
            return label is Label.ENTERPRISE or bool(node.get("chain_id"))
        return supplier or node.get("chain_id") == self.chain_id


def outline(store: GraphStore, chain_id: str | None, limit: int, keep: Keep = computed) -> Outline:
    """The outline of every firm's map (``chain_id=None``) or of one chain's, for folds of at
    most ``limit`` nodes. :class:`~graph.errors.UnknownEntity` for an unknown chain."""
    chains = store.nodes(Label.CHAIN)
    firm, product = Label.ENTERPRISE, Label.PRODUCT
    if chain_id is None:
        firms = store.nodes(firm, fields=SKELETON)
        products = [p for p in store.nodes(product, fields=SKELETON) if p.get("chain_id")]
        shown = chains
    else:
        members = store.chain_members(chain_id, fields=SKELETON)
        firms = [m for m in members if m["label"] == firm.value]
        products = [m for m in members if m["label"] == product.value]
        shown = [c for c in chains if c["id"] == chain_id]
    ids = [f["id"] for f in firms]
    # each firm's and product's group by id (a province's million node keys are not built)
    firm_at = {f["id"]: place_of(firm, f) for f in firms}
    product_at = {p["id"]: place_of(product, p) for p in products}
    between: Counter[tuple[str, str, str]] = Counter()
    outsiders: list[dict[str, Any]] = []
    if chain_id is None:
        supplies, crossing = _supplies_by_place(keep, store, between)
    else:  # the firms of other chains that supply the chain's are drawn too
        supplied = store.adjacent_keys(Rel.SUPPLIES, ids, direction="in")
        others = sorted({a for a, _, _ in supplied} - firm_at.keys())
        outsiders = store.nodes(firm, others, fields=SKELETON)
        firm_at.update((f["id"], place_of(firm, f)) for f in outsiders)
        between.update((firm_at[a], firm_at[b], SUPPLIES) for a, b, _ in supplied)
        chain_of = {f["id"]: f.get("chain_id") for f in (*firms, *outsiders)}
        supplies, crossing = len(supplied), sum(crosses(chain_of, a, b) for a, b, _ in supplied)
    made = store.adjacent_keys(Rel.PRODUCES, ids, direction="out")
    produced = Counter((firm_at[a], product_at[b]) for a, b, _ in made if b in product_at)
    between.update({(a, b, PRODUCES): n for (a, b), n in produced.items()})
    chain_key = {c["id"]: node_key(Label.CHAIN, c["id"]) for c in shown}
    in_chain = Counter(
        (at[m["id"]], chain_key[m["chain_id"]])
        for at, of in ((firm_at, firms), (product_at, products))
        for m in of
        if m.get("chain_id") in chain_key
    )
    between.update({(g, c, IN_CHAIN): n for (g, c), n in in_chain.items()})
    needing = None if chain_id is None else ids  # every firm, or the chain's
    out_nodes, outside = keep("map outside", (chain_id,), lambda: outside_sources(store, needing))
    out_edges: dict[str, list[dict[str, Any]]] = defaultdict(list)
    prefix = node_key(firm, "")
    for e in outside:
        g = firm_at.get(e["target"].removeprefix(prefix))
        if g is not None:
            out_edges[e["target"]].append(e)
            between[e["source"], g, e["rel"]] += 1
    sizes = Counter(firm_at.values())
    sizes.update(product_at.values())
    small: dict[str, dict[str, Member]] = {g: {} for g, n in sizes.items() if n <= limit}
    for label, at, of, outsider in (
        (firm, firm_at, firms, False),
        (firm, firm_at, outsiders, True),
        (product, product_at, products, False),
    ):
        for n in of:
            if at[n["id"]] in small:
                m = member(label, n, outsider=outsider)
                small[m.group][m.key] = m
    links = sum(map(len, out_edges.values()))
    return Outline(
        chain_id=chain_id,
        chains=shown,
        sizes=dict(sizes),
        small=small,
        between=between,
        out_nodes=out_nodes,
        out_edges=dict(out_edges),
        total=len(shown) + len(firm_at) + len(product_at) + len(out_nodes),
        edges=supplies + in_chain.total() + produced.total() + links,
        drawn={
            "supplies": supplies,
            "cross_chain": crossing,
            "outside_sources": len(out_nodes),
            "outside_links": links,
        },
    )


def _supplies_by_place(
    keep: Keep, store: GraphStore, between: Counter[tuple[str, str, str]]
) -> tuple[int, int]:
    """Every firm's map: the store counts the supplies between places (a firm's region and
    stage, which make its group; :func:`supply_places`), added to ``between`` by group; how
    many supplies the map has, and how many cross chains."""
    edges = crossing = 0
    for (sr, ss, tr, ts), (n, c) in keep("supply places", (), lambda: supply_places(store)).items():
        a = place_of(Label.ENTERPRISE, {"region_id": sr, "stage": ss})
        b = place_of(Label.ENTERPRISE, {"region_id": tr, "stage": ts})
        between[a, b, SUPPLIES] += n
        edges, crossing = edges + n, crossing + c
    return edges, crossing


def supply_places(store: GraphStore) -> dict[Places, tuple[int, int]]:
    """The supplies between places the folded map counts: the map's districts by name, any
    other region as one (:data:`~graph.queries.fold.DISTRICT_IDS`)."""
    return store.supply_place_counts(DISTRICT_IDS)


def placed(store: GraphStore, label: Label, ids: Iterable[str]) -> dict[str, Member]:
    """The firms or products ``ids`` as the store has them, with their places, by key."""
    found = store.nodes(label, sorted(set(ids)), fields=SKELETON)
    return {m.key: m for m in (member(label, n) for n in found)}
