"""Opening groups of every firm's map, as the map page does: the map with none open, then
groups that can open (folded, at most the view's limit), each through ``kept_map`` with one
cache (what a worker keeps between two clicks), on the Neo4j database at ``NEO4J_URI`` or,
``--store memory``, the bundle read into the embedded store.

    NEO4J_URI=bolt://127.0.0.1:17826 PYTHONPATH=. .venv/bin/python -m bench.bench_map_open \\
        --enterprises 100000 --seed 0 --groups 3

Prints a Markdown row per fold: seconds, this process's peak resident memory so far, and the
answer's digest (``bench_first_calls.answer_digest``: the same picture before and after a
change). The map is read as it stands today (``--as-of``), as the page reads it. Groups are
taken largest first, firms' before products'.
"""

from __future__ import annotations

import argparse
import resource
import time
from collections.abc import Callable
from datetime import date
from functools import partial

from bench.bench_first_calls import _embedded, _store, answer_digest
from bench.common import bundle
from chainatlas.graph.dated import on_day
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.fold import NODE_LIMIT
from chainatlas.graph.queries.map_fold import FoldedMap, kept_map


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--groups", type=int, default=3, help="how many groups to open, one by one")
    ap.add_argument("--as-of", type=date.fromisoformat, default=None, help="default: today")
    ap.add_argument("--store", choices=("neo4j", "memory"), default="neo4j")
    args = ap.parse_args()
    data = bundle(args.enterprises, args.seed)
    opened = _store if args.store == "neo4j" else _embedded(data)
    with opened() as store:
        seen = on_day(store, args.as_of or date.today())
        cache = AnalyticsCache(64)
        print("| fold | s | peak MB | answer |\n|---|---:|---:|---|")
        closed = _timed("none open", lambda: kept_map(cache, seen))
        sizes = closed["folded"]
        can = [g for g in sizes if sizes[g] <= NODE_LIMIT]
        can.sort(key=lambda g: (":Enterprise:" not in g, -sizes[g], g))
        for group in can[: args.groups]:
            _timed(f"{group} ({sizes[group]})", partial(kept_map, cache, seen, None, (group,)))


def _timed(name: str, fold: Callable[[], FoldedMap]) -> FoldedMap:
    t = time.perf_counter()
    answer = fold()
    took = time.perf_counter() - t
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    print(f"| {name} | {took:.1f} | {peak:,} | `{answer_digest(answer)}` |", flush=True)
    return answer


if __name__ == "__main__":
    main()
