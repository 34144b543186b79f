"""A chain's panorama at province scale: groups of firms instead of every firm.

A chain of the demo draws every firm and every supply edge. A province's chain holds tens of
thousands of firms and hundreds of thousands of edges: drawn one by one, its panorama was a
72 MB answer on 100,000 firms. Above a node budget (firms and products of the chain,
:data:`PANORAMA_BUDGET`) :func:`graph.queries.chains.chain_panorama` answers instead:

- per stage, the firm and product counts and the :data:`TOP_FIRMS` busiest firms (most supply
  edges inside the chain, then id); every firm is on :func:`chain_firms`' pages;
- a ``graph`` of **groups**: one node per (stage, district) holding ``count`` firms, an
  ``IN_CHAIN`` edge from each group to the chain, and one ``SUPPLIES`` edge per pair of groups
  that trade, whose props count the supply edges (``edges``) and products (``products``).

Regions, stage links and coverage are already aggregated and stay as they are.

>>> firms = [{"id": "E1", "stage": "s1", "region_id": "r1"},
...          {"id": "E2", "stage": "s2", "region_id": "r1"},
...          {"id": "E3", "stage": "s2", "region_id": "r1"}]
>>> links = [("E1", "E2", "p"), ("E1", "E3", "p")]
>>> [f["id"] for f in ranked_firms(firms, links)]
['E1', 'E2', 'E3']
>>> g = grouped_graph({"id": "c"}, firms, links, {"r1": {"name": "甲区"}})
>>> [(n["key"], n.get("count")) for n in g["nodes"]]
[('Chain:c', None), ('Group:s1/r1', 1), ('Group:s2/r1', 2)]
>>> [(e["rel"], e["props"]) for e in g["edges"] if e["rel"] == "SUPPLIES"]
[('SUPPLIES', {'edges': 2, 'products': 1})]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from typing import Any, cast

from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.answers import StageFirm
from chainatlas.graph.queries.subgraph import node_key
from chainatlas.graph.shapes import Subgraph

#: above this many nodes (the chain's firms and products) a panorama answers groups
PANORAMA_BUDGET = 2_000
#: the firms a grouped panorama names per stage
TOP_FIRMS = 20
#: the label of a group node (view-only: it is not stored)
GROUP = "Group"
UNSTAGED = "未分"


class ChainFirm(StageFirm):
    """A firm of a chain with its stage and its supply edges inside the chain (``links``)."""

    stage: str
    links: int


def _stage(props: dict[str, Any]) -> str:
    return str(props.get("stage") or UNSTAGED)


#: a supply edge inside a chain as a survey holds it: (supplier, buyer, product), the ids only
#: (a province's chain has millions: no map each)
Link = tuple[str, str, str]


def degrees(links: list[Link]) -> Counter[str]:
    """Supply edges per firm inside the chain (as supplier or buyer)."""
    count: Counter[str] = Counter()
    for source, target, _ in links:
        count[source] += 1
        count[target] += 1
    return count


def ranked_firms(firms: list[dict[str, Any]], links: list[Link]) -> list[dict[str, Any]]:
    """``firms`` with the most supply edges inside the chain first, ties by id."""
    deg = degrees(links)
    return sorted(firms, key=lambda f: (-deg[f["id"]], f["id"]))


def _group(firm: dict[str, Any]) -> str:
    return f"{_stage(firm)}/{firm.get('region_id') or '-'}"


def grouped_graph(
    chain: dict[str, Any],
    firms: list[dict[str, Any]],
    links: list[Link],
    regions: dict[str, dict[str, Any]],
) -> Subgraph:
    """The chain, its (stage, district) groups and the supply between groups (module doc)."""
    chain_key = node_key(Label.CHAIN, chain["id"])
    group_of = {f["id"]: _group(f) for f in firms}
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in firms:
        members[group_of[f["id"]]].append(f)
    nodes: list[dict[str, Any]] = [
        {"key": chain_key, "label": Label.CHAIN.value, "id": chain["id"]}
        | {k: chain[k] for k in ("name", "name_en") if k in chain}
    ]
    edges: list[dict[str, Any]] = []
    for gid in sorted(members):
        first = members[gid][0]
        stage, rid = _stage(first), first.get("region_id")
        place = (regions.get(rid or "") or {}).get("name") or rid or "—"
        node: dict[str, Any] = {
            "key": node_key(GROUP, gid),
            "label": GROUP,
            "id": gid,
            "name": f"{stage} · {place}",
        }
        node |= {"stage": stage, "chain_id": chain["id"], "count": len(members[gid])}
        nodes.append(node | ({"region_id": rid} if rid else {}))
        edges.append(
            {
                "source": node["key"],
                "target": chain_key,
                "rel": Rel.IN_CHAIN.value,
                "key": "",
                "props": {"firms": len(members[gid])},
            }
        )
    trade: dict[tuple[str, str], list[str]] = defaultdict(list)
    for source, target, key in links:
        trade[group_of[source], group_of[target]].append(key)
    for (a, b), keys in trade.items():
        edges.append(
            {
                "source": node_key(GROUP, a),
                "target": node_key(GROUP, b),
                "rel": Rel.SUPPLIES.value,
                "key": "",
                "props": {"edges": len(keys), "products": len(set(keys))},
            }
        )
    nodes.sort(key=lambda n: n["key"])
    edges.sort(key=lambda e: (e["source"], e["target"], e["rel"], e["key"]))
    return cast(Subgraph, {"nodes": nodes, "edges": edges})


def pick_firms(
    firms: list[ChainFirm], stage: str | None = None, region: str | None = None
) -> list[ChainFirm]:
    """The firms of ``firms`` in ``stage`` and ``region`` (``None``: any), in their order."""
    return [
        f
        for f in firms
        if (stage is None or f["stage"] == stage)
        and (region is None or f.get("region_id") == region)
    ]


def chain_firms(s: dict[str, Any]) -> list[dict[str, Any]]:
    """Every firm of a surveyed chain (``graph.queries.chains._survey``), busiest first:
    ``{label, id, name, stage, region_id, scale, links}``, ``links`` its supply edges inside
    the chain."""
    deg = degrees(s["links"])
    out = []
    for f in ranked_firms(s["firms"], s["links"]):
        row = {"label": Label.ENTERPRISE.value, "id": f["id"], "name": f.get("name")}
        row |= {"stage": _stage(f)} | {k: f[k] for k in ("region_id", "scale") if k in f}
        out.append(row | {"links": deg[f["id"]]})
    return out
