"""Search on Neo4j by probes and a scan (graph/neo4j_search.py) against the baseline, the
full classification of every match (``cypher/search_candidates.cypher``, what search did
before), in one run on the database at ``NEO4J_URI``; the two answers are compared.

    NEO4J_URI=bolt://127.0.0.1:17824 .venv/bin/python -m bench.bench_search
    NEO4J_URI=... .venv/bin/python -m bench.bench_search --cap 500 新材 上虞   # the route's cap

Median of ``--runs`` calls per query and path; the statements each call of the new path ran
(``probe`` the TEXT index, ``scan`` firms in id order, ``nodes`` the answer's properties,
``all`` the fallback). Prints a Markdown table (bench/README.md).
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from functools import partial
from typing import Any

from bench.common import neo4j_store, timed
from chainatlas.graph.store import compact
from chainatlas.graph.text import search_query

QUERIES = ("新材", "上虞", "有限公司", "化工", "PPS", "荣米荣佳康", "e0001929", "聚", "xin")
SHORT = {"search_probe": "probe", "search_scan": "scan", "search_candidates": "all"}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("queries", nargs="*", default=list(QUERIES))
    ap.add_argument("--cap", type=int, default=20, help="how many of the best are kept")
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    store = neo4j_store()
    if store is None:
        raise SystemExit("bench_search: set NEO4J_URI to a loaded database")
    labels = ["Enterprise", "Product"]

    def everything(q: str) -> list[dict[str, Any]]:
        rows = store.read(
            "search_candidates", q=search_query(q), labels=labels, cap=args.cap, as_of=None
        )
        return [{**compact(r["props"]), "label": r["label"], "match": r["match"]} for r in rows]

    read, ran = store.read, Counter[str]()

    def counted(name: str, **params: Any) -> list[dict[str, Any]]:
        ran[SHORT.get(name, "nodes")] += 1
        return read(name, **params)

    when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
    print(f"cap {args.cap}, median of {args.runs} calls; {when}\n")
    print("| query | kept | baseline ms | probes and scan ms | statements | same answer |")
    print("|---|---:|---:|---:|---|:---:|")
    for q in args.queries:
        base_s, base = timed(partial(everything, q), repeat=args.runs)
        store.read = counted  # type: ignore[method-assign]
        ran.clear()
        new_s, new = timed(partial(store.search_candidates, q, cap=args.cap), repeat=args.runs)
        store.read = read  # type: ignore[method-assign]
        steps = ", ".join(f"{n} {k}" for k, n in sorted(ran.items()) if n) + f" ({args.runs} calls)"
        same = "yes" if new == base else "NO"
        print(f"| {q} | {len(new)} | {base_s * 1000:.1f} | {new_s * 1000:.1f} | {steps} | {same} |")


if __name__ == "__main__":
    main()
