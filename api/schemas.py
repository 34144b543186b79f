"""Request and response shapes of the HTTP API, for validation and the OpenAPI document.

Answers are the query functions' dicts (docs/queries.md), typed by the shapes of
:mod:`graph.shapes` and :mod:`graph.queries.answers`; every JSON route names its shape as
``response_model``, so ``/api/openapi.json`` describes each 200 answer and FastAPI checks each
answer against it. Here are the HTTP-only ones: the page envelope, the items a page adds an
``id`` to, problem details, health, Cypher requests and load results.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, Generic, Literal, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from typing_extensions import TypedDict

from chainatlas.graph.queries.answers import CentralityItem, Gap, SingleSourced
from chainatlas.graph.queries.answers_network import Community, PageRankItem
from chainatlas.graph.store import Direction, GraphStore

T = TypeVar("T")


class Open(BaseModel):
    model_config = ConfigDict(extra="allow")


class ProblemDetails(Open):
    """RFC 9457 problem details (``application/problem+json``); some kinds add members
    (``entity`` of unknown-entity, ``source`` and ``target`` of no-path, ``line``…)."""

    type: str = Field(examples=["https://chainatlas.dev/problems/unknown-entity"])
    title: str
    status: int
    detail: str
    instance: str


class QueryProblem(ProblemDetails):
    """A 400 ``query-invalid`` answer to an analyst's Cypher: Neo4j's error code in
    ``detail`` and, for a syntax error, where it is (never the query's text)."""

    line: int | None = Field(default=None, examples=[1])
    column: int | None = Field(default=None, examples=[8])


class FieldError(BaseModel):
    """One invalid value of a request: where (``query``, ``path``, ``body``…), which, why."""

    model_config = ConfigDict(populate_by_name=True)

    in_: str = Field(alias="in", examples=["query"])
    name: str
    message: str
    type: str


class BundleIssue(BaseModel):
    """One problem of a bundle, located as in a spreadsheet (row 1 is the header; row 0 means
    the whole file)."""

    file: str
    row: int
    column: str
    message: str
    severity: Literal["error", "warning"]
    code: str


class ValidationProblem(ProblemDetails):
    """A 422 ``validation`` problem: every invalid value, none of them echoed."""

    errors: list[FieldError]


class BundleProblem(ProblemDetails):
    """A 422 answer to an upload: ``bundle-invalid`` lists the issues of the bundle (the first
    ones of each severity; ``counts`` has the number of issues per code and ``total`` their
    number, shown or not); a ``validation`` problem lists the request's invalid values."""

    errors: list[BundleIssue | FieldError]
    counts: dict[str, int] | None = None
    total: int | None = None


class Page(BaseModel, Generic[T]):
    """One page of a list: ``items`` from ``offset``, at most ``limit``, of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[T]

    @classmethod
    def model_parametrized_name(cls, params: tuple[Any, ...]) -> str:
        # the title ``SearchHitPage``, not ``Page[SearchHit]``; api.openapi names the schema
        # after it (pydantic's ``Page_SearchHit_`` makes awkward class names in clients)
        return "".join(getattr(p, "__name__", str(p)) for p in params) + "Page"


class Paged(TypedDict, Generic[T]):
    """What a route returns for a :class:`Page` (which names it in the OpenAPI document)."""

    total: int
    limit: int
    offset: int
    items: list[T]


def paged(items: Sequence[T], total: int, limit: int, offset: int) -> Paged[T]:
    """A page as every paged answer has it: ``items`` (already cut) of ``total``."""
    return {"total": total, "limit": limit, "offset": offset, "items": list(items)}


def page(items: Sequence[T], limit: int, offset: int) -> Paged[T]:
    """The page of ``items`` starting at ``offset``."""
    return paged(items[offset : offset + limit], len(items), limit, offset)


def trade_page(
    store: GraphStore, id: str, direction: Direction, limit: int, offset: int
) -> Paged[dict[str, Any]]:
    """One page of firm ``id``'s suppliers (``direction`` "in") or customers ("out"), cut
    in the store: a hub's thousands of partners never leave it."""
    found = store.trade(id, direction, limit=limit, offset=offset)
    return paged(found["items"], found["total"], limit, offset)


class GapItem(Gap):
    """A gap in a page: its ``id`` is its ``product_id``."""

    id: str


class SingleSourcedItem(SingleSourced):
    """A single-source product in a page: its ``id`` is its ``product_id``."""

    id: str


class CentralityPage(Page[CentralityItem]):
    measure: Literal["degree", "betweenness"]


class PageRankPage(Page[PageRankItem]):
    ties: Literal["all", "supply", "cooperation"]
    alpha: float


class CommunityPage(Page[Community]):
    ties: Literal["all", "supply", "cooperation"]
    resolution: float
    seed: int
    modularity: float


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


class ExportNode(Open):
    """A node of the ``json`` export, with the node's stored properties besides these."""

    id: str = Field(examples=["Enterprise:E1"])
    kind: str
    entity_id: str
    label: str


class ExportEdge(Open):
    """An edge of the ``json`` export, with the edge's stored properties besides these."""

    source: str
    target: str
    rel: str
    key: str


class NodeLinkGraph(BaseModel):
    """The ``json`` export: networkx node-link data of the multigraph (``edges="edges"``)."""

    directed: bool
    multigraph: bool
    graph: dict[str, Any]
    nodes: list[ExportNode]
    edges: list[ExportEdge]


#: a file answer (OpenAPI 3.1 reads it as bytes)
BINARY: dict[str, Any] = {"type": "string", "format": "binary"}


class TableCounts(BaseModel):
    """What a change set did to the facts of one table."""

    added: int
    changed: int
    ended: int
    removed: int


class ChangeSetRecord(BaseModel):
    """One change set (docs/changes.md): who changed what, when, from which source."""

    id: int = Field(examples=[2])
    at: str = Field(description="When it was committed (ISO 8601, UTC).")
    author: str = Field(description="The API key (role and fingerprint) or the OS user.")
    kind: Literal["load", "edit", "revert"]
    source: str = Field(description="The bundle's file name, `edit`, or `revert N`.")
    sha256: str | None = Field(description="SHA-256 of the bundle's bytes (loads).")
    counts: dict[str, TableCounts] = Field(description="Per table: facts added, changed, …")
    reverts: int | None = Field(description="The change set this one reverts.")
    reverted_by: int | None = Field(description="The change set that reverted this one.")


class ChangeSetPage(BaseModel):
    """A page of change sets, newest first; ``total`` is the latest id (ids have no gaps)."""

    total: int
    limit: int
    offset: int
    items: list[ChangeSetRecord]


class ChangedFact(BaseModel):
    """A fact a change set touched: its table, key, what happened, where it came from."""

    table: str
    #: the fact's key (graph.model.TABLE_KEYS: ids, and a cooperation's kind)
    key: list[str]
    op: Literal["added", "changed", "ended", "removed"]
    source_file: str | None = None
    source_row: int | None = None


class ChangeSetDetail(ChangeSetRecord):
    """A change set with a page of the facts it touched (``facts_total`` in all)."""

    facts_total: int
    facts: list[ChangedFact]


class LoadResult(BaseModel):
    """What a bundle upload loaded (or, with ``dry_run``, would load): rows per table."""

    bundle: str
    store: str
    counts: dict[str, int]
    total: int
    warnings: list[BundleIssue]
    #: warnings per code, shown or not (``warnings`` shows the first ones)
    warning_counts: dict[str, int] = Field(default_factory=dict)
    persisted: bool
    dry_run: bool
    #: the scope an authoritative load spoke for, and the rows it ended per table
    scope: str | None = None
    ended: dict[str, int] = {}
    change_set: ChangeSetRecord | None = Field(
        default=None, description="The change set the load recorded; null if nothing changed."
    )


def ranked_page(
    items: Sequence[Mapping[str, Any]], total: int, limit: int, offset: int
) -> dict[str, Any]:
    """The page from ``offset`` of a ranking whose first ``offset + limit`` items are
    ``items`` (of ``total``); product rankings get ``id`` = ``product_id``."""
    cut = [
        {"id": i["product_id"], **i} if "id" not in i else i for i in items[offset : offset + limit]
    ]
    return dict(paged(cut, total, limit, offset))
