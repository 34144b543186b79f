"""Search on Neo4j by probes and a scan (graph/neo4j_search.py) against the baseline, the
full classification of every match (``cypher/search_candidates.cypher``, what search did
before), in one run on the database at ``NEO4J_URI``; the two answers are compared. With
``--store memory``: the embedded store's index (graph/memory_search.py) against classifying
every row, on a generated bundle.

    NEO4J_URI=bolt://127.0.0.1:17824 .venv/bin/python -m bench.bench_search
    NEO4J_URI=... .venv/bin/python -m bench.bench_search --cap 500 新材  # a page ending at 500
    .venv/bin/python -m bench.bench_search --store memory --enterprises 100000 --cap 500

Median of ``--runs`` calls per query and path; the statements each call of the new path ran
(``probe`` the TEXT index, ``scan`` firms in id order, ``nodes`` the answer's properties,
``all`` the fallback), each call picking anew; then, on Neo4j, the store as it runs, its
answer kept per version after a first call. Prints a Markdown table (bench/README.md).
"""

from __future__ import annotations

import argparse
import gc
import time
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import AbstractContextManager, contextmanager
from functools import partial
from typing import Any, cast

from bench.common import bundle, neo4j_store, timed
from chainatlas.graph import neo4j_search
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.graph.neo4j_kept import KeptAnswers
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.rows import search_hit
from chainatlas.graph.store import GraphStore
from chainatlas.graph.text import match_kind, search_query
from chainatlas.loaders import bundle_store

QUERIES = ("新材", "上虞", "有限公司", "化工", "PPS", "荣米荣佳康", "e0001929", "聚", "xin")
SHORT = {"search_probe": "probe", "search_scan": "scan", "search_candidates": "all"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("queries", nargs="*", default=list(QUERIES))
    ap.add_argument("--cap", type=int, default=20, help="how many of the best are kept")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--store", choices=["neo4j", "memory"], default="neo4j")
    ap.add_argument("--enterprises", type=int, default=100_000, help="of the bundle (memory)")
    ap.add_argument("--seed", type=int, default=7, help="of the generated bundle (memory)")
    args = ap.parse_args()
    if args.store == "memory":
        store: GraphStore = bundle_store(bundle(args.enterprises, args.seed))
        store.warm()
        gc.freeze()  # as the app does once its store is ready
        paths = _embedded(cast(MemoryStore, store), args.cap)
    else:
        found = neo4j_store()
        if found is None:
            raise SystemExit("bench_search: set NEO4J_URI to a loaded database")
        store, paths = found, _neo4j(found, args.cap)
    everything, steps = paths
    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"{store.kind} store, cap {args.cap}, median of {args.runs} calls; {when}\n")
    print(
        "| query | hits | baseline ms | new path ms | statements | same answer "
        "| kept per version ms |"
    )
    print("|---|---:|---:|---:|---|:---:|---:|")
    for q in args.queries:
        base_s, base = timed(partial(everything, q), repeat=args.runs)
        with steps() as ran:
            new_s, new = timed(partial(store.search_candidates, q, cap=args.cap), repeat=args.runs)
        ran_ = ", ".join(f"{n} {k}" for k, n in sorted(ran.items()) if n) or "index"
        same = "yes" if new == base else "NO"
        kept = "—"
        if store.kind == "neo4j":  # the store as it runs: the first call keeps
            store.search_candidates(q, cap=args.cap)
            kept_s, again = timed(
                partial(store.search_candidates, q, cap=args.cap), repeat=args.runs
            )
            kept = f"{kept_s * 1000:.1f}" + ("" if again == base else " (NOT the same)")
        print(
            f"| {q} | {len(new)} | {base_s * 1000:.1f} | {new_s * 1000:.1f} | "
            f"{ran_} ({args.runs} calls) | {same} | {kept} |"
        )


Paths = tuple[
    Callable[[str], list[dict[str, Any]]], Callable[[], AbstractContextManager[Counter[str]]]
]


def _neo4j(store: Neo4jStore, cap: int) -> Paths:
    """The baseline (the full classification) and a counter of the new path's statements."""
    labels = ["Enterprise", "Product"]

    def everything(q: str) -> list[dict[str, Any]]:
        rows = store.read(
            "search_candidates", q=search_query(q), labels=labels, cap=cap, as_of=None
        )
        picks = [(r["match"], r["label"], r["id"]) for r in rows]
        return neo4j_search._with_props(store, picks, None)

    @contextmanager
    def steps() -> Iterator[Counter[str]]:
        """The new path's statements, every call picking anew (no answer kept)."""
        read, ran, kept = store.read, Counter[str](), store.kept_answers

        def counted(name: str, **params: Any) -> list[dict[str, Any]]:
            ran[SHORT.get(name, "nodes")] += 1
            return read(name, **params)

        store.read = counted  # type: ignore[method-assign]
        store.kept_answers = KeptAnswers(0)
        try:
            yield ran
        finally:
            store.read = read  # type: ignore[method-assign]
            store.kept_answers = kept

    return everything, steps


def _embedded(store: MemoryStore, cap: int) -> Paths:
    """The baseline: every firm and product classified (what the embedded store did)."""
    tables = [(Label.ENTERPRISE, Table.ENTERPRISES), (Label.PRODUCT, Table.PRODUCTS)]

    def everything(q: str) -> list[dict[str, Any]]:
        needle, found = search_query(q), []
        for label, table in tables:
            for row in store.tables[table].values():
                kind = match_kind(needle, row.get("search_text") or "")
                if kind is not None:
                    found.append((int(kind), label.value, row["id"], row))
        found.sort(key=lambda f: f[:3])
        return [search_hit(r, lab, k) for k, lab, _, r in found[:cap]]

    @contextmanager
    def steps() -> Iterator[Counter[str]]:
        yield Counter()

    return everything, steps


if __name__ == "__main__":
    main()
