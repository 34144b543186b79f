"""Who answers a post: the counterpart posts of its kind, and firms the graph says can answer
it without a post (issue 15; docs/board.md explains the score).

For a need: 产品/产能 the producers of its products (the supplier side of matchmaking, with
capacity against quantity); 技术 producers of its products or of their process neighbours
(INPUT_TO), and firms that cooperated with the poster on 技术; 人才 firms of the poster's chain
and stage making its products; 资金 firms that cooperated with the poster on 资金 (co-applied)
or sit in its park; 信息 the chain's lead firms; 设备 firms making its products. An offer is
matched the other way (firms needing its products where a need would take producers). Every
candidate carries a score and its reasons in Chinese and English; same region and existing
partner add to any. Candidates ordered by ``(-score, enterprise_id)``.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from chainatlas.graph.asof import as_of_key
from chainatlas.graph.board import reasons as why
from chainatlas.graph.board.posts import all_posts, get_post, product_words
from chainatlas.graph.board.words import terms
from chainatlas.graph.dated import on_day
from chainatlas.graph.model import CoopKind, Label, Rel, Row
from chainatlas.graph.queries import reasons as mm
from chainatlas.graph.store import GraphStore
from chainatlas.graph.units import canonical_unit, to_base

#: what each reason adds to a candidate's score
WEIGHTS = {
    "posted": 3.0,
    "produces": 2.0,
    "needs": 2.0,
    "cooperated": 1.5,
    "key_firm": 1.5,
    "neighbour": 1.0,
    "same_park": 1.0,
    "same_stage": 1.0,
    "capacity": 1.0,
    "words": 0.25,  # per shared term, at most 4
    "same_region": 0.5,
    "partner": 0.5,
}
LEAD_TAG = "链主企业"
INFO, TECH, TALENT = CoopKind.INFORMATION, CoopKind.TECHNOLOGY, CoopKind.TALENT
CAPITAL, PRODUCT, CAPACITY = CoopKind.CAPITAL, CoopKind.PRODUCT, CoopKind.CAPACITY
MAKERS = {PRODUCT, CAPACITY, CoopKind.EQUIPMENT}


class _Candidates:
    def __init__(self) -> None:
        self.score: dict[str, float] = defaultdict(float)
        self.reasons: dict[str, list[dict[str, str]]] = defaultdict(list)
        self.post: dict[str, str] = {}
        self.graph: dict[str, list[dict[str, str]]] = defaultdict(list)

    def add(self, firm: str, part: str, reason: dict[str, str], weight: float = 1.0) -> None:
        self.score[firm] += WEIGHTS[part] * weight
        self.reasons[firm].append({"code": part, **reason})

    def link(self, firm: str, rel: str, target: str) -> None:
        self.graph[firm].append({"rel": rel, "target": target})


def match_post(
    store: GraphStore, post_id: str, *, as_of: date | None = None, limit: int = 20
) -> dict[str, Any]:
    """``{post, candidates}``: each candidate ``{enterprise_id, name, region_id, score,
    reasons, post_id?, links}`` (``links``: the graph facts behind its reasons)."""
    today = as_of or date.today()
    post = get_post(store, post_id, as_of=today)
    view = on_day(store, today)
    me = view.node(Label.ENTERPRISE, post["enterprise_id"])
    firms = {f["id"]: f for f in view.nodes(Label.ENTERPRISE)}
    products = {p["id"]: p for p in view.nodes(Label.PRODUCT)}
    named = [p for p in post.get("products") or () if p in products]
    c = _Candidates()
    _counterparts(view, post, c, products, today)
    _graph_rules(view, post, me, firms, products, named, c)
    return {"post": post, "candidates": _ranked(view, post, me, firms, c, limit)}


def _counterparts(
    store: GraphStore, post: Row, c: _Candidates, products: dict[str, Row], today: date
) -> None:
    """Open posts of the other side and the same kind by other firms, sharing a product or
    a segmented term with ``post``."""
    vocab = product_words(store)
    mine = terms(f"{post['title']} {post.get('description') or ''}", vocab)
    best: dict[str, tuple[int, str, Row, list[str]]] = {}
    for other in all_posts(store, today):
        if (
            other["side"] == post["side"]
            or other["kind"] != post["kind"]
            or other["status"] != "open"
            or other["enterprise_id"] == post["enterprise_id"]
        ):
            continue
        shared_products = set(other.get("products") or ()) & set(post.get("products") or ())
        shared = sorted(mine & terms(f"{other['title']} {other.get('description') or ''}", vocab))
        if not shared_products and len(shared) < 2:
            continue  # one common word is chance, not an answer
        rank = -(len(shared_products) * 4 + len(shared))
        firm = other["enterprise_id"]
        if firm not in best or (rank, other["id"]) < best[firm][:2]:
            best[firm] = (rank, other["id"], other, shared)
    for firm, (_, pid, other, shared) in sorted(best.items()):
        c.post[firm] = pid
        c.add(firm, "posted", why.posted(other["side"], other), 1.0 if rank <= -4 else 0.5)
        c.link(firm, "POSTED", pid)
        if shared:
            c.add(firm, "words", why.words(shared[:4]), min(len(shared), 4))


def _graph_rules(
    store: GraphStore,
    post: Row,
    me: Row,
    firms: dict[str, Row],
    products: dict[str, Row],
    named: list[str],
    c: _Candidates,
) -> None:
    kind, need = CoopKind(post["kind"]), post["side"] == "need"
    coops = _coops(store, me["id"])
    if kind in MAKERS or kind is TECH or (kind is INFO and not need):
        rows = store.producers(named) if need or kind is TECH else store.consumers(named)
        part = "produces" if need or kind is TECH else "needs"
        by_firm: dict[str, list[Row]] = defaultdict(list)
        for r in rows:
            by_firm[r["id"]].append(r)
        for firm, made in sorted(by_firm.items()):
            items = [products[r["product_id"]] for r in made]
            c.add(firm, part, (why.produces if part == "produces" else why.needs)(items))
            for r in made:
                c.link(firm, "PRODUCES" if part == "produces" else "NEEDS", r["product_id"])
            if kind in (PRODUCT, CAPACITY):
                _capacity(c, firm, post, made, need)
    if kind is TECH:
        around = _process_neighbours(store, named)
        for r in store.producers(sorted(around)):
            c.add(r["id"], "neighbour", why.neighbour([products[r["product_id"]]]))
            c.link(r["id"], "PRODUCES", r["product_id"])
    if kind in (TECH, CAPITAL):
        for firm, since in sorted(coops.get(kind.value, {}).items()):
            c.add(firm, "cooperated", why.cooperated(kind.value, since))
            c.link(firm, "COOPERATES", kind.value)
    if kind is CAPITAL and me.get("park_id"):
        for f in firms.values():
            if f.get("park_id") == me["park_id"] and f["id"] != me["id"]:
                c.add(f["id"], "same_park", why.same_park(str(me.get("park") or me["park_id"])))
    if kind is TALENT and me.get("stage"):
        makers = {r["id"]: r for r in store.producers(named)}
        for firm, r in sorted(makers.items()):
            f = firms.get(firm, {})
            if f.get("chain_id") == me.get("chain_id") and f.get("stage") == me["stage"]:
                c.add(firm, "same_stage", why.same_stage(me["stage"]))
                c.add(firm, "produces", why.produces([products[r["product_id"]]]))
                c.link(firm, "PRODUCES", r["product_id"])
    if kind is INFO:
        chain_id = post.get("chain_id") or me.get("chain_id")
        chain = next(iter(store.nodes(Label.CHAIN, [chain_id] if chain_id else [])), None)
        for f in firms.values():
            if chain and f.get("chain_id") == chain_id and LEAD_TAG in (f.get("tags") or ()):
                c.add(f["id"], "key_firm", why.key_firm(chain))
                c.link(f["id"], "IN_CHAIN", str(chain_id))


def _coops(store: GraphStore, firm: str) -> dict[str, dict[str, Any]]:
    """The poster's cooperations: kind -> partner -> since."""
    found: dict[str, dict[str, Any]] = defaultdict(dict)
    for n in store.neighbours(Label.ENTERPRISE, firm):
        if n["rel"] == Rel.COOPERATES.value and n["label"] == Label.ENTERPRISE.value:
            found[n["key"]][n["id"]] = n["props"].get("since")
    return found


