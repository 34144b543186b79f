"""KPIs per chain and per district (产业链 / 区域 指标), for the committee's briefing.

One row per chain, per region and one for the whole cluster (``scope`` ``chain``, ``region``,
``all``), each counting the *local* firms of its scope (docs/committee.md):

- ``firms``; ``collaborating``: those with a SUPPLIES or COOPERATES edge to another firm;
- ``supplied_products``: distinct products on SUPPLIES edges into the scope's firms;
- ``needs``: (firm, product) NEEDS edges; ``coverage`` (本地配套率): the share of needs with a
  current supplier inside the cluster;
- ``gaps``: products the scope's firms need that no local firm makes; ``single_source``:
  products they need that exactly one local firm makes (not counting the firm itself);
- ``outside_dependency``: the share of needs on products no local firm makes.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date
from typing import Any

from chainatlas.graph.model import Rel
from chainatlas.graph.queries.cluster import Survey, share

KPI_COLUMNS = (
    "firms",
    "collaborating",
    "supplied_products",
    "needs",
    "coverage",
    "gaps",
    "single_source",
    "outside_dependency",
)


def _row(
    s: Survey, members: set[str], linked: set[str], supplied: dict[str, set[str]]
) -> dict[str, Any]:
    needs = [
        (e["source"], p) for p, edges in s.needs.items() for e in edges if e["source"] in members
    ]
    makers = {p: {e["source"] for e in s.local_makers(p)} for p in {p for _, p in needs}}
    gaps = {p for _, p in needs if not makers[p]}
    single = {p for f, p in needs if len(makers[p] - {f}) == 1 and len(makers[p]) == 1}
    covered = sum(1 for n in needs if n in s.bought)
    outside = sum(1 for _, p in needs if p in gaps)
    return {
        "firms": len(members),
        "collaborating": len(members & linked),
        "supplied_products": len({p for f in members for p in supplied.get(f, ())}),
        "needs": len(needs),
        "coverage": share(covered, len(needs)),
        "gaps": len(gaps),
        "single_source": len(single),
        "outside_dependency": share(outside, len(needs)),
    }


def kpis(store: Any, *, as_of: date | None = None, survey: Survey | None = None) -> dict[str, Any]:
    """``{rows, columns}``: rows ordered all, then chains by id, then regions by id; each
    ``{scope, id, name, name_en}`` plus :data:`KPI_COLUMNS`."""
    s = survey or Survey(store, as_of=as_of)
    linked: set[str] = set()
    supplied: dict[str, set[str]] = defaultdict(set)
    for supplier, buyer, key in s.supplies:
        if supplier != buyer:
            linked |= {supplier, buyer}
        supplied[buyer].add(key)
    for e in s.store.edges(Rel.COOPERATES):
        if e["source"] != e["target"]:
            linked |= {e["source"], e["target"]}
    by_chain: dict[str, set[str]] = defaultdict(set)
    by_region: dict[str, set[str]] = defaultdict(set)
    for fid in s.local:
        f = s.firms[fid]
        if f.get("chain_id"):
            by_chain[f["chain_id"]].add(fid)
        by_region[f["region_id"]].add(fid)
    rows = [
        {"scope": "all", "id": "all", "name": "全部", "name_en": "All"}
        | _row(s, s.local, linked, supplied)
    ]
    for scope, groups, names in (("chain", by_chain, s.chains), ("region", by_region, s.regions)):
        for gid in sorted(names):
            head = {"scope": scope, "id": gid, "name": names[gid].get("name", gid)}
            head["name_en"] = names[gid].get("name_en") or head["name"]
            rows.append(head | _row(s, groups.get(gid, set()), linked, supplied))
    return {"rows": rows, "columns": list(KPI_COLUMNS)}
