"""The committee's briefing (汇报材料): KPIs, the 补链 / 强链 / 延链 lists and the top risks,
from one read of the store (docs/committee.md).

A pure function of the store and the day, like every global measure: cache it per graph
version. Given ``since``, the change digest from that day to the briefing's
(:mod:`graph.queries.digest`) joins it.
"""

from __future__ import annotations

from datetime import date
from typing import Any

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
    :data:`TOP_RISKS` products of the 强链 list; with ``since``, ``digest`` what changed from
    then to ``as_of`` (or today)."""
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
        "digest": None if since is None else digest(store, since=since, until=until),
    }
