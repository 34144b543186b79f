"""Matchmaking: who nearby can supply what a firm needs, and who needs what it makes.

Candidates come from the store (producers of the firm's needs, or consumers of its products);
:mod:`.scoring` scores each of them once, from six weighted parts (region, capacity, trade,
chain, cooperation, shared partners), and words its reasons for a purchasing manager in
Chinese and English. docs/matchmaking.md explains the score.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any, Literal, cast, get_args

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.answers import Candidate, Match
from chainatlas.graph.queries.profiles import UNTRADED
from chainatlas.graph.queries.scoring import MatchWeights, Scorer, Ties
from chainatlas.graph.queries.subgraph import Subgraph, fact_edges, node_key, ref
from chainatlas.graph.reading import in_one_read
from chainatlas.graph.shapes import Side
from chainatlas.graph.shapes import Subgraph as Graph
from chainatlas.graph.store import GraphStore

#: the most candidates an answer lists
MAX_LIMIT = 500

#: whom a match leaves out: ``same_product`` the firms already trading this product with the
#: asking firm in the matched direction; ``any_partner`` every firm already trading with it,
#: any product, either direction (cooperation alone does not count)
Exclude = Literal["same_product", "any_partner"]
EXCLUDES: tuple[str, ...] = get_args(Exclude)


def excluding(exclude: str | None, exclude_current: bool) -> str | None:
    """The one ``exclude`` a call asks for: ``exclude_current=True`` is the deprecated
    spelling of ``exclude="same_product"``. Given with ``exclude`` too, the firms both leave
    out are left out, which is what ``exclude`` leaves out (``any_partner`` leaves out every
    firm ``same_product`` does).

    >>> excluding(None, True), excluding("any_partner", True), excluding(None, False)
    ('same_product', 'any_partner', None)
    """
    if exclude is not None and exclude not in EXCLUDES:
        raise InvalidOption("exclude", f"exclude must be one of {', '.join(EXCLUDES)}")
    return exclude or ("same_product" if exclude_current else None)


@in_one_read
def match_suppliers(
    store: GraphStore,
    enterprise_id: str,
    *,
    product_id: str | None = None,
    exclude_current: bool = False,
    region: str | None = None,
    limit: int = 20,
    weights: MatchWeights | None = None,
    as_of: date | None = None,
    exclude: Exclude | None = None,
    offset: int = 0,
) -> Match:
    """Firms in the map that can supply what ``enterprise_id`` needs (or ``product_id`` only).

    ``{enterprise, side, needs, candidates, total, offset, limit, weights, graph}``;
    candidates ordered by ``(-score, product_id, id)``, ``limit`` of them from ``offset``, of
    ``total``. ``exclude="same_product"`` leaves out firms that already supply that product
    to this firm; ``exclude="any_partner"`` every firm already trading with it (any product,
    either direction); ``exclude_current=True`` is the deprecated spelling of
    ``same_product``. ``region`` keeps candidates of one region. :class:`UnknownEntity` for
    an unknown firm, product or region.
    """
    store = on_day(store, as_of)
    return _match(
        store,
        enterprise_id,
        "suppliers",
        product_id,
        excluding(exclude, exclude_current),
        region,
        (limit, offset),
        weights or MatchWeights(),
    )


@in_one_read
def match_buyers(
    store: GraphStore,
    enterprise_id: str,
    *,
    product_id: str | None = None,
    exclude_current: bool = False,
    region: str | None = None,
    limit: int = 20,
    weights: MatchWeights | None = None,
    as_of: date | None = None,
    exclude: Exclude | None = None,
    offset: int = 0,
) -> Match:
    """Firms in the map that need what ``enterprise_id`` makes (or ``product_id`` only):
    :func:`match_suppliers` from the seller's side (``needs`` becomes ``products``)."""
    store = on_day(store, as_of)
    return _match(
        store,
        enterprise_id,
        "buyers",
        product_id,
        excluding(exclude, exclude_current),
        region,
        (limit, offset),
        weights or MatchWeights(),
    )


