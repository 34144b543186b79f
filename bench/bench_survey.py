"""The committee's survey in process: each part's time and this process's memory, then the lists.

What 补链 / 强链 / 延链 and the KPIs read (graph/queries/cluster.py ``Survey``), part by part on
the Neo4j database at ``NEO4J_URI`` (or, ``--store memory``, the embedded store holding the
bundle of ``--enterprises``/``--seed``): seconds each, the resident memory it leaves (after a
collection) and the process's peak so far; then each list and the KPIs from that survey, with
a digest of its answer (the same digests before and after a change: the same answers).

    NEO4J_URI=bolt://127.0.0.1:17830 .venv/bin/python -m bench.bench_survey \\
        --enterprises 1000000 --seed 0

Prints Markdown. Compare commits by running it from a worktree of each (PYTHONPATH).
"""

from __future__ import annotations

import argparse
import gc
import hashlib
import json
import os
import resource
import time
from collections.abc import Callable
from typing import Any

from bench.common import bundle, neo4j_store
from chainatlas.graph.queries.cluster import Survey
from chainatlas.graph.queries.kpis import kpis
from chainatlas.graph.queries.strengthen import strengthen
from chainatlas.graph.queries.targets import MAX_LIMIT, extend_targets, fill_targets
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.stores import bundle_store

#: the survey's parts in the order the lists first read them (those a commit's Survey has)
PARTS = (
    "regions",
    "chains",
    "firms",
    "products",
    "local",
    "needs",
    "makers",
    "supplies",
    "bought",
    "inputs",
    "partners",
)


def resident_mb() -> float:
    with open("/proc/self/statm") as fh:
        return int(fh.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


def peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def digest(answer: Any) -> str:
    text = json.dumps(answer, sort_keys=True, ensure_ascii=False, default=str)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7, help="of the generated bundle")
    ap.add_argument("--store", choices=["memory", "neo4j"], default="neo4j")
    args = ap.parse_args()
    store: GraphStore | None
    if args.store == "memory":
        store = bundle_store(bundle(args.enterprises, args.seed))
    else:
        store = neo4j_store()
        if store is None:
            raise SystemExit("bench_survey: set NEO4J_URI (or --store memory)")
    gc.collect()
    base = resident_mb()
    print(f"store ready: {base:,.0f} MB resident\n")
    print("| part | seconds | resident MB after (over the store's) | peak MB |")
    print("|---|---:|---:|---:|")
    s, total = Survey(store), 0.0
    for part in (p for p in PARTS if hasattr(type(s), p)):
        t = time.perf_counter()
        getattr(s, part)
        took = time.perf_counter() - t
        total += took
        gc.collect()
        print(f"| {part} | {took:.2f} | {resident_mb() - base:,.0f} | {peak_mb():,.0f} |")
    print(f"| **survey** | **{total:.2f}** | | |\n")
    answers: dict[str, Callable[[], Any]] = {
        "强链 strengthen": lambda: strengthen(store, limit=MAX_LIMIT, survey=s),
        "补链 fill": lambda: fill_targets(store, limit=MAX_LIMIT, survey=s),
        "延链 extend": lambda: extend_targets(store, limit=MAX_LIMIT, survey=s),
        "KPIs": lambda: kpis(store, survey=s),
    }
    print("| from the survey | seconds | digest of the answer |")
    print("|---|---:|---|")
    for name, answer in answers.items():
        t = time.perf_counter()
        found = answer()
        print(f"| {name} | {time.perf_counter() - t:.2f} | `{digest(found)}` |")
    print(f"\npeak resident memory: {peak_mb():,.0f} MB")


if __name__ == "__main__":
    main()
