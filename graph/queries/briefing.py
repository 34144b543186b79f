"""The committee's briefing (汇报材料): KPIs, the 补链 / 强链 / 延链 lists and the top risks,
from one read of the store (docs/committee.md).

A pure function of the store and the day, like every global measure: cache it per graph
version. Given ``since``, the change digest from that day to the briefing's
(:mod:`graph.queries.digest`) joins it. The sharing board's state (:func:`board_brief`: open
needs per kind × chain × district, needs unmatched for over 30 days, matches accepted this
month) is always in it, without contact fields: a briefing is passed around.
"""

from __future__ import annotations

from datetime import date
from typing import Any

from chainatlas.graph.board.committee import board_summary
from chainatlas.graph.queries.cluster import Survey
from chainatlas.graph.queries.digest import digest
from chainatlas.graph.queries.kpis import kpis
from chainatlas.graph.queries.panorama import drawn_counts, panorama
from chainatlas.graph.queries.strengthen import strengthen
from chainatlas.graph.queries.targets import extend_targets, fill_targets
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
) -> dict[str, Any]:
    """``{date, as_of, panorama, kpis, fill, strengthen, extend, risks}``: ``panorama`` what
    the all-chains map draws (:func:`~graph.queries.panorama.drawn_counts`), ``kpis`` the KPI
    rows, the three lists as their functions answer with ``limit`` rows, ``risks`` the first
    :data:`TOP_RISKS` products of the 强链 list, ``board`` the sharing board
    (:func:`board_brief`); with ``since``, ``digest`` what changed from then to ``as_of`` (or
    today)."""
    s = Survey(store, as_of=as_of)
    until = as_of or getattr(store, "as_of", None) or today or date.today()
    weak = strengthen(store, limit=limit, survey=s)
    return {
        "date": (today or date.today()).isoformat(),
        "as_of": as_of.isoformat() if as_of else None,
        "panorama": drawn_counts(panorama(store, as_of=as_of)),
        "kpis": kpis(store, survey=s)["rows"],
        "fill": fill_targets(store, limit=limit, survey=s),
        "strengthen": weak,
        "extend": extend_targets(store, limit=limit, survey=s),
        "risks": weak["products"][:TOP_RISKS],
        "board": board_brief(store, today=until),
        "digest": None if since is None else digest(store, since=since, until=until),
    }