def _match(
    store: GraphStore,
    me_id: str,
    side: Side,
    product_id: str | None,
    exclude: str | None,
    region: str | None,
    window: tuple[int, int],
    weights: MatchWeights,
) -> Match:
    limit, offset = window
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InvalidOption("offset", "offset must be at least 0")
    me = store.node(Label.ENTERPRISE, me_id)
    # the firm's relationships whole but its SUPPLIES edges, which are read as keys (a hub has
    # thousands) and drawn for the page's candidates only
    around = store.neighbours(Label.ENTERPRISE, me_id, rels=UNTRADED)
    trade = _trade(store, me_id)
    if region is not None:
        store.node(Label.REGION, region)
    mine = Rel.NEEDS if side == "suppliers" else Rel.PRODUCES
    items = {n["id"]: n["props"] for n in around if n["rel"] == mine.value}
    if product_id is not None:
        store.node(Label.PRODUCT, product_id)
        items = {product_id: items.get(product_id, {})}
    ties = Ties.of(me_id, [*around, *trade], "in" if side == "suppliers" else "out")
    trading = {n["id"] for n in trade}
    fetch = store.producers if side == "suppliers" else store.consumers
    cands = [
        c
        for c in fetch(items)
        if c["id"] != me_id
        and (region is None or c.get("region_id") == region)
        and not (exclude == "same_product" and c["product_id"] in ties.traded.get(c["id"], ()))
        and not (exclude == "any_partner" and c["id"] in trading)
    ]
    # how many of the firm's partners each candidate partners too
    shared = store.shared_partners(ties.partners, {c["id"] for c in cands})
    products = {p["id"]: p for p in store.nodes(Label.PRODUCT, set(items) | ties.products())}
    ctx = Scorer(
        side,
        me,
        items,
        ties,
        shared,
        products,
        {r["id"]: r for r in store.nodes(Label.REGION)},
        {c["id"]: c for c in store.nodes(Label.CHAIN)},
        weights,
    )
    # every candidate is ranked by its score; only the page's are explained
    ranked = sorted(cands, key=lambda c: (-ctx.points(c), c["product_id"], c["id"]))
    scored = [ctx.score(c) for c in ranked[offset : offset + limit]]
    listed = [
        {"product_id": pid, "name": products.get(pid, {}).get("name"), **_amount(side, props)}
        for pid, props in sorted(items.items())
    ]
    # the list's key depends on the side, which no TypedDict literal can say
    answer = {
        "enterprise": ref(Label.ENTERPRISE, me),
        "side": side,
        "needs" if side == "suppliers" else "products": listed,
        "candidates": scored,
        "total": len(ranked),
        "offset": offset,
        "limit": limit,
        "weights": weights.as_dict(),
        "graph": _graph(store, side, me, scored, products, (around, trade), items),
    }
    return cast(Match, answer)


def _amount(side: Side, props: Mapping[str, Any]) -> dict[str, Any]:
    keys = (
        ("annual_demand", "demand_base") if side == "suppliers" else ("capacity", "capacity_base")
    )
    out = {k: props.get(k) for k in (*keys, "unit", "base_unit")}
    return {k: v for k, v in out.items() if v is not None}


def _trade(store: GraphStore, me_id: str) -> list[dict[str, Any]]:
    """The firm's SUPPLIES edges as :meth:`GraphStore.neighbours` lists them, without their
    properties: ``{rel, direction, id, key}``."""
    return [
        {"rel": Rel.SUPPLIES.value, "direction": way, "id": b if way == "out" else a, "key": k}
        for way in ("out", "in")
        for a, b, k in store.adjacent_keys(Rel.SUPPLIES, [me_id], direction=way)
    ]


def _graph(
    store: GraphStore,
    side: Side,
    me: dict[str, Any],
    candidates: list[Candidate],
    products: dict[str, dict[str, Any]],
    ties: tuple[list[dict[str, Any]], list[dict[str, Any]]],
    items: dict[str, dict[str, Any]],
) -> Graph:
    """The firm, the page's candidates and their products, and the firm's cooperations
    (``ties[0]``, its relationships but SUPPLIES) and trade (``ties[1]``, :func:`_trade`) with
    the candidates drawn: the trade facts read by key."""
    around, trade = ties
    g = Subgraph()
    me_key = g.node(Label.ENTERPRISE, me)
    theirs, mine = (Rel.PRODUCES, Rel.NEEDS) if side == "suppliers" else (Rel.NEEDS, Rel.PRODUCES)
    for c in candidates:
        firm = g.node(Label.ENTERPRISE, c)
        product = g.node(Label.PRODUCT, products.get(c["product_id"], {"id": c["product_id"]}))
        g.edge(theirs, firm, product, props=c)
        g.edge(mine, me_key, product, props=items.get(c["product_id"]))
    for n in around:
        other = node_key(Label.ENTERPRISE, n["id"])
        if n["rel"] == Rel.COOPERATES.value and other in g:
            src, dst = (me_key, other) if n["direction"] == "out" else (other, me_key)
            g.edge(Rel.COOPERATES, src, dst, key=n["key"], props=n["props"])
    drawn = {c["id"] for c in candidates} | {me["id"]}
    traded = [
        (me["id"], n["id"], n["key"]) if n["direction"] == "out" else (n["id"], me["id"], n["key"])
        for n in trade
        if n["id"] in drawn
    ]
    for e in fact_edges(store, Rel.SUPPLIES, traded):
        src, dst = node_key(Label.ENTERPRISE, e["source"]), node_key(Label.ENTERPRISE, e["target"])
        g.edge(Rel.SUPPLIES, src, dst, key=e["key"], props=e["props"])
    return g.build()
