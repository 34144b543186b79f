"""The answer shape of impact (what breaks when a firm or a product is removed), re-exported
by :mod:`chainatlas.graph.queries.answers`.

>>> sorted(OutsideSupply.__annotations__)
['base_unit', 'demand_base', 'firms', 'needed_by', 'note', 'producers']
"""

from __future__ import annotations

from typing import NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from chainatlas.graph.shapes import NodeRef, Number, Reason, Subgraph, example


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


@with_config(
    example(
        {
            "producers": 0,
            "firms": 3,
            "needed_by": [
                {"label": "Enterprise", "id": "E0001", "name": "浙江澜晟氟化工股份有限公司"}
            ],
            "demand_base": 261500.0,
            "base_unit": "t",
            "note": {
                "zh": "图谱内没有企业生产萤石（酸级），全部供应来自图谱以外："
                "3 家企业需要它，年需求26.15万吨",
                "en": "No firm in the map makes Fluorspar, acid grade (CaF2 >97%): its whole "
                "supply comes from outside the map; 3 firms need it, 261,500 t a year",
            },
        }
    )
)
class OutsideSupply(TypedDict):
    """Firms needing the removed product with no current supplier of it in the map: their
    supply comes from outside, so a local removal does not reach them."""

    producers: int
    firms: int
    needed_by: list[NodeRef]
    demand_base: Number
    base_unit: NotRequired[str]
    note: Reason


class Impact(TypedDict):
    removed: NodeRef
    #: one page of the affected firms: ``limit`` from ``offset``, of ``total``; ``next`` is
    #: the next page's offset (``None``: the last page); ``limit`` ``None``: every firm
    affected: list[Affected]
    tiers: list[TierCount]
    total: int
    limit: int | None
    offset: int
    next: int | None
    graph: Subgraph
    outside: NotRequired[OutsideSupply]
