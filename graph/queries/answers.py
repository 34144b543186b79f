"""One shape per answer family of the query catalogue (docs/queries.md), built from the
blocks of :mod:`graph.shapes`: what each query function returns and each route serves. The
network analytics' shapes (centrality among them) are in :mod:`.answers_network`, the risk
questions' (gaps, single-source products) in :mod:`.answers_risk` and impact's in
:mod:`.answers_impact`; this module re-exports them.

>>> sorted(Tiers.__required_keys__)
['depth', 'direction', 'graph', 'limit', 'next', 'nodes', 'offset', 'root', 'total']
"""

from __future__ import annotations

from typing import Literal, NotRequired

from pydantic import with_config
from typing_extensions import TypedDict

from chainatlas.graph.queries.answers_impact import Affected as Affected
from chainatlas.graph.queries.answers_impact import Impact as Impact
from chainatlas.graph.queries.answers_impact import Lost as Lost
from chainatlas.graph.queries.answers_impact import OutsideSupply as OutsideSupply
from chainatlas.graph.queries.answers_impact import TierCount as TierCount
from chainatlas.graph.queries.answers_network import Centrality as Centrality
from chainatlas.graph.queries.answers_network import CentralityItem as CentralityItem
from chainatlas.graph.queries.answers_risk import Gap as Gap
from chainatlas.graph.queries.answers_risk import Gaps as Gaps
from chainatlas.graph.queries.answers_risk import SingleSource as SingleSource
from chainatlas.graph.queries.answers_risk import SingleSourced as SingleSourced
from chainatlas.graph.shapes import (
    OPEN,
    ChainBrief,
    Direction,
    EntityProps,
    FirmAmount,
    NodeRef,
    Number,
    Part,
    Reason,
    RegionBrief,
    Side,
    Subgraph,
    TradeRow,
    example,
)


# -- search -----------------------------------------------------------------------------------
@with_config(
    example(
        {
            "label": "Enterprise",
            "id": "E0110",
            "name": "浙江璋邦化纤股份有限公司",
            "short_name": "璋邦化纤",
            "matched": "name_contains",
            "score": 70,
        }
    )
)
class SearchHit(TypedDict):
    label: Literal["Enterprise", "Product"]
    id: str
    name: NotRequired[str]
    name_en: NotRequired[str]
    short_name: NotRequired[str]
    matched: str
    score: int


# -- profiles ---------------------------------------------------------------------------------
@with_config(OPEN)
class Produced(TypedDict):
    """A product a firm makes, with the PRODUCES edge's properties."""

    product_id: str
    name: str | None
    capacity: NotRequired[Number]
    unit: NotRequired[str]
    capacity_base: NotRequired[Number]
    base_unit: NotRequired[str]


class LocalProducer(TypedDict):
    id: str
    name: str | None
    region_id: str | None


@with_config(OPEN)
class Need(TypedDict):
    """A needed product with the NEEDS edge's properties, its makers and current suppliers."""

    product_id: str
    name: str | None
    annual_demand: NotRequired[Number]
    unit: NotRequired[str]
    demand_base: NotRequired[Number]
    base_unit: NotRequired[str]
    #: the makers, by id: at most the profile's ``limit`` of ``local_producers_total``
    local_producers: list[LocalProducer]
    local_producers_total: int
    suppliers: list[str]


class Partner(TypedDict):
    id: str
    name: str | None


class EnterpriseProfile(TypedDict):
    enterprise: EntityProps
    region: RegionBrief | None
    chain: ChainBrief | None
    produces: list[Produced]
    needs: list[Need]
    #: one page of each (``limit`` from ``offset``); ``totals`` counts them all, ``next`` is
    #: the next page's offset (``None``: the last page); ``limit`` ``None``: every one
    suppliers: list[TradeRow]
    customers: list[TradeRow]
    totals: dict[str, int]
    limit: int | None
    offset: int
    next: int | None
    partners: dict[str, list[Partner]]
    needs_without_local_supply: list[str]
    graph: Subgraph


@with_config(OPEN)
class ProductStep(NodeRef):
    """An input or output of a product, with the INPUT_TO edge's properties."""

    note: NotRequired[str]


class ProductProfile(TypedDict):
    product: EntityProps
    chain: ChainBrief | None
    #: one page of each (``limit`` from ``offset``); ``totals`` counts them all, ``next`` is
    #: the next page's offset (``None``: the last page); ``limit`` ``None``: every one
    producers: list[FirmAmount]
    consumers: list[FirmAmount]
    totals: dict[str, int]
    limit: int | None
    offset: int
    next: int | None
    inputs: list[ProductStep]
    outputs: list[ProductStep]
    graph: Subgraph


