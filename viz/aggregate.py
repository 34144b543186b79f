"""Too many nodes to draw: fold firms by district and stage, products by chain and stage.

A folded group is a node ``Group:Enterprise:shangyu.midstream`` (label ``Group``) standing
for its members; edges between groups are counted per relationship type. The largest groups
fold first, only as many as it takes to get under the limit, and never a group the reader
asked to expand. The input subgraph is not modified.

>>> g = {"nodes": [{"key": f"Enterprise:E{i}", "label": "Enterprise", "id": f"E{i}",
...                 "region_id": "ningbo" if i < 3 else "keqiao"} for i in range(5)],
...      "edges": [{"source": "Enterprise:E0", "target": "Enterprise:E4", "rel": "SUPPLIES",
...                 "key": "pta", "props": {}}]}
>>> out = aggregate(g, limit=3)
>>> [n["key"] for n in out.graph["nodes"]]
['Enterprise:E3', 'Enterprise:E4', 'Group:Enterprise:ningbo.unstaged']
>>> [(e["source"], e["target"], e["props"]["count"]) for e in out.graph["edges"]]
[('Group:Enterprise:ningbo.unstaged', 'Enterprise:E4', 1)]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Collection, Mapping
from dataclasses import dataclass, field
from typing import Any

from chainatlas.viz.style import DISTRICTS, STAGES, district_of

Subgraph = Mapping[str, Any]
_DISTRICT_NAMES = {d[0]: (d[1], d[2]) for d in DISTRICTS}


@dataclass
class Aggregation:
    graph: dict[str, list[dict[str, Any]]]
    #: group key → member node keys, for the groups that were folded
    folded: dict[str, list[str]] = field(default_factory=dict)


_STAGE_KEY = {zh: en for zh, en in STAGES}
_STAGE_OF_KEY = {en: zh for zh, en in STAGES}


def group_of(node: Mapping[str, Any], region_names: Mapping[str, str] | None = None) -> str | None:
    """The group a node folds into, or None for nodes that never fold (chains, regions):
    firms by district and stage, products by chain and stage, so that a group sits where its
    members would (``Group:Enterprise:shangyu.midstream``, ``Group:Product:poly.upstream``)."""
    label = node.get("label")
    stage = _STAGE_KEY.get(str(node.get("stage") or ""), "unstaged")
    if label == "Enterprise":
        return f"Group:Enterprise:{district_of(node, region_names)}.{stage}"
    if label == "Product":
        return f"Group:Product:{node.get('chain_id') or 'other'}.{stage}"
    return None


def aggregate(
    graph: Subgraph,
    *,
    limit: int,
    expand: Collection[str] = (),
    region_names: Mapping[str, str] | None = None,
    chain_names: Mapping[str, tuple[str, str]] | None = None,
) -> Aggregation:
    """``graph`` with groups folded until it has at most ``limit`` nodes (if it can)."""
    nodes = list(graph.get("nodes", []))
    edges = list(graph.get("edges", []))
    if len(nodes) <= limit:
        return Aggregation({"nodes": nodes, "edges": edges})
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for n in nodes:
        g = group_of(n, region_names)
        if g is not None and g not in expand:
            members[g].append(n)
    total = len(nodes)
    fold: set[str] = set()
    for g in sorted(members, key=lambda g: (-len(members[g]), g)):
        if total <= limit:
            break
        fold.add(g)
        total -= len(members[g]) - 1
    where = {n["key"]: g for g in fold for n in members[g]}

    out_nodes = [n for n in nodes if n["key"] not in where]
    for g in sorted(fold):
        out_nodes.append(_group_node(g, len(members[g]), chain_names or {}))
    out_nodes.sort(key=lambda n: n["key"])

    kept: list[dict[str, Any]] = []
    counts: Counter[tuple[str, str, str]] = Counter()
    for e in edges:
        s, t = where.get(e["source"], e["source"]), where.get(e["target"], e["target"])
        if s == e["source"] and t == e["target"]:
            kept.append(e)
        elif s != t:
            counts[(s, t, e["rel"])] += 1
    for (s, t, rel), c in sorted(counts.items()):
        kept.append(
            {
                "source": s,
                "target": t,
                "rel": rel,
                "key": "*",
                "props": {"count": c},
                "aggregate": True,
            }
        )
    kept.sort(key=lambda e: (e["source"], e["target"], e["rel"], e["key"]))
    return Aggregation(
        {"nodes": out_nodes, "edges": kept},
        {g: sorted(n["key"] for n in members[g]) for g in sorted(fold)},
    )


def _group_node(key: str, count: int, chain_names: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    _, of, which = key.split(":", 2)
    where, _, stage_en = which.rpartition(".")
    stage = _STAGE_OF_KEY.get(stage_en)
    stage_zh = stage or "未分段"
    extra: dict[str, Any] = {"stage": stage} if stage else {}
    if of == "Enterprise":
        zh, en = _DISTRICT_NAMES.get(where, (where, where))
        name, name_en = f"{zh} · {stage_zh}企业 ×{count}", f"{en} · {stage_en} firms"
        extra["region_id"] = where
    else:
        zh, en = chain_names.get(where, (where, where))
        name, name_en = f"{zh} · {stage_zh}产品 ×{count}", f"{en} · {stage_en} products"
        extra["chain_id"] = where
    return {
        "key": key,
        "label": "Group",
        "id": f"{of}:{which}",
        "name": name,
        "name_en": name_en,
        "group_of": of,
        "members": count,
        **extra,
    }
