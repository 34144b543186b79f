"""The committee's briefing (汇报材料): KPIs, the 补链 / 强链 / 延链 lists and the top risks,
from one read of the store (docs/committee.md).

Its KPIs, lists and panorama are those the routes keep per version of the graph: given the
server's cache, a briefing computes none of them again. Given ``since``, the change digest
from that day to the briefing's (:mod:`graph.queries.digest`) joins it. The sharing board's
state (:func:`board_brief`: open needs per kind × chain × district, needs unmatched for over
30 days, matches accepted this month) is always in it, without contact fields: a briefing is
passed around.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chainatlas.graph.board.committee import board_summary
from chainatlas.graph.dated import on_day
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.committee_lists import first, kept
from chainatlas.graph.queries.digest import kept_digest
from chainatlas.graph.queries.map_fold import kept_map
from chainatlas.graph.store import GraphStore

#: the rows of each list a briefing carries
BRIEFING_LIMIT = 20
#: the top risks: the first rows of the 强链 product list
TOP_RISKS = 5
#: how far back a briefing's change digest looks by default (days)
DIGEST_DAYS = 30
#: what a briefing tells of a post (never its contact fields)
POST_FIELDS = ("id", "enterprise_id", "kind", "chain_id", "title", "valid_from")


def board_brief(store: GraphStore, *, today: date) -> dict[str, Any]:
    """The board for the committee (:func:`graph.board.committee.board_summary`) with each
    post cut to :data:`POST_FIELDS` (accepted ones also ``accepted_at`` and ``answered_by``)."""
    found = board_summary(store, today=today)

    def cut(post: dict[str, Any], *more: str) -> dict[str, Any]:
        return {k: post.get(k) for k in (*POST_FIELDS, *more)}

    return {
        "open_needs": found["open_needs"],
        "stale_needs": [cut(p) for p in found["stale_needs"]],
        "accepted_this_month": [
            cut(p, "accepted_at", "answered_by") for p in found["accepted_this_month"]
        ],
    }


def briefing(
    store: GraphStore,
    *,
    limit: int = BRIEFING_LIMIT,
    as_of: date | None = None,
    today: date | None = None,
    since: date | None = None,
    cache: AnalyticsCache | None = None,
) -> dict[str, Any]:
    """``{date, as_of, panorama, kpis, fill, strengthen, extend, risks}``: ``panorama`` what
    the all-chains map draws (:func:`~graph.queries.panorama.drawn_counts` of the whole map,
    kept by :func:`~graph.queries.map_fold.kept_map`), ``kpis`` the KPI
    rows, the three lists as their functions answer with ``limit`` rows, ``risks`` the first
    :data:`TOP_RISKS` products of the 强链 list, ``board`` the sharing board
    (:func:`board_brief`); with ``since``, ``digest`` what changed from then to ``as_of`` (or
    today). ``cache``: where the KPIs, lists and panorama are kept per version of the graph
    (``None``: computed now)."""
    day, cache = on_day(store, as_of), cache or AnalyticsCache(0)
    until = as_of or getattr(store, "as_of", None) or today or date.today()
    answers = kept(cache, day)
    weak = first(answers, "strengthen", limit)
    return {
        "date": (today or date.today()).isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "panorama": kept_map(cache, day)["drawn"],
        "kpis": answers["kpis"]["rows"],
        "fill": first(answers, "fill", limit),
        "strengthen": weak,
        "extend": first(answers, "extend", limit),
        "risks": weak["products"][:TOP_RISKS],
        "board": board_brief(store, today=until),
        "digest": None if since is None else kept_digest(cache, store, since=since, until=until),
    }
