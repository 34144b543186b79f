"""The change digest's page (``/changes``): what changed in the map between two days, per
chain and district, beside the latest change sets; CSV and XLSX of the same tables
(``?format=``). The JSON is ``GET /api/changes/digest`` (docs/changes.md, "The digest")."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Annotated, Any

from fastapi import Query, Request
from fastapi.responses import Response

from chainatlas.api.auth import Viewer
from chainatlas.api.deps import Analytics, IsoDay, Store
from chainatlas.api.pages import tables
from chainatlas.api.pages.committee import FormatQ, TableFormat
from chainatlas.api.pages.responses import page_response, same_url
from chainatlas.api.pages.signin import page_router
from chainatlas.graph.queries.briefing import DIGEST_DAYS
from chainatlas.graph.queries.digest import CAPACITY_THRESHOLD, KINDS, kept_digest

router = page_router()
#: the change sets the page lists beside the digest
RECENT = 20


def _shown(kind: str, answer: Any) -> dict[str, Any]:
    return tables.shown(kind, tables.table(kind, answer))


@router.get("/changes")
def changes_page(
    request: Request,
    caller: Viewer,
    store: Store,
    cache: Analytics,
    since: Annotated[
        date | None, IsoDay, Query(description="First day (default 30 days back).")
    ] = None,
    until: Annotated[date | None, IsoDay, Query(description="Second day (default today).")] = None,
    capacity_threshold: Annotated[float, Query(ge=0, le=10)] = CAPACITY_THRESHOLD,
    fmt: FormatQ = TableFormat.html,
) -> Response:
    """变更摘要: new and departed firms, started and ended supplies, capacity changes, gaps and
    single-source products opened and closed, local-supply coverage before and after."""
    end = until or date.today()
    start = since or end - timedelta(days=DIGEST_DAYS)
    found: Any = kept_digest(
        cache, store, since=start, until=end, capacity_threshold=capacity_threshold
    )
    sheets = {
        "变更 Changes": tables.table("digest", found),
        "汇总 Summary": tables.table("digest_groups", found),
    }
    if fmt is not TableFormat.html:
        return tables.download(f"变更摘要-{start}-{end}", fmt.value, sheets)
    return page_response(
        request,
        "changes",
        ("变更摘要", "What changed"),
        None,
        digest=found,
        kind_labels=KINDS,
        since=start.isoformat(),
        until=end.isoformat(),
        threshold=capacity_threshold,
        items=_shown("digest", found),
        groups=_shown("digest_groups", found),
        recent=_shown("changes", {"items": store.change_sets(limit=RECENT)}),
        exports={f: same_url(request, format=f) for f in ("csv", "xlsx")},
    )
