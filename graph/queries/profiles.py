"""Profiles: one firm or one product with everything around it, and the graph of it.

A firm's profile answers "who is this, what do they make and buy, from and to whom, with
whom do they work, and which of their needs can nobody in the map meet?"
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any, cast

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries import window
from chainatlas.graph.queries.answers import EnterpriseProfile, ProductProfile
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph, node_key, ref
from chainatlas.graph.reading import in_one_read
from chainatlas.graph.shapes import MakersPage
from chainatlas.graph.shapes import Subgraph as Graph
from chainatlas.graph.store import GraphStore

#: firm properties shown only to callers allowed to see contacts
CONTACT_FIELDS = ("contact_person", "phone", "email")
#: what a firm's profile and matchmaking read whole: every relationship but its SUPPLIES
#: edges (a hub has thousands: the profile reads a window of them, matchmaking their keys)
UNTRADED = frozenset(Rel) - {Rel.SUPPLIES}
#: derived properties that are the stores' business, not a reader's
INTERNAL_FIELDS = ("search_text",)


def _public(props: dict[str, Any], *, contacts: bool = True) -> dict[str, Any]:
    hidden = INTERNAL_FIELDS + (() if contacts else CONTACT_FIELDS)
    return {k: v for k, v in props.items() if k not in hidden}


def _maybe(store: GraphStore, label: Label, id: str | None) -> dict[str, Any] | None:
    if not id:
        return None
    try:
        return store.node(label, id)
    except UnknownEntity:
        return None


@in_one_read
def enterprise_profile(
    store: GraphStore,
    id: str,
    *,
    contacts: bool = False,
    limit: int | None = None,
    offset: int = 0,
    as_of: date | None = None,
) -> EnterpriseProfile:
    """Everything about one firm.

    ``{enterprise, region, chain, produces, needs, suppliers, customers, partners,
    needs_without_local_supply, graph}``: ``produces`` and ``needs`` by product id, each need
    with its ``local_producers`` (other firms in the map making it) and ``suppliers`` (its
    current ones); ``suppliers``/``customers`` as :meth:`GraphStore.suppliers` orders them;
    ``partners`` maps each cooperation kind to the firms, by id. Contact fields only when
    ``contacts`` is true. :class:`UnknownEntity` for an unknown id.

    At a hub: ``suppliers``, ``customers`` and each need's ``local_producers`` list one page
    (:mod:`.window`: ``limit`` from ``offset``), ``totals`` counts them all (``suppliers``,
    ``customers``), each need's ``local_producers_total`` its makers, ``next`` is the next
    page's offset (``None``: the last page) and the graph holds the page's trading partners
    (``limit=None``: everything).
    """
    window.check(limit, offset)
    store = on_day(store, as_of)
    firm = store.node(Label.ENTERPRISE, id)
    around = store.neighbours(Label.ENTERPRISE, id, rels=UNTRADED)
    region = _maybe(store, Label.REGION, firm.get("region_id"))
    chain = _maybe(store, Label.CHAIN, firm.get("chain_id"))
    by_rel: dict[tuple[str, str], list[dict[str, Any]]] = defaultdict(list)
    for n in around:
        by_rel[n["rel"], n["direction"]].append(n)
    made = by_rel[Rel.PRODUCES.value, "out"]
    needed = by_rel[Rel.NEEDS.value, "out"]
    makers = store.producer_pages([n["id"] for n in needed], exclude=id, limit=limit)
    # a firm's suppliers are as many as its needs allow, its customers unbounded (a hub's
    # thousands): every supplier (each need lists its current ones), one window of customers
    bought = store.trade(id, "in")
    sold = store.trade(id, "out", limit=limit, offset=offset)
    current: dict[str, list[str]] = defaultdict(list)
    for s in bought["items"]:
        current[s["product_id"]].append(s["id"])
    suppliers = window.cut(bought["items"], limit, offset)
    suppliers_edges = window.cut(bought["edges"], limit, offset)
    customers = sold["items"]
    around += _supply_ties(suppliers, suppliers_edges, "in") + _supply_ties(
        customers, sold["edges"], "out"
    )
    partners: dict[str, list[dict[str, Any]]] = defaultdict(list)
    seen: set[tuple[str, str]] = set()
    for n in by_rel[Rel.COOPERATES.value, "out"] + by_rel[Rel.COOPERATES.value, "in"]:
        if (n["key"], n["id"]) not in seen:
            seen.add((n["key"], n["id"]))
            partners[n["key"]].append({"id": n["id"], "name": n["name"]})
    nobody: MakersPage = {"total": 0, "items": []}
    needs = [
        {
            "product_id": n["id"],
            "name": n["name"],
            **n["props"],
            "local_producers": makers.get(n["id"], nobody)["items"],
            "local_producers_total": makers.get(n["id"], nobody)["total"],
            "suppliers": sorted(current[n["id"]]),
        }
        for n in needed
    ]
    answer: dict[str, Any] = {
        "enterprise": _public(firm, contacts=contacts),
        "region": region
        and {k: region[k] for k in ("id", "name", "name_en", "role") if k in region},
        "chain": chain
        and {
            "id": chain["id"],
            "name": chain["name"],
            "name_en": chain.get("name_en"),
            "stage": firm.get("stage"),
        },
        "produces": [{"product_id": n["id"], "name": n["name"], **n["props"]} for n in made],
        "needs": needs,
        "suppliers": suppliers,
        "customers": customers,
        "totals": {"suppliers": bought["total"], "customers": sold["total"]},
        "limit": limit,
        "offset": offset,
        "next": window.next_offset(max(bought["total"], sold["total"]), limit, offset),
        "partners": {k: sorted(v, key=lambda p: p["id"]) for k, v in sorted(partners.items())},
        "needs_without_local_supply": [
            n["product_id"] for n in needs if not n["local_producers_total"]
        ],
    }
    answer["graph"] = _firm_graph(store, firm, around, region, chain)
    return cast(EnterpriseProfile, answer)


def _supply_ties(
    items: list[dict[str, Any]], edges: list[dict[str, Any]], direction: str
) -> list[dict[str, Any]]:
    """The SUPPLIES relationships behind a window of trade items, as neighbours() gives them."""
    return [
        {
            "rel": Rel.SUPPLIES.value,
            "direction": direction,
            "label": Label.ENTERPRISE.value,
            "id": item["id"],
            "name": item["name"],
            "key": item["product_id"],
            "props": props,
        }
        for item, props in zip(items, edges, strict=True)
    ]


def _firm_graph(
    store: GraphStore,
    firm: dict[str, Any],
    around: list[dict[str, Any]],
    region: dict[str, Any] | None,
    chain: dict[str, Any] | None,
) -> Graph:
    g = Subgraph()
    me = g.node(Label.ENTERPRISE, firm)
    ids = {
        lab: sorted({n["id"] for n in around if n["label"] == lab})  # a StrEnum: its value
        for lab in (Label.ENTERPRISE, Label.PRODUCT)
    }
    for lab, wanted in ids.items():
        for props in store.nodes(lab, wanted, fields=NODE_FIELDS):
            g.node(lab, props)
    for extra, lab in ((region, Label.REGION), (chain, Label.CHAIN)):
        if extra:
            g.node(lab, extra)
    for n in around:
        other = node_key(n["label"], n["id"])
        if other not in g:
            continue
        src, dst = (me, other) if n["direction"] == "out" else (other, me)
        g.edge(Rel(n["rel"]), src, dst, key=n["key"], props=n["props"])
    return g.build()


@in_one_read
def product_profile(
    store: GraphStore,
    id: str,
    *,
    limit: int | None = None,
    offset: int = 0,
    as_of: date | None = None,
) -> ProductProfile:
    """Everything about one product.

    ``{product, chain, producers, consumers, inputs, outputs, graph}``: producers and
    consumers as :meth:`GraphStore.producers` orders them (by id), ``inputs`` (what it is made
    from) and ``outputs`` (what it goes into) by id. :class:`UnknownEntity` for an unknown id.
    ``producers`` and ``consumers`` list one page (:mod:`.window`), ``totals`` counts them,
    ``next`` is the next page's offset and the graph holds the page's firms.
    """
    window.check(limit, offset)
    store = on_day(store, as_of)
    product = store.node(Label.PRODUCT, id)
    around = store.neighbours(Label.PRODUCT, id)
    chain = _maybe(store, Label.CHAIN, product.get("chain_id"))
    steps = [n for n in around if n["rel"] == Rel.INPUT_TO.value]
    all_producers, all_consumers = store.producers([id]), store.consumers([id])
    producers = window.cut(all_producers, limit, offset)
    consumers = window.cut(all_consumers, limit, offset)
    g = Subgraph()
    me = g.node(Label.PRODUCT, product)
    if chain:
        g.edge(Rel.IN_CHAIN, me, g.node(Label.CHAIN, chain), props={"stage": product.get("stage")})
    for props in store.nodes(Label.PRODUCT, [n["id"] for n in steps]):
        g.node(Label.PRODUCT, props)
    for n in steps:
        other = node_key(Label.PRODUCT, n["id"])
        src, dst = (me, other) if n["direction"] == "out" else (other, me)
        g.edge(Rel.INPUT_TO, src, dst, props=n["props"])
    firm_ids = {f["id"] for f in producers + consumers}
    for props in store.nodes(Label.ENTERPRISE, firm_ids):
        g.node(Label.ENTERPRISE, props)
    for rel, firms in ((Rel.PRODUCES, producers), (Rel.NEEDS, consumers)):
        amount = "capacity" if rel is Rel.PRODUCES else "annual_demand"
        for f in firms:
            g.edge(
                rel,
                node_key(Label.ENTERPRISE, f["id"]),
                me,
                props={
                    amount: f.get("amount"),
                    "unit": f.get("unit"),
                    f"{'capacity' if rel is Rel.PRODUCES else 'demand'}_base": f.get("amount_base"),
                    "base_unit": f.get("base_unit"),
                },
            )
    answer = {
        "product": _public(product),
        "chain": chain
        and {
            "id": chain["id"],
            "name": chain["name"],
            "name_en": chain.get("name_en"),
            "stage": product.get("stage"),
        },
        "producers": producers,
        "consumers": consumers,
        "totals": {"producers": len(all_producers), "consumers": len(all_consumers)},
        "limit": limit,
        "offset": offset,
        "next": window.next_offset(max(len(all_producers), len(all_consumers)), limit, offset),
        "inputs": [ref(Label.PRODUCT, n) | n["props"] for n in steps if n["direction"] == "in"],
        "outputs": [ref(Label.PRODUCT, n) | n["props"] for n in steps if n["direction"] == "out"],
        "graph": g.build(),
    }
    return cast(ProductProfile, answer)
