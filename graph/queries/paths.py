"""Paths: how goods flow from one firm to another, how a material becomes a product, and the
tiers of suppliers (or customers) behind a firm.

Paths are simple (no node twice) and bounded; the store enumerates them
(:meth:`GraphStore.supply_paths`, :meth:`GraphStore.route_paths`) and they are dressed here.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import InvalidOption, NoPath
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries import corridor, window
from chainatlas.graph.queries.answers import (
    ProductRoutes,
    SupplyPath,
    SupplyPaths,
    TierNode,
    Tiers,
)
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph, fact_edges, node_key, ref
from chainatlas.graph.reading import in_one_read
from chainatlas.graph.shapes import Direction
from chainatlas.graph.store import MAX_HOPS, ROUTE_MAX_HOPS, GraphStore
from chainatlas.graph.store import Direction as EdgeDirection

MAX_K = 50
MAX_DEPTH = 10


def _check(source: str, target: str, k: int, max_hops: int, bound: int = MAX_HOPS) -> None:
    if source == target:
        raise InvalidOption("target", "source and target are the same node")
    if not 1 <= k <= MAX_K:
        raise InvalidOption("k", f"k must be between 1 and {MAX_K}")
    if not 1 <= max_hops <= bound:
        raise InvalidOption("max_hops", f"max_hops must be between 1 and {bound}")


def route_distance(store: GraphStore, source: str, target: str) -> int | None:
    """The fewest INPUT_TO steps from product ``source`` to ``target`` with no bound at all,
    ``None`` when no route of any length joins them: a breadth-first walk, one
    :meth:`~GraphStore.adjacent` read per step, each product seen once.

    It tells a route search that found nothing within its bound whether it stopped at the
    bound (a longer route exists) or there is no route at all.
    """
    seen, frontier, steps = {source}, [source], 0
    while frontier:
        steps += 1
        reached = {e["target"] for e in store.adjacent(Rel.INPUT_TO, frontier, direction="out")}
        if target in reached:
            return steps
        frontier = sorted(reached - seen)
        seen.update(frontier)
    return None


def _no_route(store: GraphStore, source: str, target: str, max_hops: int) -> NoPath:
    shortest = route_distance(store, source, target)
    if shortest is None:
        return NoPath(source, target, "along INPUT_TO: no route of any length", shortest=None)
    if max_hops < ROUTE_MAX_HOPS:
        why = f"raise max_hops (at most {ROUTE_MAX_HOPS})"
    else:
        why = f"the search stopped at its limit of {ROUTE_MAX_HOPS} steps"
    return NoPath(
        source,
        target,
        f"along INPUT_TO within {max_hops} steps: the shortest route takes {shortest} steps; {why}",
        shortest=shortest,
    )


def _search(
    store: GraphStore, rel: Rel, source: str, target: str, max_hops: int, k: int
) -> tuple[list[tuple[list[str], list[Any]]], bool]:
    # the budgets are read when the search runs, so a deployment (or a test) may set them
    budgets = {"node_budget": corridor.NODE_BUDGET, "step_budget": corridor.STEP_BUDGET}
    return corridor.bounded_paths(store, rel, source, target, max_hops=max_hops, limit=k, **budgets)


def _within(where: str, complete: bool) -> str:
    if complete:
        return where
    return (
        f"{where}: none found before the search reached its budget ({corridor.NODE_BUDGET} nodes)"
    )


@in_one_read
def supply_paths(
    store: GraphStore,
    source: str,
    target: str,
    *,
    k: int = 5,
    max_hops: int = 4,
    as_of: date | None = None,
) -> SupplyPaths:
    """Up to ``k`` simple supply paths from firm ``source`` to firm ``target`` of at most
    ``max_hops`` hops, shortest first.

    ``{source, target, paths, complete, graph}``; each path ``{length, nodes, hops}`` with
    ``nodes`` the firm ids and ``hops`` ``{from, to, product_id, product_name}``. Two edges of
    one pair carrying different products make different paths. Ordered by ``(length, nodes,
    products)``. :class:`NoPath` when there is none within the bound. The search is bounded
    (:mod:`.corridor`): ``complete`` is false when its budget cut it, and the paths are then
    the ones found, not necessarily the shortest.
    """
    store = on_day(store, as_of)
    _check(source, target, k, max_hops)
    store.node(Label.ENTERPRISE, source)
    store.node(Label.ENTERPRISE, target)
    walked, complete = _search(store, Rel.SUPPLIES, source, target, max_hops, k)
    found = [{"nodes": nodes, "products": keys} for nodes, keys in walked]
    if not found:
        raise NoPath(source, target, _within(f"along SUPPLIES within {max_hops} hops", complete))
    firm_ids = sorted({n for p in found for n in p["nodes"]})
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, firm_ids, fields=NODE_FIELDS)}
    carried = {x for p in found for x in p["products"]}
    products = {p["id"]: p for p in store.nodes(Label.PRODUCT, carried, fields=["name"])}
    used = [
        (a, b, pid)
        for p in found
        for a, b, pid in zip(p["nodes"], p["nodes"][1:], p["products"], strict=False)
    ]
    g = Subgraph()
    for f in firms.values():
        g.node(Label.ENTERPRISE, f)
    # the hops' own facts, by key: a hub on a path has thousands of other edges
    for e in fact_edges(store, Rel.SUPPLIES, used):
        g.firm_edge(Rel.SUPPLIES, e)
    paths: list[SupplyPath] = [
        {
            "length": len(p["products"]),
            "nodes": p["nodes"],
            "hops": [
                {
                    "from": a,
                    "to": b,
                    "product_id": pid,
                    "product_name": products.get(pid, {}).get("name"),
                }
                for a, b, pid in zip(p["nodes"], p["nodes"][1:], p["products"], strict=False)
            ],
        }
        for p in found
    ]
    return {
        "source": ref(Label.ENTERPRISE, firms[source]),
        "target": ref(Label.ENTERPRISE, firms[target]),
        "paths": paths,
        "complete": complete,
        "graph": g.build(),
    }


@in_one_read
def product_routes(
    store: GraphStore,
    source: str,
    target: str,
    *,
    k: int = 5,
    max_hops: int = ROUTE_MAX_HOPS,
    as_of: date | None = None,
) -> ProductRoutes:
    """How material ``source`` becomes product ``target``: up to ``k`` process routes along
    INPUT_TO of at most ``max_hops`` steps (up to :data:`~graph.store.ROUTE_MAX_HOPS`, the
    default), shortest first.

    ``{source, target, routes, producers, graph}``; each route ``{length, nodes}`` (product
    ids), ordered by ``(length, nodes)``; ``producers`` maps every product on a route to the
    ids of the firms in the map making it. :class:`NoPath` when there is none within the
    bound; its ``shortest`` says how many steps the shortest route takes (``None``: no route of
    any length), so an answer cut by the bound says so. ``complete`` as for
    :func:`supply_paths`.
    """
    store = on_day(store, as_of)
    _check(source, target, k, max_hops, ROUTE_MAX_HOPS)
    store.node(Label.PRODUCT, source)
    store.node(Label.PRODUCT, target)
    walked, complete = _search(store, Rel.INPUT_TO, source, target, max_hops, k)
    found = [{"nodes": nodes} for nodes, _ in walked]
    if not found and complete:
        raise _no_route(store, source, target, max_hops)
    if not found:
        raise NoPath(source, target, _within(f"along INPUT_TO within {max_hops} steps", False))
    ids = sorted({n for p in found for n in p["nodes"]})
    products = {p["id"]: p for p in store.nodes(Label.PRODUCT, ids, fields=NODE_FIELDS)}
    makers: dict[str, list[str]] = {i: [] for i in ids}
    for m in store.producers(ids):
        makers[m["product_id"]].append(m["id"])
    g = Subgraph()
    for p in products.values():
        g.node(Label.PRODUCT, p)
    steps = {(a, b) for p in found for a, b in zip(p["nodes"], p["nodes"][1:], strict=False)}
    for e in store.adjacent(Rel.INPUT_TO, ids, direction="out"):
        if (e["source"], e["target"]) in steps:
            g.edge(
                Rel.INPUT_TO,
                node_key(Label.PRODUCT, e["source"]),
                node_key(Label.PRODUCT, e["target"]),
                props=e["props"],
            )
    return {
        "source": ref(Label.PRODUCT, products[source]),
        "target": ref(Label.PRODUCT, products[target]),
        "routes": [{"length": len(p["nodes"]) - 1, "nodes": p["nodes"]} for p in found],
        "complete": complete,
        "producers": makers,
        "graph": g.build(),
    }


#: one node a tiers walk reaches: ``(tier, id, via, products, links)``, ``links`` the
#: ``(source, target, key)`` links from the tier before that reach it
Step = tuple[int, str, tuple[str, ...], tuple[str, ...], tuple[tuple[str, str, str], ...]]


def _tiers_of(label: Label | str, direction: str, depth: int) -> tuple[Label, Rel]:
    """The label of a tiers question and the relationship its walk follows; InvalidOption
    naming the argument out of range."""
    lab = Label(label)
    if lab not in (Label.ENTERPRISE, Label.PRODUCT):
        raise InvalidOption("label", "tiers are defined for enterprises and products")
    if direction not in ("upstream", "downstream"):
        raise InvalidOption("direction", "direction must be 'upstream' or 'downstream'")
    if not 1 <= depth <= MAX_DEPTH:
        raise InvalidOption("depth", f"depth must be between 1 and {MAX_DEPTH}")
    return lab, Rel.SUPPLIES if lab is Label.ENTERPRISE else Rel.INPUT_TO


@in_one_read
def tier_walk(
    store: GraphStore,
    label: Label | str,
    id: str,
    *,
    direction: Direction = "upstream",
    depth: int = 3,
    as_of: date | None = None,
) -> list[Step]:
    """Every node :func:`tiers` reaches, ordered by ``(tier, id)``: the walk alone, on ids,
    which a server keeps per version of the graph so a hub's pages walk once
    (api/routers/entities.py)."""
    store = on_day(store, as_of)
    lab, rel = _tiers_of(label, direction, depth)
    store.node(lab, id)  # an unknown node: UnknownEntity
    walk: EdgeDirection = "in" if direction == "upstream" else "out"
    seen, frontier = {id}, [id]
    found: list[Step] = []
    # which end of a (source, target, key) link lies ahead of the walk, which behind it
    far, near = (0, 1) if direction == "upstream" else (1, 0)
    for tier in range(1, depth + 1):
        reach: dict[str, list[tuple[str, str, str]]] = defaultdict(list)
        for link in store.adjacent_keys(rel, frontier, direction=walk):
            if link[far] not in seen:
                reach[link[far]].append(link)
        if not reach:
            break
        frontier = sorted(reach)
        seen.update(frontier)
        for n in frontier:
            via = tuple(sorted({link[near] for link in reach[n]}))
            carried = tuple(sorted({link[2] for link in reach[n] if link[2]}))
            found.append((tier, n, via, carried, tuple(reach[n])))
    return found


@in_one_read
def tiers(
    store: GraphStore,
    label: Label | str,
    id: str,
    *,
    direction: Direction = "upstream",
    depth: int = 3,
    limit: int | None = None,
    offset: int = 0,
    as_of: date | None = None,
    steps: Sequence[Step] | None = None,
) -> Tiers:
    """Tier 1..``depth`` behind (``upstream``) or ahead of (``downstream``) a node.

    For a firm, tiers of suppliers (upstream) or customers (downstream) along SUPPLIES; for a
    product, its inputs (upstream) or outputs (downstream) along INPUT_TO. A node's tier is
    its shortest distance. ``{root, direction, depth, nodes, graph}`` with ``nodes`` each
    ``{tier, label, id, name, via, products}``: ``via`` the nodes of the tier before that
    link to it, ``products`` what those links carry (firms only); ordered by ``(tier, id)``.
    ``nodes`` is one page (:mod:`.window`): ``limit`` of ``total`` from ``offset``, ``next``
    the next page's offset; ``graph`` holds the page's nodes, the nodes they are reached
    from and those links (``limit=None``: every node). ``steps``: :func:`tier_walk`'s answer
    for the same question, when it is known already.
    """
    store = on_day(store, as_of)
    lab, rel = _tiers_of(label, direction, depth)
    window.check(limit, offset)
    if steps is None:
        steps = tier_walk(store, lab, id, direction=direction, depth=depth)
    root = store.node(lab, id)
    shown = window.cut(steps, limit, offset)
    ids = {n for _, n, _, _, _ in shown}
    drawn = ids | {id} | {v for s in shown for v in s[2]}
    props = {p["id"]: p for p in store.nodes(lab, drawn, fields=NODE_FIELDS)}
    g = Subgraph()
    for p in props.values():
        g.node(lab, p)
    for e in fact_edges(store, rel, (link for s in shown for link in s[4])):
        g.edge(
            rel,
            node_key(lab, e["source"]),
            node_key(lab, e["target"]),
            key=e["key"],
            props=e["props"],
        )
    nodes: list[TierNode] = [
        {
            "tier": tier,
            "label": lab.value,
            "id": n,
            "name": props[n].get("name"),
            "via": list(via),
            "products": list(carried),
        }
        for tier, n, via, carried, _ in shown
    ]
    return {
        "root": ref(lab, root),
        "direction": direction,
        "depth": depth,
        "nodes": nodes,
        "total": len(steps),
        "limit": limit,
        "offset": offset,
        "next": window.next_offset(len(steps), limit, offset),
        "graph": g.build(),
    }