def _process_neighbours(store: GraphStore, named: list[str]) -> set[str]:
    around = {e["target"] for e in store.adjacent(Rel.INPUT_TO, named, direction="out")}
    around |= {e["source"] for e in store.adjacent(Rel.INPUT_TO, named, direction="in")}
    return around - set(named)


def _capacity(c: _Candidates, firm: str, post: Row, made: list[Row], need: bool) -> None:
    """Capacity (or demand) against the post's quantity, when the units compare."""
    unit = canonical_unit(str(post.get("unit") or "").split("/")[0])
    qty = post.get("quantity")
    amounts = [(r.get("amount_base"), r.get("base_unit")) for r in made]
    if unit is None or not qty:
        return
    want, base = to_base(float(qty), unit)
    have = sum(float(a) for a, b in amounts if a is not None and b == base)
    if have <= 0:
        return
    share = min(have / want, 1.0)
    side = "suppliers" if need else "customers"
    c.add(firm, "capacity", mm.capacity(side, have, want, base, share), share)


def _ranked(
    store: GraphStore, post: Row, me: Row, firms: dict[str, Row], c: _Candidates, limit: int
) -> list[dict[str, Any]]:
    regions = {r["id"]: r for r in store.nodes(Label.REGION)}
    partners = {
        n["id"]
        for n in store.neighbours(Label.ENTERPRISE, me["id"])
        if n["rel"] in (Rel.SUPPLIES.value, Rel.COOPERATES.value)
    }
    reach = post.get("reach") or "cluster"
    out = []
    for firm in sorted(c.score):
        f = firms.get(firm)
        if f is None or firm == me["id"] or not _within(reach, f, me, regions):
            continue
        if f.get("region_id") and f.get("region_id") == me.get("region_id"):
            c.add(firm, "same_region", mm.same_region(regions[me["region_id"]]))
        if firm in partners:
            c.add(firm, "partner", {"zh": "已是您的合作伙伴", "en": "Already your partner"})
        item: dict[str, Any] = {
            "enterprise_id": firm,
            "name": f.get("name"),
            "region_id": f.get("region_id"),
            "score": round(c.score[firm], 3),
            "reasons": c.reasons[firm],
            "links": c.graph[firm],
        }
        if firm in c.post:
            item["post_id"] = c.post[firm]
        out.append(item)
    out.sort(key=lambda i: (-i["score"], i["enterprise_id"]))
    return out[:limit]


def _within(reach: str, firm: Row, me: Row, regions: dict[str, Row]) -> bool:
    if reach == "district":
        return bool(firm.get("region_id")) and firm.get("region_id") == me.get("region_id")
    if reach == "cluster":
        return firm.get("region_id") in regions
    return True


def as_of_text(as_of: date | None) -> str | None:
    return as_of_key(as_of)
