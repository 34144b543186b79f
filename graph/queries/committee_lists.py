"""The committee's answers from one survey, kept per version of the graph.

补链, 强链, 延链 and the KPIs all read the same survey (:class:`~.cluster.Survey`), which at a
province's size reads every firm and edge for minutes. :func:`committee` computes the four
from one survey, each list at its longest (:data:`~.targets.MAX_LIMIT` rows); :func:`kept`
keeps that per version of the graph in an :class:`~.cache.AnalyticsCache` (the routes',
pages' and briefing's one entry), and :func:`first` cuts a request's ``limit`` from a list:
the same rows, ranks and totals its function gives with that ``limit``.

>>> from chainatlas.graph.memory import MemoryStore
>>> from chainatlas.graph.queries.cache import AnalyticsCache
>>> found = kept(AnalyticsCache(8), MemoryStore())
>>> sorted(found), first(found, "strengthen", 5)["total_products"]
(['extend', 'fill', 'kpis', 'strengthen'], 0)
"""

from __future__ import annotations

from typing import Any

from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.cluster import Survey
from chainatlas.graph.queries.kpis import kpis
from chainatlas.graph.queries.strengthen import strengthen
from chainatlas.graph.queries.targets import MAX_LIMIT, check_limit, extend_targets, fill_targets
from chainatlas.graph.store import GraphStore

#: each list's members that ``limit`` cuts
LISTED = {"fill": ("targets",), "extend": ("targets",), "strengthen": ("products", "firms")}


def committee(store: GraphStore) -> dict[str, dict[str, Any]]:
    """``{fill, strengthen, extend, kpis}`` of ``store`` (a view of one day, or every day's
    facts) from one survey, the lists with :data:`~.targets.MAX_LIMIT` rows."""
    s = Survey(store)
    return {
        "fill": fill_targets(store, limit=MAX_LIMIT, survey=s),
        "strengthen": strengthen(store, limit=MAX_LIMIT, survey=s),
        "extend": extend_targets(store, limit=MAX_LIMIT, survey=s),
        "kpis": kpis(store, survey=s),
    }


def kept(cache: AnalyticsCache, store: GraphStore) -> dict[str, dict[str, Any]]:
    """:func:`committee` of ``store``, computed once per version of the graph and day through
    ``cache`` (``AnalyticsCache(0)``: computed now)."""
    return cache.get(store, "committee", (), lambda: committee(store))


def first(answers: dict[str, dict[str, Any]], name: str, limit: int) -> dict[str, Any]:
    """List ``name`` of :func:`committee`'s ``answers`` with its first ``limit`` rows (1 to
    :data:`~.targets.MAX_LIMIT`): a new answer, the rows shared with the kept one."""
    check_limit(limit)
    whole = answers[name]
    return whole | {member: whole[member][:limit] for member in LISTED[name]}
