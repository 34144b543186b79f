"""Chains: the list of sub-chains and the panorama of one (全景图), for the chain's party
committee: firms and products by stage (上游 → 中游 → 下游) and by region, the supply links
between stages, and how much of the chain's firms' needs the map can meet.

Coverage counts needs, one per (firm, product) NEEDS edge of the chain's firms:

- ``producible``: some *other* firm in the map produces the product;
- ``supplied``: the firm has a current supplier of the product in the map (a SUPPLIES edge
  carrying it).

Shares are those counts over all needs (``None`` when the chain's firms need nothing).
Links count the SUPPLIES edges between two firms of the chain by (supplier stage, buyer
stage); firms without a stage count under ``未分`` (unstaged).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import Any, cast

from chainatlas.graph.dated import on_day
from chainatlas.graph.model import STAGE_EN, Label, Rel, Stage
from chainatlas.graph.queries.answers import ChainPanorama, ChainSummary
from chainatlas.graph.queries.panorama_groups import (
    PANORAMA_BUDGET,
    TOP_FIRMS,
    UNSTAGED,
    ChainFirm,
    chain_firms,
    grouped_graph,
    ranked_firms,
    staged,
)
from chainatlas.graph.queries.subgraph import Subgraph, node_key, ref
from chainatlas.graph.shapes import Subgraph as Graph
from chainatlas.graph.shapes import SubgraphEdge, SubgraphNode
from chainatlas.graph.store import GraphStore
from chainatlas.graph.store_counts import ChainCover

STAGES = [s.value for s in Stage] + [UNSTAGED]


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


#: what a survey reads of each member: what the answers show of it (``id`` and ``label``
#: come with every member); a province's chain holds 290,000 firms of some 20 fields each
MEMBER_FIELDS = ("name", "region_id", "scale", "stage")


def makers_count(store: GraphStore) -> dict[str, int]:
    """How many firms make each product that some firm makes (one count in the server, not
    every maker over the wire): what a survey's coverage asks of the makers."""
    return {c["product_id"]: c["producers"] for c in store.product_counts() if c["producers"]}


def _survey(store: GraphStore, chain_id: str, *, coverage: bool = True) -> dict[str, Any]:
    """Everything a chain's panorama or firm list needs, fetched once: the chain, its firms
    and products with :data:`MEMBER_FIELDS`, its links counted (a ``ChainLinks``), the
    regions; with ``coverage``, the coverage."""
    chain = store.node(Label.CHAIN, chain_id)
    members = store.chain_members(chain_id, fields=MEMBER_FIELDS)
    firms = [m for m in members if m["label"] == Label.ENTERPRISE.value]
    products = [m for m in members if m["label"] == Label.PRODUCT.value]
    found: dict[str, Any] = {}
    if coverage:  # counted by the store (Neo4j: in the server), not read to be counted here
        found["coverage"] = _coverage(store.chain_cover(chain_id), makers_count(store))
    return found | {
        "chain": chain,
        "firms": firms,
        "products": products,
        # the links counted by the store (Neo4j: in the server); only a drawn panorama reads
        # them one by one, with their properties (_drawn_links)
        "links": store.chain_links(chain_id),
        "regions": {r["id"]: r for r in store.nodes(Label.REGION)},
    }


def _coverage(cover: ChainCover, makers: dict[str, int]) -> dict[str, Any]:
    """The module's coverage from the store's counts. A need is producible when a firm other
    than the one in need makes the product: two makers or more, or one that is not it (a
    product's only maker is the firm in need exactly when that firm makes it itself)."""
    needs = producible = supplied = 0
    unmet: Counter[str] = Counter()
    for product, (n, own, bought) in cover.needs.items():
        makes = makers.get(product, 0)
        met = n if makes > 1 else n - own if makes == 1 else 0
        needs, producible, supplied = needs + n, producible + met, supplied + bought
        if met < n:
            unmet[product] = n - met
    return {
        "needs": needs,
        "producible": producible,
        "supplied": supplied,
        "producible_share": _share(producible, needs),
        "supplied_share": _share(supplied, needs),
        "unmet": [
            {"product_id": p, "firms": n}
            for p, n in sorted(unmet.items(), key=lambda x: (-x[1], x[0]))
        ],
    }


def _drawn_links(store: GraphStore, s: dict[str, Any]) -> list[dict[str, Any]]:
    """The chain's supply links with their properties (a drawn panorama, under the budget)."""
    inside = {f["id"] for f in s["firms"]}
    found = store.adjacent(Rel.SUPPLIES, inside, direction="out")
    return [e for e in found if e["target"] in inside]


