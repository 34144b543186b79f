"""Request and response shapes of the HTTP API, for validation and the OpenAPI document.

Answers are the query functions' dicts (docs/queries.md) passed through unchanged; the models
here describe their envelope and the members every client relies on, and allow the rest
(``extra="allow"``) so a query may grow a member without breaking the API.
"""

from __future__ import annotations

from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ProblemDetails(Open):
    """RFC 9457 problem details (``application/problem+json``)."""

    type: str = Field(examples=["https://chainatlas.dev/problems/unknown-entity"])
    title: str
    status: int
    detail: str
    instance: str


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items`` from ``offset``, at most ``limit``, of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[T]


def page(items: list[Any], limit: int, offset: int) -> dict[str, Any]:
    """The page of ``items`` starting at ``offset``."""
    return {
        "total": len(items),
        "limit": limit,
        "offset": offset,
        "items": items[offset : offset + limit],
    }


class Item(Open):
    """A list item: always carries its ``id``."""

    id: str


class SearchHit(Item):
    label: Literal["Enterprise", "Product"]
    name: str
    score: float


class CentralityPage(Page[Item]):
    measure: Literal["degree", "betweenness"]


class TradeItem(Item):
    """A current supplier or customer, one per (firm, product)."""

    name: str
    product_id: str


class StoreHealth(BaseModel):
    kind: str
    reachable: bool


class Health(BaseModel):
    status: Literal["ok", "unavailable"]
    version: str
    store: StoreHealth


class CypherRequest(BaseModel):
    """A read-only Cypher query with its parameters."""

    model_config = ConfigDict(extra="forbid")

    query: str = Field(min_length=1, max_length=20_000)
    params: dict[str, Any] = Field(default_factory=dict)


class LoadResult(Open):
    bundle: str
    store: str
    counts: dict[str, int]
    total: int
    warnings: list[dict[str, Any]]
    persisted: bool
    dry_run: bool


def ranked_page(items: list[dict[str, Any]], total: int, limit: int, offset: int) -> dict[str, Any]:
    """The page from ``offset`` of a ranking whose first ``offset + limit`` items are
    ``items`` (of ``total``); product rankings get ``id`` = ``product_id``."""
    cut = [
        {"id": i["product_id"], **i} if "id" not in i else i for i in items[offset : offset + limit]
    ]
    return {"total": total, "limit": limit, "offset": offset, "items": cut}
