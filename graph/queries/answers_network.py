"""The answer shapes of the network analytics (centrality, PageRank, communities, weighted
supply paths); centrality's are re-exported by :mod:`chainatlas.graph.queries.answers`.

>>> sorted(WeightedPath.__required_keys__)
['hops', 'length', 'nodes', 'share']
"""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

from chainatlas.graph.shapes import Measure, NodeRef, Number, Subgraph


class PageRankItem(TypedDict):
    id: str
    name: NotRequired[str]
    region_id: NotRequired[str]
    value: float
    relied_on_by: int
    relies_on: int


class PageRankList(TypedDict):
    """:class:`PageRank` without its graph: what each worker keeps per version."""

    ties: Literal["all", "supply", "cooperation"]
    alpha: float
    nodes: int
    edges: int
    items: list[PageRankItem]


class PageRank(PageRankList):
    graph: Subgraph


class Member(TypedDict):
    id: str
    name: NotRequired[str]
    region_id: NotRequired[str]


class Community(TypedDict):
    id: int
    size: int
    members: list[Member]
    regions: dict[str, int]
    chains: dict[str, int]
    internal_ties: int


class CommunityList(TypedDict):
    """:class:`Communities` without its graph: what each worker keeps per version."""

    ties: Literal["all", "supply", "cooperation"]
    resolution: float
    seed: int
    modularity: float
    nodes: int
    edges: int
    total: int
    communities: list[Community]


class Communities(CommunityList):
    graph: Subgraph


#: a hop of a weighted path: the product it carries and its share of what the buyer gets
WeightedHop = TypedDict(
    "WeightedHop",
    {
        "from": str,
        "to": str,
        "product_id": str,
        "product_name": str | None,
        "volume": NotRequired[Number],
        "unit": NotRequired[str],
        "share": float,
    },
)


class WeightedPath(TypedDict):
    length: int
    share: float
    nodes: list[str]
    hops: list[WeightedHop]


class WeightedPaths(TypedDict):
    source: NodeRef
    target: NodeRef
    paths: list[WeightedPath]
    graph: Subgraph


# -- centrality -------------------------------------------------------------------------------
class CentralityItem(TypedDict):
    id: str
    name: NotRequired[str]
    region_id: NotRequired[str]
    value: float
    degree: float
    betweenness: NotRequired[float]
    in_degree: int
    out_degree: int


class Centrality(TypedDict):
    measure: Measure
    nodes: int
    edges: int
    items: list[CentralityItem]
    graph: Subgraph
    sampled_sources: NotRequired[int]
