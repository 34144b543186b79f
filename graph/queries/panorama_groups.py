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
>>> from chainatlas.graph.store_counts import ChainLinks
>>> links = ChainLinks({"E1": 2, "E2": 1, "E3": 1}, {("s1", "r1", "s2", "r1", "p"): 2})
>>> [f["id"] for f in ranked_firms(firms, links.degrees)]
['E1', 'E2', 'E3']
>>> g = grouped_graph({"id": "c"}, firms, links.places, {"r1": {"name": "甲区"}})
>>> [(n["key"], n.get("count")) for n in g["nodes"]]
[('Chain:c', None), ('Group:s1/r1', 1), ('Group:s2/r1', 2)]
>>> [(e["rel"], e["props"]) for e in g["edges"] if e["rel"] == "SUPPLIES"]
[('SUPPLIES', {'edges': 2, 'products': 1})]
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Mapping
from typing import Any, cast

from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.answers import StageFirm
from chainatlas.graph.queries.subgraph import node_key
from chainatlas.graph.shapes import Subgraph
from chainatlas.graph.store_counts import LinkPlaces

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


def staged(stage: Any) -> str:
    """A stage as answers name it: ``未分`` (unstaged) for none."""
    return str(stage or UNSTAGED)


def ranked_firms(firms: list[dict[str, Any]], degrees: Mapping[str, int]) -> list[dict[str, Any]]:
    """``firms`` with the most supply edges inside the chain (``degrees``: a
    :class:`ChainLinks`') first, ties by id."""
    return sorted(firms, key=lambda f: (-degrees.get(f["id"], 0), f["id"]))


def _group(stage: str | None, region: str | None) -> str:
    return f"{staged(stage)}/{region or '-'}"


def grouped_graph(
    chain: dict[str, Any],
    firms: list[dict[str, Any]],
    places: Mapping[LinkPlaces, int],
    regions: dict[str, dict[str, Any]],
) -> Subgraph:
    """The chain, its (stage, district) groups and the supply between groups (module doc),
    from the links counted by place (``places``: a :class:`ChainLinks`')."""
    chain_key = node_key(Label.CHAIN, chain["id"])
    members: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for f in firms:
        members[_group(f.get("stage"), f.get("region_id"))].append(f)
    nodes: list[dict[str, Any]] = [
        {"key": chain_key, "label": Label.CHAIN.value, "id": chain["id"]}
        | {k: chain[k] for k in ("name", "name_en") if k in chain}
    ]
    edges: list[dict[str, Any]] = []
    for gid in sorted(members):
        first = members[gid][0]
        stage, rid = staged(first.get("stage")), first.get("region_id")
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
    trade: dict[tuple[str, str], Counter[str]] = defaultdict(Counter)
    for (s_stage, s_region, b_stage, b_region, product), n in places.items():
        trade[_group(s_stage, s_region), _group(b_stage, b_region)][product] += n
    for (a, b), products in trade.items():
        edges.append(
            {
                "source": node_key(GROUP, a),
                "target": node_key(GROUP, b),
                "rel": Rel.SUPPLIES.value,
                "key": "",
                "props": {"edges": products.total(), "products": len(products)},
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
    deg = s["links"].degrees
    out = []
    for f in ranked_firms(s["firms"], deg):
        row = {"label": Label.ENTERPRISE.value, "id": f["id"], "name": f.get("name")}
        row["stage"] = staged(f.get("stage"))
        row |= {k: f[k] for k in ("region_id", "scale") if k in f}
        out.append(row | {"links": deg.get(f["id"], 0)})
    return out