def _link_counts(s: dict[str, Any]) -> list[dict[str, Any]]:
    count: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (source, _, target, _, product), n in s["links"].places.items():
        count[staged(source), staged(target)][product] += n
    return [
        {"from": a, "to": b, "edges": count[a, b].total(), "products": sorted(count[a, b])}
        for a in STAGES
        for b in STAGES
        if (a, b) in count
    ]


def _place(region: str | None, stage: str | None) -> tuple[str, str]:
    """A firm's key in :func:`_by_region`'s counts: (region id, ``""`` for none; stage)."""
    return region or "", staged(stage)


def _placed(firms: list[dict[str, Any]]) -> Counter[tuple[str, str]]:
    """How many of ``firms`` are in each (region id, stage): what :func:`_by_region` counts."""
    return Counter(_place(f.get("region_id"), f.get("stage")) for f in firms)


def _by_region(
    placed: Counter[tuple[str, str]], regions: dict[str, dict[str, Any]]
) -> list[dict[str, Any]]:
    """The firms by region (``placed``: how many in each (region id, stage), ``""`` for
    none), each region with its name, role and firms by stage; by region id."""
    out = []
    for rid in sorted({r for r, _ in placed}):
        reg = regions.get(rid, {})
        staged = {st: placed[rid, st] for st in STAGES if placed[rid, st]}
        out.append(
            {
                k: v
                for k, v in {
                    "region_id": rid or None,
                    "name": reg.get("name"),
                    "role": reg.get("role"),
                    "firms": sum(staged.values()),
                    "by_stage": staged,
                }.items()
                if v is not None
            }
        )
    return out


def _head(chain: dict[str, Any]) -> dict[str, Any]:
    return {k: chain[k] for k in ("id", "name", "name_en", "description") if k in chain}


def chain_list(store: GraphStore, *, as_of: date | None = None) -> list[ChainSummary]:
    """One summary per chain, by id: ``{id, name, name_en, firms, products, stages,
    regions, links, coverage}`` where ``stages`` counts firms and products per stage. Counted
    by the store (Neo4j: in the server), not read to be counted here: at 1,000,000 firms the
    members and their supplies crossing Bolt took most of its first call."""
    store = on_day(store, as_of)
    out = []
    makers = makers_count(store)
    regions = {r["id"]: r for r in store.nodes(Label.REGION)}
    for c in store.nodes(Label.CHAIN):
        placed: Counter[tuple[str, str]] = Counter()
        firms: Counter[str] = Counter()
        products: Counter[str] = Counter()
        for (label, stage, region), n in store.chain_member_counts(c["id"]).items():
            if label == Label.ENTERPRISE.value:
                placed[_place(region, stage)] += n
                firms[staged(stage)] += n
            else:
                products[staged(stage)] += n
        stages = [
            {"stage": st, "firms": firms[st], "products": products[st]}
            for st in STAGES
            if firms[st] or products[st] or st != UNSTAGED
        ]
        cover = store.chain_cover(c["id"])
        out.append(
            _head(c)
            | {
                "firms": firms.total(),
                "products": products.total(),
                "stages": stages,
                "regions": _by_region(placed, regions),
                "links": cover.links,
                "coverage": _coverage(cover, makers),
            }
        )
    return cast(list[ChainSummary], out)


