"""Too many nodes to draw: fold firms by district and stage, products by chain and stage.

A folded group is a node ``Group:Enterprise:shangyu.midstream`` (label ``Group``) standing
for its members; edges between groups are counted per relationship type. The largest groups
fold first, only as many as it takes to get under the limit, and never a group the reader
asked to expand unless it alone holds more than the limit. The input subgraph is not
modified. The rules are those of :mod:`graph.queries.fold`.

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
from typing import Any, cast

from chainatlas.graph.queries.fold import (
    chain_names,
    counted_edge,
    folding,
    group_node,
    group_of,
)

Subgraph = Mapping[str, Any]

__all__ = ["Aggregation", "Drawable", "aggregate", "group_of"]


@dataclass
class Aggregation:
    graph: dict[str, list[dict[str, Any]]]
    #: group key → member node keys, for the groups that were folded
    folded: dict[str, list[str]] = field(default_factory=dict)


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
        if g is not None:
            members[g].append(n)
    sizes = {g: len(m) for g, m in members.items()}
    fold = folding(sizes, total=len(nodes), limit=limit, expand=expand)
    where = {n["key"]: g for g in fold for n in members[g]}

    out_nodes = [n for n in nodes if n["key"] not in where]
    for g in sorted(fold):
        out_nodes.append(group_node(g, len(members[g]), chain_names or {}))
    out_nodes.sort(key=lambda n: n["key"])

    kept: list[dict[str, Any]] = []
    counts: Counter[tuple[str, str, str]] = Counter()
    for e in edges:
        s, t = where.get(e["source"], e["source"]), where.get(e["target"], e["target"])
        if s == e["source"] and t == e["target"]:
            kept.append(e)
        elif s != t:
            counts[(s, t, e["rel"])] += 1
    kept += [counted_edge(s, t, rel, c) for (s, t, rel), c in sorted(counts.items())]
    kept.sort(key=lambda e: (e["source"], e["target"], e["rel"], e["key"]))
    return Aggregation(
        {"nodes": out_nodes, "edges": kept},
        {g: sorted(n["key"] for n in members[g]) for g in sorted(fold)},
    )


class Drawable:
    """What a view draws of a subgraph answer: its nodes with a key, its edges between them,
    and the names of its regions and chains (groups are named by them)."""

    def __init__(self, graph: Subgraph) -> None:
        # the answer's own dicts (a view copies what it changes)
        self.nodes = [
            cast(dict[str, Any], n)
            for n in graph.get("nodes", [])
            if isinstance(n, Mapping) and n.get("key")
        ]
        known = {n["key"] for n in self.nodes}
        self.edges = [
            cast(dict[str, Any], e)
            for e in graph.get("edges", [])
            if isinstance(e, Mapping) and e.get("source") in known and e.get("target") in known
        ]
        self.region_names = {
            str(n.get("id")): str(n.get("name", ""))
            for n in self.nodes
            if n.get("label") == "Region"
        }
        self.chain_names = chain_names(self.nodes)

    def fold(self, *, limit: int, expand: Collection[str] = ()) -> Aggregation:
        """These nodes and edges folded to at most ``limit`` nodes, as a view folds them."""
        return aggregate(
            {"nodes": self.nodes, "edges": self.edges},
            limit=limit,
            expand=expand,
            region_names=self.region_names,
            chain_names=self.chain_names,
        )
