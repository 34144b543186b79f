"""Weak links: gaps (补链 targets), single-source products, and the impact of losing a firm
or a product.

Impact semantics (what ``impact`` answers)
-------------------------------------------
A firm's *needs* here are what it currently buys: the products on the SUPPLIES edges into
it, each with the set of its current suppliers of that product.

- Removing a **firm** X disrupts X itself (tier 0).
- Removing a **product** P takes every SUPPLIES edge carrying P out of the map: every firm
  that buys P loses it and is in tier 1.
- A firm is in tier *t* when, once the firms of tiers < *t* are treated as disrupted, it has
  lost **every** current supplier of at least one product it buys (``lost``: those
  products). A firm with a second supplier of a product that is still standing keeps it.
- Cascade: a firm in tier *t* is treated as disrupted as a whole (it stops supplying all it
  sells) when tier *t* + 1 is computed. The walk stops after ``max_tiers`` tiers or when a
  tier is empty. Each firm appears once, in the first tier it falls into.

This is a deliberately pessimistic upper bound for a meeting ("what could break"): stock,
substitutes and suppliers outside the map are not modelled.

A removed **product** also answers ``outside`` when some firms need it and have no current
supplier of it in the map (nor make it themselves): their supply comes from outside, so the
removal does not reach them. For a product no firm in the map makes (萤石 fluorspar in the
demo) that is the whole demand, and the answer says so instead of a bare "0 firms affected".
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from datetime import date
from typing import Any, cast

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries import window
from chainatlas.graph.queries.answers import (
    Gap,
    Gaps,
    Impact,
    SingleSource,
    SingleSourced,
)
from chainatlas.graph.queries.outside import outside_supply
from chainatlas.graph.queries.subgraph import Subgraph, fact_edges, ref
from chainatlas.graph.reading import in_one_read
from chainatlas.graph.store import GraphStore

MAX_LIMIT = 1_000
MAX_TIERS = 10


def _check_limit(limit: int) -> None:
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")


def gaps(store: GraphStore, *, limit: int = 20, as_of: date | None = None) -> Gaps:
    """Products firms in the map need that no firm in the map produces (补链 targets).

    ``{gaps, total, graph}``; each gap ``{product_id, name, name_en, chain_id, stage, firms,
    demand_base, base_unit, needed_by}`` (``needed_by`` references to the first
    :data:`.window.FIRMS_SHOWN` firms by id, ``firms`` counting them all; the ``graph`` their
    NEEDS edges), ordered by ``(-firms, -demand_base, product_id)``; ``total`` counts every gap
    before the limit. ``demand_base`` adds every firm's annual demand in the product's base
    unit (known ones only).
    """
    store = on_day(store, as_of)
    _check_limit(limit)
    unmade = [
        c["product_id"] for c in store.product_counts() if c["consumers"] and not c["producers"]
    ]
    wanted: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in store.adjacent(Rel.NEEDS, unmade, direction="in"):
        wanted[e["target"]].append(e)
    ranked = sorted(wanted, key=lambda p: (-len(wanted[p]), -_demand(wanted[p])[0], p))[:limit]
    products = {p["id"]: p for p in store.nodes(Label.PRODUCT, ranked)}
    shown = {p: wanted[p][: window.FIRMS_SHOWN] for p in ranked}  # by firm id: adjacent's order
    firms = {
        f["id"]: f
        for f in store.nodes(Label.ENTERPRISE, {e["source"] for p in ranked for e in shown[p]})
    }
    g = Subgraph()
    out: list[Gap] = []
    for pid in ranked:
        p = products[pid]
        pk = g.node(Label.PRODUCT, p)
        demand, unit = _demand(wanted[pid])
        for e in shown[pid]:
            g.edge(Rel.NEEDS, g.node(Label.ENTERPRISE, firms[e["source"]]), pk, props=e["props"])
        item = {
            "product_id": pid,
            "name": p.get("name"),
            "name_en": p.get("name_en"),
            "chain_id": p.get("chain_id"),
            "stage": p.get("stage"),
            "firms": len(wanted[pid]),
            "demand_base": demand,
            "base_unit": unit,
            "needed_by": [ref(Label.ENTERPRISE, firms[e["source"]]) for e in shown[pid]],
        }
        out.append(cast(Gap, {k: v for k, v in item.items() if v is not None}))
    return {"gaps": out, "total": len(wanted), "graph": g.build()}


def _demand(needs: list[dict[str, Any]]) -> tuple[float, str | None]:
    units = {
        e["props"].get("base_unit") for e in needs if e["props"].get("demand_base") is not None
    }
    total = sum(
        float(e["props"]["demand_base"]) for e in needs if e["props"].get("demand_base") is not None
    )
    return total, (units.pop() if len(units) == 1 else None)


def single_source(store: GraphStore, *, limit: int = 20, as_of: date | None = None) -> SingleSource:
    """Products exactly one firm in the map produces and other firms need.

    ``{products, total, graph}``; each ``{product_id, name, producer, consumers,
    consumer_ids, capacity_base, demand_base, base_unit}`` ordered by ``(-consumers,
    product_id)``.
    """
    store = on_day(store, as_of)
    _check_limit(limit)
    once = [
        c["product_id"] for c in store.product_counts() if c["consumers"] and c["producers"] == 1
    ]
    makers = {e["target"]: e for e in store.adjacent(Rel.PRODUCES, once, direction="in")}
    users: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in store.adjacent(Rel.NEEDS, once, direction="in"):
        if e["source"] != makers[e["target"]]["source"]:
            users[e["target"]].append(e)
    ranked = sorted(users, key=lambda p: (-len(users[p]), p))[:limit]
    products = {p["id"]: p for p in store.nodes(Label.PRODUCT, ranked)}
    firm_ids = {makers[p]["source"] for p in ranked} | {
        e["source"] for p in ranked for e in users[p]
    }
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, firm_ids)}
    g = Subgraph()
    out: list[SingleSourced] = []
    for pid in ranked:
        maker = makers[pid]
        pk = g.node(Label.PRODUCT, products[pid])
        g.edge(
            Rel.PRODUCES, g.node(Label.ENTERPRISE, firms[maker["source"]]), pk, props=maker["props"]
        )
        for e in users[pid]:
            g.edge(Rel.NEEDS, g.node(Label.ENTERPRISE, firms[e["source"]]), pk, props=e["props"])
        demand, unit = _demand(users[pid])
        item = {
            "product_id": pid,
            "name": products[pid].get("name"),
            "producer": ref(Label.ENTERPRISE, firms[maker["source"]]),
            "consumers": len(users[pid]),
            "consumer_ids": [e["source"] for e in users[pid]],
            "capacity_base": maker["props"].get("capacity_base"),
            "demand_base": demand,
            "base_unit": unit or maker["props"].get("base_unit"),
        }
        out.append(cast(SingleSourced, {k: v for k, v in item.items() if v is not None}))
    return {"products": out, "total": len(users), "graph": g.build()}


#: one firm a cascade reaches: ``(tier, id, ((product id, (its disrupted suppliers…)), …))``
Hit = tuple[int, str, tuple[tuple[str, tuple[str, ...]], ...]]


def cascade(
    store: GraphStore,
    *,
    enterprise_id: str | None = None,
    product_id: str | None = None,
    max_tiers: int = 3,
    as_of: date | None = None,
) -> list[Hit]:
    """Every firm :func:`impact` finds, ordered by ``(tier, id)``: the walk alone, without
    names or edges, so a server can keep it per version of the graph and page through a hub's
    tens of thousands of affected firms walking once (api/routers/risk.py)."""
    store = on_day(store, as_of)
    if (enterprise_id is None) == (product_id is None):
        raise InvalidOption("enterprise_id", "give exactly one of enterprise_id and product_id")
    if not 1 <= max_tiers <= MAX_TIERS:
        raise InvalidOption("max_tiers", f"max_tiers must be between 1 and {MAX_TIERS}")
    # the walk reads ids only ((supplier, buyer, product) keys): a hub's tiers reach tens of
    # thousands of supply facts; impact reads the page's edges by key
    found: list[Hit] = []
    if enterprise_id is not None:
        store.node(Label.ENTERPRISE, enterprise_id)  # an unknown firm: UnknownEntity
        down, frontier, start = {enterprise_id}, [enterprise_id], 1
    else:
        assert product_id is not None
        store.node(Label.PRODUCT, product_id)
        buyers: dict[str, set[str]] = defaultdict(set)
        for e in store.supplies_of([product_id]):
            buyers[e["target"]].add(e["source"])
        found = [(1, b, ((product_id, tuple(sorted(s))),)) for b, s in sorted(buyers.items())]
        down, frontier, start = set(buyers), sorted(buyers), 2
    # the disrupted suppliers of each (buyer, product) so far: the buyer has lost the product
    # when they are as many as its suppliers (a count the store answers: a province's buyers
    # have tens of suppliers each, and only those of the products a tier touches matter)
    fallen: dict[tuple[str, str], set[str]] = defaultdict(set)
    for tier in range(start, max_tiers + 1):
        if not frontier:
            break
        touched: set[tuple[str, str]] = set()
        for seller, buyer, pid in store.adjacent_keys(Rel.SUPPLIES, frontier, direction="out"):
            if buyer not in down:
                fallen[buyer, pid].add(seller)
                touched.add((buyer, pid))
        counts = store.supplier_counts(touched)
        lost: dict[str, list[tuple[str, tuple[str, ...]]]] = defaultdict(list)
        for buyer, pid in sorted(touched):
            if counts.get((buyer, pid)) == len(fallen[buyer, pid]):
                lost[buyer].append((pid, tuple(sorted(fallen[buyer, pid]))))
        frontier = list(lost)  # in id order: the pairs were
        found += ((tier, firm, tuple(products)) for firm, products in lost.items())
        down.update(frontier)
    return found


@in_one_read
def impact(
    store: GraphStore,
    *,
    enterprise_id: str | None = None,
    product_id: str | None = None,
    max_tiers: int = 3,
    limit: int | None = None,
    offset: int = 0,
    as_of: date | None = None,
    hits: Sequence[Hit] | None = None,
) -> Impact:
    """Which firms lose every current supplier of something they buy, tier by tier, when a
    firm or a product is removed (the module docstring gives the exact semantics).

    ``{removed, affected, tiers, graph}``: ``affected`` ordered by ``(tier, id)``, each
    ``{tier, id, name, region_id, lost}`` with ``lost`` the products it lost, each
    ``{product_id, suppliers}`` (the disrupted suppliers it had); ``tiers`` counts firms per
    tier; ``outside`` (a removed product only) the firms whose supply of it comes from outside
    the map. Exactly one of ``enterprise_id`` and ``product_id``. ``affected`` is one page
    (:mod:`.window`): ``limit`` of ``total`` from ``offset``, ``next`` the next page's offset;
    ``tiers`` counts every affected firm, the ``graph`` the page's (``limit=None``: all).
    ``hits``: :func:`cascade`'s answer for the same question, when it is known already.
    """
    store = on_day(store, as_of)
    window.check(limit, offset)
    if hits is None:
        hits = cascade(
            store, enterprise_id=enterprise_id, product_id=product_id, max_tiers=max_tiers
        )
    label, key = (
        (Label.ENTERPRISE, enterprise_id)
        if enterprise_id is not None
        else (Label.PRODUCT, product_id)
    )
    assert key is not None
    subject = store.node(label, key)  # read once: the answer's removed, a product's graph node
    counts = Counter(tier for tier, _, _ in hits)
    page = window.cut(hits, limit, offset)
    keys = [(s, firm, p) for _, firm, lost in page for p, sellers in lost for s in sellers]
    edges = fact_edges(store, Rel.SUPPLIES, keys)
    ids = {firm for _, firm, _ in page} | {e[end] for e in edges for end in ("source", "target")}
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, ids | {enterprise_id or ""})}
    affected = [
        {
            k: v
            for k, v in {
                "tier": tier,
                "id": firm,
                "name": firms[firm].get("name"),
                "region_id": firms[firm].get("region_id"),
                "lost": [{"product_id": p, "suppliers": list(s)} for p, s in lost],
            }.items()
            if v is not None
        }
        for tier, firm, lost in page
    ]
    g = Subgraph()
    if product_id is not None:
        g.node(Label.PRODUCT, subject)
    for f in firms.values():
        g.node(Label.ENTERPRISE, f)
    for e in edges:
        g.firm_edge(Rel.SUPPLIES, e)
    beyond = None
    if product_id is not None:  # the removed product's buyers in the map are its first tier
        supplied = {firm for tier, firm, _ in hits if tier == 1}
        beyond = outside_supply(store, product_id, supplied, g)
    answer = {
        "removed": ref(label, subject),
        "affected": affected,
        "tiers": [{"tier": t, "firms": n} for t, n in sorted(counts.items())],
        "total": len(hits),
        "limit": limit,
        "offset": offset,
        "next": window.next_offset(len(hits), limit, offset),
        "graph": g.build(),
    }
    if beyond is not None:
        answer["outside"] = beyond
    return cast(Impact, answer)