def chain_panorama(
    store: GraphStore,
    chain_id: str,
    *,
    as_of: date | None = None,
    budget: int | None = PANORAMA_BUDGET,
) -> ChainPanorama:
    """The panorama of one chain.

    ``{chain, stages, regions, links, coverage, graph}``: ``stages`` in the order 上游, 中游,
    下游 (then unstaged), each ``{stage, stage_en, firms: [...], products: [...]}`` by id
    (firms with region and scale); ``regions`` by id with firm counts per stage; ``links``
    SUPPLIES edges inside the chain counted by (supplier stage → buyer stage) with the
    products they carry; ``coverage`` as the module says. :class:`UnknownEntity` for an
    unknown chain.

    Above ``budget`` nodes (the chain's firms and products; ``None``: no budget) the answer
    is grouped (:mod:`graph.queries.panorama_groups`): ``aggregated: true``, each stage names
    its busiest firms and counts all (``firm_count``, ``product_count``), and ``graph``
    draws (stage, district) groups; :func:`chain_firm_list` pages every firm.
    """
    store = on_day(store, as_of)
    s = _survey(store, chain_id)
    grouped = budget is not None and len(s["firms"]) + len(s["products"]) > budget
    ranked = ranked_firms(s["firms"], s["links"].degrees) if grouped else s["firms"]
    stages: list[dict[str, Any]] = []
    for st in STAGES:
        firms = [f for f in ranked if staged(f.get("stage")) == st]
        products = [p for p in s["products"] if staged(p.get("stage")) == st]
        if not (firms or products) and st == UNSTAGED:
            continue
        stages.append(
            {
                "stage": st,
                "stage_en": STAGE_EN[Stage(st)] if st != UNSTAGED else "unstaged",
                "firms": [
                    ref(Label.ENTERPRISE, f) | {k: f[k] for k in ("region_id", "scale") if k in f}
                    for f in firms
                ],
                "products": [ref(Label.PRODUCT, p) for p in products],
            }
        )
        if grouped:
            stages[-1] |= {"firms": stages[-1]["firms"][:TOP_FIRMS], "firm_count": len(firms)}
            stages[-1]["product_count"] = len(products)
    if grouped:
        answer = {
            "chain": _head(s["chain"]),
            "aggregated": True,
            "stages": stages,
            "regions": _by_region(_placed(s["firms"]), s["regions"]),
            "links": _link_counts(s),
            "coverage": s["coverage"],
            "graph": grouped_graph(s["chain"], s["firms"], s["links"].places, s["regions"]),
        }
        return cast(ChainPanorama, answer)
    g = Subgraph()
    chain_key = g.node(Label.CHAIN, s["chain"])
    # drawn in full, with every property (the survey read a few fields of each: a grouped
    # panorama's firms are many, a drawn one's at most the budget)
    for m in store.chain_members(chain_id):
        g.edge(Rel.IN_CHAIN, g.node(m["label"], m), chain_key, props=m)
    for e in _drawn_links(store, s):
        g.firm_edge(Rel.SUPPLIES, e)
    in_chain = {p["id"] for p in s["products"]}
    for e in store.adjacent(Rel.PRODUCES, [f["id"] for f in s["firms"]], direction="out"):
        if e["target"] in in_chain:
            g.edge(
                Rel.PRODUCES,
                node_key(Label.ENTERPRISE, e["source"]),
                node_key(Label.PRODUCT, e["target"]),
                props=e["props"],
            )
    answer = {
        "chain": _head(s["chain"]),
        "stages": stages,
        "regions": _by_region(_placed(s["firms"]), s["regions"]),
        "links": _link_counts(s),
        "coverage": s["coverage"],
        "graph": g.build(),
    }
    return cast(ChainPanorama, answer)


def chain_firm_list(
    store: GraphStore, chain_id: str, *, as_of: date | None = None
) -> list[ChainFirm]:
    """Every firm of a chain, most supply edges inside the chain first, then id: ``{label,
    id, name, stage, region_id, scale, links}``. The firm-level detail of a grouped panorama
    (pages of it: ``GET /api/chains/{id}/firms``). :class:`UnknownEntity` for an unknown chain.
    """
    return cast(
        list[ChainFirm], chain_firms(_survey(on_day(store, as_of), chain_id, coverage=False))
    )


def chains_of(store: GraphStore) -> list[dict[str, Any]]:
    """Every chain's id and names, by id (cheaper than ``chain_list``, which surveys each)."""
    return [
        {k: c[k] for k in ("id", "name", "name_en") if k in c} for c in store.nodes(Label.CHAIN)
    ]


def full_map(
    store: GraphStore, chains: list[dict[str, Any]], *, as_of: date | None = None
) -> Graph:
    """Every chain's panorama in one subgraph (nodes and edges once each, in the shared order)."""
    store = on_day(store, as_of)
    nodes: dict[str, SubgraphNode] = {}
    edges: dict[tuple[str, str, str, str], SubgraphEdge] = {}
    for c in chains:
        g = chain_panorama(store, c["id"]).get("graph") or {}
        for n in g.get("nodes", []):
            nodes.setdefault(n["key"], n)
        for e in g.get("edges", []):
            edges.setdefault((e["source"], e["target"], e["rel"], e.get("key", "")), e)
    return {"nodes": [nodes[k] for k in sorted(nodes)], "edges": [edges[k] for k in sorted(edges)]}
