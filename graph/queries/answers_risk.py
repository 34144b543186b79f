"""The answer shapes of the risk questions: gaps (补链) and single-source products (impact's
are in :mod:`.answers_impact`); re-exported by :mod:`chainatlas.graph.queries.answers` with the
rest of the catalogue's.

>>> sorted(SingleSourced.__annotations__)  # doctest: +NORMALIZE_WHITESPACE
['base_unit', 'capacity_base', 'consumer_ids', 'consumers', 'demand_base', 'name', 'producer',
 'product_id']
"""

from __future__ import annotations

from typing import NotRequired

from typing_extensions import TypedDict

from chainatlas.graph.shapes import NodeRef, Number, Subgraph


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
