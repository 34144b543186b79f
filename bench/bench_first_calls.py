"""Single reads in process on the Neo4j database at ``NEO4J_URI`` (or, ``--store memory``, on
the embedded store holding the bundle): each local read of issue 13's list under ``cProfile``
(where its time goes), then each global answer's first call alone, bounded by ``--limit``
seconds. No server, no clients: what one call costs, not the queue.

    NEO4J_URI=bolt://127.0.0.1:17824 .venv/bin/python -m bench.bench_first_calls \\
        --enterprises 1000000 --seed 0 --limit 300

The subjects are bench_http's (the busiest supplier, the busiest buyer, a firm three steps
away); the database must hold that bundle. Prints Markdown: per local read its wall time and
its top functions by cumulative time; per global answer its first call in seconds (or
"> limit"), this process's peak resident memory so far, and the answer's digest
(:func:`answer_digest`: the same answer before and after a change).
"""

from __future__ import annotations

import argparse
import cProfile
import hashlib
import io
import json
import pstats
import resource
import signal
import time
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager, nullcontext
from datetime import date
from pathlib import Path
from typing import Any

from bench.bench_http import subjects
from bench.common import bundle, neo4j_store
from chainatlas.graph import queries as q
from chainatlas.graph.dated import on_day
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries import network
from chainatlas.graph.queries.fold import NODE_LIMIT
from chainatlas.graph.queries.map_fold import folded_panorama
from chainatlas.graph.queries.panorama import panorama
from chainatlas.graph.queries.strengthen import strengthen
from chainatlas.graph.queries.targets import extend_targets, fill_targets
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle
from chainatlas.viz.aggregate import Drawable

Read = Callable[[GraphStore], Any]


def local_reads(ids: dict[str, str]) -> dict[str, Read]:
    hub, buyer, far = ids["hub"], ids["buyer"], ids["far"]
    return {
        "search 新材": lambda s: q.search(s, "新材"),
        "profile (hub)": lambda s: q.enterprise_profile(s, hub, limit=200),
        "match suppliers (busiest buyer)": lambda s: q.match_suppliers(s, buyer),
        "supply paths hub→far, k=5": lambda s: q.supply_paths(s, hub, far, k=5),
    }


def global_reads(ids: dict[str, str]) -> dict[str, Read]:
    hub = ids["hub"]
    return {
        "gaps": lambda s: q.gaps(s),
        "single source": lambda s: q.single_source(s),
        "centrality degree": lambda s: q.centrality(s, measure="degree"),
        "tiers (hub, downstream 2)": lambda s: q.tiers(
            s, "Enterprise", hub, direction="downstream", depth=2, limit=200
        ),
        "impact (hub, 3 tiers)": lambda s: q.impact(s, enterprise_id=hub, limit=200),
        "补链 fill targets": fill_targets,
        "强链 strengthen": strengthen,
        "延链 extend targets": extend_targets,
        "chain panorama polymer": lambda s: q.chain_panorama(s, "polymer"),
        "chains overview": q.chain_list,
        "map, folded where read": lambda s: folded_panorama(s)["graph"],
        "map baseline: the whole panorama, folded by the view": lambda s: (
            Drawable(panorama(s)).fold(limit=NODE_LIMIT).graph
        ),
        "centrality betweenness": lambda s: q.centrality(s, measure="betweenness"),
        "pagerank (ties all, first 50)": lambda s: network.pagerank(s, limit=50),
        "communities (ties all, first 50)": lambda s: first_members(
            network.communities(s, limit=50)
        ),
    }


def first_members(answer: Any) -> Any:
    """The communities as the answer since 2026-12-05 lists them: each community's first
    FIRMS_SHOWN members (50), and no graph (it shows the members listed, so the graph before
    showed every member): the digest of the code before and after compares the same thing."""
    cut = [c | {"members": c["members"][:50]} for c in answer["communities"]]
    return {k: v for k, v in answer.items() if k != "graph"} | {"communities": cut}


