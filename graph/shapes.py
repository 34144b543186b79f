"""The shapes that cross layers: what the query catalogue returns, ``viz`` draws and the HTTP
API serves (docs/queries.md). One ``TypedDict`` per shape, so mypy checks the queries that
build them and pydantic (the routes' ``response_model``) describes them in the OpenAPI
document and validates every answer against them.

Keys a query leaves out when their value is unknown are ``NotRequired``; keys it always sends,
even as ``None``, are required with ``| None``. Shapes that carry a node's or an edge's stored
properties (a firm's profile, a supplier row) name the properties clients rely on and let the
others through (``extra="allow"``): pydantic would otherwise drop every undeclared key from an
answer. They are ``typing_extensions.TypedDict`` because pydantic needs that one on 3.11.

>>> ref: NodeRef = {"label": "Enterprise", "id": "E1", "name": "甲石化"}
>>> sorted(Subgraph.__required_keys__)
['edges', 'nodes']
"""

from __future__ import annotations

from typing import Any, Literal, NotRequired, TypeAlias

from pydantic import ConfigDict, with_config
from typing_extensions import TypedDict

#: amounts keep the type the data gave them (12000 stays 12000, not 12000.0)
Number: TypeAlias = int | float
Side = Literal["suppliers", "buyers"]
Direction = Literal["upstream", "downstream"]
Measure = Literal["degree", "betweenness"]
OPEN = ConfigDict(extra="allow")


def example(value: dict[str, Any], *, extra: bool = False) -> ConfigDict:
    """A shape's pydantic config with ``value`` (an answer of the demo, data/demo) as its
    example in the OpenAPI document; ``extra`` lets undeclared keys through (as :data:`OPEN`).
    tests/graph/test_shape_examples.py checks each example against the demo's answers."""
    config = ConfigDict(json_schema_extra={"examples": [value]})
    return config | OPEN if extra else config


# -- references and subgraphs -----------------------------------------------------------------
@with_config(example({"label": "Enterprise", "id": "E0086", "name": "宁波渤澄化工有限公司"}))
class NodeRef(TypedDict):
    """A node named in an answer: ``{label, id, name}``."""

    label: str
    id: str
    name: str | None


class SubgraphNode(TypedDict):
    key: str
    label: str
    id: str
    name: NotRequired[str]
    name_en: NotRequired[str]
    region_id: NotRequired[str]
    chain_id: NotRequired[str]
    stage: NotRequired[str]
    #: a group node of a grouped panorama: how many firms it stands for
    count: NotRequired[int]


class SubgraphEdge(TypedDict):
    source: str
    target: str
    rel: str
    key: str
    props: dict[str, Any]


class Subgraph(TypedDict):
    """The ``graph`` member of every graph-shaped answer (graph/queries/subgraph.py)."""

    nodes: list[SubgraphNode]
    edges: list[SubgraphEdge]


# -- stored properties ------------------------------------------------------------------------
@with_config(OPEN)
class EntityProps(TypedDict):
    """A firm's or a product's stored properties (more than these, as the bundle had them)."""

    id: str
    name: str
    name_en: NotRequired[str]
    region_id: NotRequired[str]
    chain_id: NotRequired[str]
    stage: NotRequired[str]


@with_config(
    example(
        {
            "id": "E0086",
            "name": "宁波渤澄化工有限公司",
            "product_id": "meg",
            "product_name": "乙二醇",
            "region_id": "ningbo",
            "since": 2012,
            "unit": "t",
            "volume": 130000,
        },
        extra=True,
    )
)
class TradeRow(TypedDict):
    """A current supplier or customer, one per (firm, product) SUPPLIES edge."""

    id: str
    name: str
    product_id: str
    region_id: NotRequired[str]
    product_name: NotRequired[str]
    volume: NotRequired[Number]
    unit: NotRequired[str]


@with_config(OPEN)
class FirmAmount(TypedDict):
    """A producer (``amount`` its capacity) or a consumer (its annual demand) of a product."""

    product_id: str
    id: str
    name: str
    region_id: NotRequired[str]
    chain_id: NotRequired[str]
    stage: NotRequired[str]
    amount: NotRequired[Number]
    unit: NotRequired[str]
    amount_base: NotRequired[Number]
    base_unit: NotRequired[str]


# -- briefs -----------------------------------------------------------------------------------
class RegionBrief(TypedDict):
    id: str
    name: NotRequired[str]
    name_en: NotRequired[str]
    role: NotRequired[str]


class ChainBrief(TypedDict):
    id: str
    name: str
    name_en: str | None
    stage: str | None


# -- reasons ----------------------------------------------------------------------------------
class Reason(TypedDict):
    zh: str
    en: str


class Part(TypedDict):
    value: float
    weight: float


@with_config(
    example(
        {"columns": ["id", "name"], "rows": [["E0086", "宁波渤澄化工有限公司"]], "truncated": False}
    )
)
class CypherResult(TypedDict):
    """An analyst's read-only Cypher query: column names, rows of JSON values, and whether
    the row cap cut the answer."""

    columns: list[str]
    rows: list[list[Any]]
    truncated: bool


class MakersPage(TypedDict):
    """A product's makers as a firm's profile lists them (the store contract's
    ``producer_pages``): how many, and the first of them by id as ``{id, name, region_id}``."""

    total: int
    items: list[dict[str, Any]]


class Trade(TypedDict):
    """One window of a firm's suppliers or customers (the store contract's ``trade``)."""

    total: int
    items: list[dict[str, Any]]
    edges: list[dict[str, Any]]


# -- counts -----------------------------------------------------------------------------------
@with_config(
    example(
        {
            "enterprises": 155,
            "collaborating_enterprises": 90,
            "supplied_products": 56,
            "chains": 4,
            "regions": 3,
            "products": 113,
            "supply_edges": 221,
            "cooperation_edges": 108,
            "produces_edges": 224,
            "needs_edges": 388,
            "route_edges": 188,
        }
    )
)
class Stats(TypedDict):
    """What a store holds (the store contract's ``stats``): the headline figures of the
    panorama and a count of every node and edge kind; only facts that hold on the day asked
    for count. The example is the demo's."""

    enterprises: int
    #: firms with a supply or cooperation edge to another firm
    collaborating_enterprises: int
    #: distinct products on supply edges
    supplied_products: int
    chains: int
    regions: int
    products: int
    supply_edges: int
    cooperation_edges: int
    produces_edges: int
    needs_edges: int
    route_edges: int
