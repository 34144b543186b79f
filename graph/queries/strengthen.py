"""强链: the weak links to secure, products and firms ranked by an explained risk score.

A product is scored when at least one local firm makes it and another local firm needs it
(a product no local firm makes is a 补链 target instead). Five parts, each in [0, 1]:

- ``single_source``: 1 with one local producer, 0.5 with two, else 0;
- ``dependence``: local firms needing it / the most local firms needing any scored product;
- ``centrality``: the best-connected local producer's distinct trading partners / the most
  any firm has (degree on the supply network);
- ``shortfall``: how far local capacity falls short of local demand, ``1 − capacity/demand``
  (same base unit; 0 when capacity covers demand or either is unknown);
- ``outside``: the share of the firms needing it that have no current supplier of it inside
  the cluster (they buy it from outside).

    score = 0.30·single_source + 0.25·dependence + 0.15·centrality + 0.15·shortfall + 0.15·outside

A firm is scored by the products it is the only local producer of:

    score = 0.6 · the highest score among those products + 0.4 · its partners / the most partners

Rows carry ``parts`` and ``reasons`` (Chinese and English), ordered by ``(-score, id)``.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chainatlas.graph.queries.cluster import Survey, demand, share
from chainatlas.graph.queries.reasons import qty
from chainatlas.graph.queries.targets import check_limit
from chainatlas.graph.store import GraphStore

PRODUCT_WEIGHTS = {
    "single_source": 0.30,
    "dependence": 0.25,
    "centrality": 0.15,
    "shortfall": 0.15,
    "outside": 0.15,
}
FIRM_WEIGHTS = {"product": 0.6, "partners": 0.4}


def _r(zh: str, en: str) -> dict[str, str]:
    return {"zh": zh, "en": en}


def _capacity(edges: list[dict[str, Any]]) -> tuple[float, str | None]:
    known = [e["props"] for e in edges if e["props"].get("capacity_base") is not None]
    units = {p.get("base_unit") for p in known}
    return sum(float(p["capacity_base"]) for p in known), (units.pop() if len(units) == 1 else None)


def _product_rows(s: Survey) -> list[dict[str, Any]]:
    degree = {f: n for f, n in s.partners.items() if f in s.local}
    top_degree = max(degree.values(), default=0)
    scored = []
    for pid in sorted(s.needs):
        makers = sorted({e["source"] for e in s.local_makers(pid)})
        users = sorted({e["source"] for e in s.needs[pid]} - set(makers))
        if makers and users:
            scored.append((pid, makers, users))
    most = max((len(u) for _, _, u in scored), default=0)
    rows = []
    for pid, makers, users in scored:
        using = set(users)
        need, need_unit = demand([e for e in s.needs[pid] if e["source"] in using])
        cap, cap_unit = _capacity(s.local_makers(pid))
        short = (
            1 - cap / need if need and cap_unit == need_unit and need_unit and cap < need else 0.0
        )
        unserved = [u for u in users if (u, pid) not in s.bought]
        hub = max(makers, key=lambda m: (degree.get(m, 0), m))
        parts = {
            "single_source": {1: 1.0, 2: 0.5}.get(len(makers), 0.0),
            "dependence": len(users) / most,
            "centrality": share(degree.get(hub, 0), top_degree) or 0.0,
            "shortfall": short,
            "outside": len(unserved) / len(users),
        }
        reasons = []
        if len(makers) == 1:
            name = s.firms[makers[0]].get("name") or makers[0]
            reasons.append(_r(f"本地仅 {name} 一家生产", f"one local producer only ({makers[0]})"))
        elif len(makers) == 2:
            reasons.append(_r("本地仅两家生产", "two local producers only"))
        reasons.append(_r(f"{len(users)} 家本地企业需要", f"{len(users)} local firms need it"))
        if parts["centrality"] >= 0.5:
            reasons.append(_r("生产企业处于供应网络中心", "made by a hub of the supply network"))
        if short and need_unit:
            (cz, ce), (dz, de) = qty(cap, need_unit), qty(need, need_unit)
            reasons.append(
                _r(f"本地产能 {cz}，低于需求 {dz}", f"local capacity {ce} below demand {de}")
            )
        if unserved:
            reasons.append(
                _r(
                    f"{len(unserved)} 家需求企业无本地在供供应商",
                    f"{len(unserved)} firms needing it have no current local supplier",
                )
            )
        rows.append(
            s.name(pid)
            | {
                "producers": makers,
                "consumers": len(users),
                "score": round(sum(PRODUCT_WEIGHTS[k] * v for k, v in parts.items()), 4),
                "parts": {k: round(v, 4) for k, v in parts.items()},
                "reasons": reasons,
            }
        )
    rows.sort(key=lambda r: (-r["score"], r["product_id"]))
    return rows


def strengthen(
    store: GraphStore, *, limit: int = 50, as_of: date | None = None, survey: Survey | None = None
) -> dict[str, Any]:
    """The 强链 lists: ``{products, firms, total_products, total_firms}``; a product row
    ``{rank, product_id, name, name_en, chain_id, stage, producers, consumers, score, parts,
    reasons}``, a firm row ``{rank, id, name, region_id, chain_id, sole_products, partners,
    score, parts, reasons}``."""
    check_limit(limit)
    s = survey or Survey(store, as_of=as_of)
    products = _product_rows(s)
    sole: dict[str, list[dict[str, Any]]] = {}
    for row in products:
        if len(row["producers"]) == 1:
            sole.setdefault(row["producers"][0], []).append(row)
    top = max((s.partners.get(f, 0) for f in sole), default=0)
    firms = []
    for fid, rows in sole.items():
        f = s.firms[fid]
        partners = s.partners.get(fid, 0)
        parts = {"product": rows[0]["score"], "partners": share(partners, top) or 0.0}
        names_zh = "、".join(str(r.get("name") or r["product_id"]) for r in rows[:5])
        firms.append(
            {k: f[k] for k in ("id", "name", "region_id", "chain_id") if f.get(k)}
            | {
                "sole_products": [r["product_id"] for r in rows],
                "partners": partners,
                "score": round(sum(FIRM_WEIGHTS[k] * v for k, v in parts.items()), 4),
                "parts": {k: round(v, 4) for k, v in parts.items()},
                "reasons": [
                    _r(
                        f"本地唯一生产 {len(rows)} 种被需要的产品：{names_zh}",
                        f"the only local producer of {len(rows)} product(s) others need",
                    ),
                    _r(f"本地供需伙伴 {partners} 家", f"{partners} trading partners in the map"),
                ],
            }
        )
    firms.sort(key=lambda r: (-r["score"], r["id"]))
    for seq in (products, firms):
        for rank, r in enumerate(seq, 1):
            r["rank"] = rank
    return {
        "products": products[:limit],
        "firms": firms[:limit],
        "total_products": len(products),
        "total_firms": len(firms),
    }
