"""Global answers kept per version of the graph, and computed ahead of their first reader.

The answers about the whole graph (the headline figures, the chains and each chain's
panorama, gaps, single-source products, the committee's lists, centrality, PageRank and the
communities, the map) read every firm or edge: at 1,000,000 firms their first calls take 2 s
to minutes, and the first visitor after a load waits for them. Each is kept per version of
the graph and day in an :class:`~graph.queries.cache.AnalyticsCache`, under one key, by the
function that reads it for every route, page and report (``kept_*`` here or beside its
query). :func:`precompute` asks each of them in turn, so that the cache holds them before
anyone asks; the server does it whenever the graph's version or the day changes
(``CHAINATLAS_PRECOMPUTE``, api/precompute.py).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from chainatlas.graph.dated import on_day
from chainatlas.graph.model import Label
from chainatlas.graph.queries.answers import ChainPanorama, ChainSummary, Gaps, SingleSource
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.centrality import kept_centrality
from chainatlas.graph.queries.chains import chain_list, chain_panorama
from chainatlas.graph.queries.committee_lists import kept
from chainatlas.graph.queries.map_fold import kept_map
from chainatlas.graph.queries.network import kept_communities, kept_pagerank
from chainatlas.graph.queries.risk import MAX_LIMIT, gaps, single_source
from chainatlas.graph.shapes import Stats
from chainatlas.graph.store import GraphStore


def kept_stats(cache: AnalyticsCache, store: GraphStore) -> Stats:
    """The headline figures (counting every firm and edge: seconds at a province)."""
    return cache.get(store, "stats", (), store.stats)


def kept_chains(cache: AnalyticsCache, store: GraphStore) -> list[ChainSummary]:
    """Every chain with its figures (the chains overview)."""
    return cache.get(store, "chains", (), lambda: chain_list(store))


def kept_chain(cache: AnalyticsCache, store: GraphStore, chain_id: str) -> ChainPanorama:
    """One chain's panorama (:class:`~graph.errors.UnknownEntity` for an unknown chain)."""
    return cache.get(store, "chain", (chain_id,), lambda: chain_panorama(store, chain_id))


def kept_gaps(cache: AnalyticsCache, store: GraphStore) -> Gaps:
    """The first :data:`~graph.queries.risk.MAX_LIMIT` gaps; routes page them."""
    return cache.get(store, "gaps", (), lambda: gaps(store, limit=MAX_LIMIT))


def kept_single_source(cache: AnalyticsCache, store: GraphStore) -> SingleSource:
    """The first :data:`~graph.queries.risk.MAX_LIMIT` single-source products."""
    return cache.get(store, "single_source", (), lambda: single_source(store, limit=MAX_LIMIT))


def global_answers(
    cache: AnalyticsCache, store: GraphStore, today: date
) -> list[tuple[str, Callable[[], Any]]]:
    """Each global answer by name, as its readers ask for it: the routes, the pages and the
    briefing about ``today`` (the store seen on that day), PageRank and the communities with
    their routes' defaults. The cheaper and more visited first; betweenness and Louvain, the
    dearest, last."""
    day = on_day(store, today)
    chains = [c["id"] for c in store.nodes(Label.CHAIN, fields=())]
    return [
        ("stats", lambda: kept_stats(cache, day)),
        ("chains", lambda: kept_chains(cache, day)),
        ("gaps", lambda: kept_gaps(cache, day)),
        ("single_source", lambda: kept_single_source(cache, day)),
        ("map", lambda: kept_map(cache, day)),
        ("committee", lambda: kept(cache, day)),
        ("centrality degree", lambda: kept_centrality(cache, day, "degree")),
        ("pagerank", lambda: kept_pagerank(cache, day, "all")),
        *[(f"chain {c}", lambda c=c: kept_chain(cache, day, c)) for c in chains],
        *[(f"map {c}", lambda c=c: kept_map(cache, day, c)) for c in chains],
        ("centrality betweenness", lambda: kept_centrality(cache, day, "betweenness")),
        ("communities", lambda: kept_communities(cache, day, "all", 1.0, 0)),
    ]


def precompute(
    cache: AnalyticsCache,
    store: GraphStore,
    *,
    today: date | None = None,
    stop: threading.Event | None = None,
) -> list[tuple[str, float]]:
    """Compute every :func:`global_answers` into ``cache`` (each is kept per version, so one
    already there costs nothing): each answer's name and seconds, in order. Stops early,
    between two answers, once ``stop`` is set or the graph's version moves on (the rest
    would be kept for a graph nobody reads any more)."""
    version = store.version()
    done: list[tuple[str, float]] = []
    for name, compute in global_answers(cache, store, today or date.today()):
        if (stop is not None and stop.is_set()) or store.version() != version:
            break
        t = time.perf_counter()
        compute()
        done.append((name, time.perf_counter() - t))
    return done
