"""Find firms and products by name, short name, alias, pinyin or initials, CAS or credit code."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated

from fastapi import APIRouter, Query

from chainatlas.api.auth import Viewer
from chainatlas.api.deps import DEFAULT_LIMIT, LOCAL_READ, Limit, Offset, StoreOnDay
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.schemas import Page, Paged, paged
from chainatlas.graph.model import Label
from chainatlas.graph.queries.answers import SearchHit
from chainatlas.graph.queries.search import SEARCHABLE, search_page

router = APIRouter(prefix="/api", tags=["search"], dependencies=[LOCAL_READ])


class Kind(StrEnum):
    enterprise = "enterprise"
    product = "product"


KIND_LABEL = {Kind.enterprise: Label.ENTERPRISE, Kind.product: Label.PRODUCT}


@router.get(
    "/search", response_model=Page[SearchHit], responses=openapi_responses(401, 403, 422, 503)
)
def search(
    caller: Viewer,
    store: StoreOnDay,
    q: Annotated[str, Query(min_length=1, max_length=100, description="What to look for.")],
    kind: Annotated[list[Kind] | None, Query(description="Only these kinds (repeatable).")] = None,
    limit: Limit = DEFAULT_LIMIT,
    offset: Offset = 0,
) -> Paged[SearchHit]:
    """Firms and products matching ``q``, best first (score, then label and id); at most
    the best 500 are paged. Firms not in the map on ``as_of`` are not found."""
    kinds = [KIND_LABEL[k] for k in kind] if kind else SEARCHABLE
    # pages of the best 500 hits: those up to the page's end are ranked, the rest counted
    total, items = search_page(store, q, kinds=kinds, limit=limit, offset=offset)
    return paged(items, total, limit, offset)
