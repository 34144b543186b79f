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


#: a local firm's need as the KPIs count it: (product, covered by a current supplier inside
#: the cluster, a gap: no local firm makes it, single: one local firm makes it, not this one)
Need = tuple[str, bool, bool, bool]


def _needs_by_firm(s: Survey) -> dict[str, list[Need]]:
    """Each local firm's needs, judged once: a scope's row counts its firms' (a province's
    three million needs were walked again for each of its dozens of rows)."""
    out: dict[str, list[Need]] = defaultdict(list)
    for p, edges in s.needs.items():
        makers = {e["source"] for e in s.local_makers(p)}
        one = len(makers) == 1
        for e in edges:
            f = e["source"]
            out[f].append((p, (f, p) in s.bought, not makers, one and f not in makers))
    return out


def _row(
    members: set[str],
    needs: dict[str, list[Need]],
    linked: set[str],
    supplied: dict[str, set[str]],
) -> dict[str, Any]:
    mine = [n for f in members for n in needs.get(f, ())]
    outside = sum(gap for _, _, gap, _ in mine)
    return {
        "firms": len(members),
        "collaborating": len(members & linked),
        "supplied_products": len({p for f in members for p in supplied.get(f, ())}),
        "needs": len(mine),
        "coverage": share(sum(covered for _, covered, _, _ in mine), len(mine)),
        "gaps": len({p for p, _, gap, _ in mine if gap}),
        "single_source": len({p for p, _, _, single in mine if single}),
        "outside_dependency": share(outside, len(mine)),
    }


def kpis(store: Any, *, as_of: date | None = None, survey: Survey | None = None) -> dict[str, Any]:
    """``{rows, columns}``: rows ordered all, then chains by id, then regions by id; each
    ``{scope, id, name, name_en}`` plus :data:`KPI_COLUMNS`."""
    s = survey or Survey(store, as_of=as_of)
    linked: set[str] = set()
    supplied: dict[str, set[str]] = defaultdict(set)
    for supplier, buyer, key in s.supplies:
        if supplier != buyer:
            linked.add(supplier)
            linked.add(buyer)
        supplied[buyer].add(key)
    for e in s.store.edges(Rel.COOPERATES):
        if e["source"] != e["target"]:
            linked.add(e["source"])
            linked.add(e["target"])
    by_chain: dict[str, set[str]] = defaultdict(set)
    by_region: dict[str, set[str]] = defaultdict(set)
    for fid in s.local:
        f = s.firms[fid]
        if f.get("chain_id"):
            by_chain[f["chain_id"]].add(fid)
        by_region[f["region_id"]].add(fid)
    needs = _needs_by_firm(s)
    rows = [
        {"scope": "all", "id": "all", "name": "全部", "name_en": "All"}
        | _row(s.local, needs, linked, supplied)
    ]
    for scope, groups, names in (("chain", by_chain, s.chains), ("region", by_region, s.regions)):
        for gid in sorted(names):
            head = {"scope": scope, "id": gid, "name": names[gid].get("name", gid)}
            head["name_en"] = names[gid].get("name_en") or head["name"]
            rows.append(head | _row(groups.get(gid, set()), needs, linked, supplied))
    return {"rows": rows, "columns": list(KPI_COLUMNS)}
