"""How a graph too large to draw folds: firms by district and stage, products by chain and stage.

A folded group is a node ``Group:Enterprise:shangyu.midstream`` (label ``Group``) standing for
its members; the edges of its members are counted between groups, per relationship type. The
largest groups fold first, only as many as it takes to get under the limit, and never a group
the reader asked to open, unless it alone holds more than the limit: a group of 300,000 firms
stays folded whoever asks.

The rules live here, once, for the two places that fold: the view folds an answer it is given
(:func:`viz.aggregate.aggregate`), and the panorama of a province folds where it is read
(:mod:`graph.queries.map_fold`), from counts, without ever holding every firm and edge.

>>> group_of({"label": "Enterprise", "id": "E1", "region_id": "ningbo", "stage": "下游"})
'Group:Enterprise:ningbo.downstream'
>>> sorted(folding({"a": 5, "b": 3, "c": 1}, total=10, limit=6, expand=()))
['a']
>>> sorted(folding({"a": 5, "b": 3, "c": 1}, total=10, limit=6, expand=("a",)))
['b', 'c']
"""

from __future__ import annotations

from collections.abc import Collection, Iterable, Mapping
from typing import Any

from chainatlas.graph.model import STAGE_EN, Stage
from chainatlas.graph.vocab import DISTRICTS, ELSEWHERE

#: above this many nodes a view folds (docs/performance.md)
NODE_LIMIT = 2_000
#: the label of a folded group's node
GROUP = "Group"
#: the key of every counted edge between groups (its ``props`` hold ``count``)
COUNTED = "*"

#: the districts a firm's region may name (any other region is "other")
DISTRICT_IDS = tuple(d.id for d in DISTRICTS)
_KNOWN = frozenset(DISTRICT_IDS)
_DISTRICT_BY_NAME = {d.zh: d.id for d in DISTRICTS}
_DISTRICT_NAMES = {d.id: (d.zh, d.en) for d in (*DISTRICTS, ELSEWHERE)}
_STAGE_KEY = {s.value: STAGE_EN[s] for s in Stage}
_STAGE_OF_KEY = {en: zh for zh, en in _STAGE_KEY.items()}


def district_of(node: Mapping[str, Any], region_names: Mapping[str, str] | None = None) -> str:
    """The district id (shangyu, ningbo, keqiao or other) of a node.

    Enterprises by their ``region_id``; Region nodes by their own id; a region id the palette
    does not know is matched by the region's Chinese name when the subgraph carries it.

    >>> district_of({"label": "Enterprise", "id": "E1", "region_id": "ningbo"})
    'ningbo'
    >>> district_of({"label": "Enterprise", "id": "E9", "region_id": "r2"}, {"r2": "柯桥区"})
    'keqiao'
    >>> district_of({"label": "Product", "id": "pta"})
    'other'
    """
    label = node.get("label")
    region = node.get("id") if label == "Region" else node.get("region_id")
    if not region:
        return ELSEWHERE.id
    if region in _KNOWN:
        return str(region)
    name = (region_names or {}).get(str(region)) or (
        node.get("name") if label == "Region" else None
    )
    for zh, district in _DISTRICT_BY_NAME.items():
        if name and zh in str(name):
            return district
    return ELSEWHERE.id


def group_of(node: Mapping[str, Any], region_names: Mapping[str, str] | None = None) -> str | None:
    """The group a node folds into, or None for nodes that never fold (chains, regions,
    outside sources): firms by district and stage, products by chain and stage, so that a
    group sits where its members would (``Group:Product:poly.upstream``)."""
    label = node.get("label")
    stage = _STAGE_KEY.get(str(node.get("stage") or ""), "unstaged")
    if label == "Enterprise":
        return f"{GROUP}:Enterprise:{district_of(node, region_names)}.{stage}"
    if label == "Product":
        return f"{GROUP}:Product:{node.get('chain_id') or 'other'}.{stage}"
    return None


def folding(
    sizes: Mapping[str, int], *, total: int, limit: int, expand: Collection[str]
) -> set[str]:
    """The groups to fold so that ``total`` nodes become at most ``limit`` (if they can):
    the largest first (ties by key), each standing for its ``sizes[g]`` members; a group in
    ``expand`` stays open unless it alone holds more than ``limit`` members."""
    fold: set[str] = set()
    for g in sorted(sizes, key=lambda g: (-sizes[g], g)):
        if total <= limit:
            break
        if g in expand and sizes[g] <= limit:
            continue
        fold.add(g)
        total -= sizes[g] - 1
    return fold


def chain_names(nodes: Iterable[Mapping[str, Any]]) -> dict[str, tuple[str, str]]:
    """Each chain among ``nodes`` by id: its Chinese and English names (its id for a name it
    lacks), as product groups are named."""
    return {
        str(n.get("id")): (str(n.get("name", n.get("id"))), str(n.get("name_en", n.get("id"))))
        for n in nodes
        if n.get("label") == "Chain"
    }


def group_node(key: str, count: int, chain_names: Mapping[str, tuple[str, str]]) -> dict[str, Any]:
    """The node of folded group ``key`` standing for ``count`` members, named in both
    languages (a product group by its chain's names in ``chain_names``)."""
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
        "label": GROUP,
        "id": f"{of}:{which}",
        "name": name,
        "name_en": name_en,
        "group_of": of,
        "members": count,
        **extra,
    }


def counted_edge(source: str, target: str, rel: str, count: int) -> dict[str, Any]:
    """The edge standing for ``count`` ``rel`` edges between ``source`` and ``target``, at
    least one of them a folded group."""
    return {
        "source": source,
        "target": target,
        "rel": rel,
        "key": COUNTED,
        "props": {"count": count},
        "aggregate": True,
    }