# -- matchmaking ------------------------------------------------------------------------------
class MatchItem(TypedDict):
    """What the asking firm needs (suppliers side) or makes (buyers side)."""

    product_id: str
    name: str | None
    annual_demand: NotRequired[Number]
    demand_base: NotRequired[Number]
    capacity: NotRequired[Number]
    capacity_base: NotRequired[Number]
    unit: NotRequired[str]
    base_unit: NotRequired[str]


class Candidate(TypedDict):
    product_id: str
    product_name: NotRequired[str]
    id: str
    name: NotRequired[str]
    region_id: NotRequired[str]
    chain_id: NotRequired[str]
    stage: NotRequired[str]
    scale: NotRequired[str]
    capacity: NotRequired[Number]
    capacity_base: NotRequired[Number]
    annual_demand: NotRequired[Number]
    demand_base: NotRequired[Number]
    unit: NotRequired[str]
    base_unit: NotRequired[str]
    current: bool
    score: float
    parts: dict[str, Part]
    reasons: list[Reason]


class Match(TypedDict):
    """``needs`` on the suppliers side, ``products`` on the buyers side."""

    enterprise: NodeRef
    side: Side
    needs: NotRequired[list[MatchItem]]
    products: NotRequired[list[MatchItem]]
    #: one page of the ranked candidates: ``limit`` from ``offset``, of ``total``
    candidates: list[Candidate]
    total: int
    offset: int
    limit: int
    weights: dict[str, float]
    graph: Subgraph


# -- paths, routes, tiers ---------------------------------------------------------------------
#: ``from`` is a keyword, so the functional syntax
Hop = TypedDict("Hop", {"from": str, "to": str, "product_id": str, "product_name": str | None})


@with_config(
    example(
        {
            "length": 1,
            "nodes": ["E0086", "E0110"],
            "hops": [
                {"from": "E0086", "to": "E0110", "product_id": "meg", "product_name": "乙二醇"}
            ],
        }
    )
)
class SupplyPath(TypedDict):
    length: int
    nodes: list[str]
    hops: list[Hop]


class SupplyPaths(TypedDict):
    source: NodeRef
    target: NodeRef
    paths: list[SupplyPath]
    #: false when the search's budget cut it (graph/queries/corridor.py): the paths are the
    #: ones found, shorter or other paths may exist
    complete: bool
    graph: Subgraph


class Route(TypedDict):
    length: int
    nodes: list[str]


class ProductRoutes(TypedDict):
    source: NodeRef
    target: NodeRef
    routes: list[Route]
    #: false when the search's budget cut it (graph/queries/corridor.py)
    complete: bool
    producers: dict[str, list[str]]
    graph: Subgraph


class TierNode(TypedDict):
    tier: int
    label: str
    id: str
    name: str | None
    via: list[str]
    products: list[str]


class Tiers(TypedDict):
    root: NodeRef
    direction: Direction
    #: one page of the tiers' nodes: ``limit`` from ``offset``, of ``total``; ``next`` is the
    #: next page's offset (``None``: the last page); ``limit`` ``None``: every node
    nodes: list[TierNode]
    total: int
    limit: int | None
    offset: int
    next: int | None
    depth: int
    graph: Subgraph


# -- chains -----------------------------------------------------------------------------------
class ChainHead(TypedDict):
    id: str
    name: NotRequired[str]
    name_en: NotRequired[str]
    description: NotRequired[str]


class StageCount(TypedDict):
    stage: str
    firms: int
    products: int


class RegionCount(TypedDict):
    """A region's firms in a chain; the firms without a region count under no ``region_id``."""

    region_id: NotRequired[str]
    name: NotRequired[str]
    role: NotRequired[str]
    firms: int
    by_stage: dict[str, int]


class Unmet(TypedDict):
    product_id: str
    firms: int


class Coverage(TypedDict):
    needs: int
    producible: int
    supplied: int
    producible_share: float | None
    supplied_share: float | None
    unmet: list[Unmet]


class ChainSummary(ChainHead):
    firms: int
    products: int
    stages: list[StageCount]
    regions: list[RegionCount]
    links: int
    coverage: Coverage


class StageFirm(NodeRef):
    region_id: NotRequired[str]
    scale: NotRequired[str]


class PanoramaStage(TypedDict):
    stage: str
    stage_en: str
    firms: list[StageFirm]
    products: list[NodeRef]
    firm_count: NotRequired[int]
    product_count: NotRequired[int]


StageLink = TypedDict("StageLink", {"from": str, "to": str, "edges": int, "products": list[str]})


class ChainPanorama(TypedDict):
    chain: ChainHead
    aggregated: NotRequired[bool]
    stages: list[PanoramaStage]
    regions: list[RegionCount]
    links: list[StageLink]
    coverage: Coverage
    graph: Subgraph
