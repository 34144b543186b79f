"""The answer shapes of the risk questions: gaps (补链), single-source products and the impact
of losing a firm or a product; re-exported by :mod:`chainatlas.graph.queries.answers` with the
rest of the catalogue's.

>>> sorted(Impact.__required_keys__)
['affected', 'graph', 'removed', 'tiers']
"""

from __future__ import annotations

from typing import NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from chainatlas.graph.shapes import NodeRef, Number, Subgraph, example


# -- risk -------------------------------------------------------------------------------------
class Gap(TypedDict):
    product_id: str
    name: NotRequired[str]
    name_en: NotRequired[str]
    chain_id: NotRequired[str]
    stage: NotRequired[str]
    firms: int
    demand_base: Number
    base_unit: NotRequired[str]
    needed_by: list[NodeRef]


class Gaps(TypedDict):
    gaps: list[Gap]
    total: int
    graph: Subgraph


class SingleSourced(TypedDict):
    product_id: str
    name: NotRequired[str]
    producer: NodeRef
    consumers: int
    consumer_ids: list[str]
    capacity_base: NotRequired[Number]
    demand_base: Number
    base_unit: NotRequired[str]


class SingleSource(TypedDict):
    products: list[SingleSourced]
    total: int
    graph: Subgraph


class Lost(TypedDict):
    product_id: str
    suppliers: list[str]


@with_config(
    example(
        {
            "tier": 1,
            "id": "E0049",
            "name": "浙江梧澜科技股份有限公司",
            "region_id": "shangyu",
            "lost": [{"product_id": "ethylene_oxide", "suppliers": ["E0086"]}],
        }
    )
)
class Affected(TypedDict):
    tier: int
    id: str
    name: NotRequired[str]
    region_id: NotRequired[str]
    lost: list[Lost]


class TierCount(TypedDict):
    tier: int
    firms: int


class Impact(TypedDict):
    removed: NodeRef
    affected: list[Affected]
    tiers: list[TierCount]
    graph: Subgraph