class Late(BaseException):
    """The call outlived its bound (not an Exception: the driver retries a transaction whose
    read an Exception interrupted, which would hide the bound)."""


def _late(*_: object) -> None:
    raise Late


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--limit", type=int, default=300, help="seconds a global first call may take")
    ap.add_argument("--top", type=int, default=8, help="functions listed per local read")
    ap.add_argument("--only", nargs="*", default=None, help="reads to run (by name prefix)")
    ap.add_argument(
        "--store", choices=("neo4j", "memory"), default="neo4j", help="memory: the bundle read in"
    )
    ap.add_argument(
        "--as-of",
        type=_day,
        default=None,
        help="read the map as it stood that day (YYYY-MM-DD, or 'today': as the routes and "
        "pages read it); default every fact, as the figures before 2026-12-05",
    )
    args = ap.parse_args()
    data = bundle(args.enterprises, args.seed)
    ids = subjects(data)
    opened = _dated(_store if args.store == "neo4j" else _embedded(data), args.as_of)

    def picked(name: str) -> bool:
        return args.only is None or name.startswith(tuple(args.only))

    where = "Neo4j" if args.store == "neo4j" else "the embedded store"
    print(f"{args.enterprises} firms on {where}; subjects {ids}\n")
    for name, read in local_reads(ids).items():
        if not picked(name):
            continue
        with opened() as store:
            read(store)  # warm: the first call pays the connection and the page cache
            t = time.perf_counter()
            read(store)
            wall = (time.perf_counter() - t) * 1000
            prof = cProfile.Profile()
            prof.runcall(read, store)
        out = io.StringIO()
        pstats.Stats(prof, stream=out).sort_stats("cumulative").print_stats(args.top)
        body = out.getvalue().strip().splitlines()
        print(f"### {name}: {wall:.0f} ms\n\n```\n" + "\n".join(body[-args.top - 1 :]) + "\n```\n")
    print("| global answer | first call s | peak MB | answer |\n|---|---:|---:|---|")
    signal.signal(signal.SIGALRM, _late)
    for name, read in global_reads(ids).items():
        if not picked(name):
            continue
        with opened() as store:  # a fresh driver: a call cut mid-read leaves its own broken
            t = time.perf_counter()
            signal.alarm(args.limit)
            digest = "-"
            try:
                answer = read(store)
                took = f"{time.perf_counter() - t:.1f}"
                digest = answer_digest(answer)
            except Late:
                took = f"> {args.limit}"
            finally:
                signal.alarm(0)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"| {name} | {took} | {peak:.0f} | `{digest}` |", flush=True)


def answer_digest(answer: Any) -> str:
    """The first 16 hex digits of the SHA-256 of ``answer`` as sorted JSON: two runs (the code
    before a change and after) gave the same answer when their digests match."""
    text = json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _embedded(data: Path) -> Callable[[], AbstractContextManager[GraphStore]]:
    """The bundle in the embedded store, its graph built: each read gets the same store."""
    store = MemoryStore()
    store.write_tables(dict(read_bundle(data).tables))
    store.warm()
    return lambda: nullcontext(store)


def _day(text: str) -> date:
    return date.today() if text == "today" else date.fromisoformat(text)


def _dated(
    opened: Callable[[], AbstractContextManager[GraphStore]], day: date | None
) -> Callable[[], AbstractContextManager[GraphStore]]:
    """``opened``'s store seen on ``day`` (itself for ``None``), closed with it."""

    @contextmanager
    def on(store: AbstractContextManager[GraphStore]) -> Iterator[GraphStore]:
        with store as opened_store:
            yield on_day(opened_store, day)

    return lambda: on(opened())


def _store() -> GraphStore:
    store = neo4j_store()
    if store is None:
        raise SystemExit("bench_first_calls: set NEO4J_URI (the database holding the bundle)")
    return store


if __name__ == "__main__":
    main()
