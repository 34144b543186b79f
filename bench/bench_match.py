"""Matchmaking in process on Neo4j: what a store keeps per version against one keeping nothing.

The busiest buyer's suppliers and buyers, and the busiest supplier's buyers (the subjects of
``bench_http``), as of today, on the database of ``NEO4J_URI`` (which must hold the bundle of
``--enterprises``/``--seed``): for the store as it runs (a hub's keys and a common product's
firms kept per version: graph/neo4j_hubs.py, graph/neo4j_makers.py) and, in the same run, for a
second store keeping nothing (the baseline), alternating: each one's first and second call
(the one that marks hubs and products, the one that reads what it keeps), then the median of
``--runs`` and this process's CPU per call. The two stores' answers are asserted equal.

    NEO4J_URI=bolt://127.0.0.1:17830 .venv/bin/python -m bench.bench_match \\
        --enterprises 1000000 --seed 0

``--spread N``: instead, the suppliers of N firms spread over the bundle (``bench_http.firms``),
each once a round for ``--rounds`` rounds, both stores alternating firm by firm: a worker
serving many firms, whose hubs and products are more than it keeps. Each round's median, p90
and mean ms and CPU ms a call (this process's, and the Neo4j server's when it runs here).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from collections.abc import Callable
from datetime import date
from typing import Any

from bench.bench_http import firms, subjects
from bench.bench_service import cpu_seconds, listening_pid
from bench.common import bundle, neo4j_store
from chainatlas.graph.dated import on_day
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.queries.matching import match_buyers, match_suppliers


def _calls(runs: int, call: Callable[[], Any]) -> tuple[list[float], float, float, Any]:
    """ms of the first and second call, the median of ``runs`` more, their CPU ms a call."""
    firsts = []
    for _ in range(2):
        t = time.perf_counter()
        answer = call()
        firsts.append((time.perf_counter() - t) * 1000)
    times, cpu = [], time.process_time()
    for _ in range(runs):
        t = time.perf_counter()
        call()
        times.append((time.perf_counter() - t) * 1000)
    per_call = (time.process_time() - cpu) / runs * 1000
    return firsts, statistics.median(times), per_call, answer


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--runs", type=int, default=15)
    ap.add_argument("--spread", type=int, default=0, help="firms asked in turn (0: subjects)")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    kept, plain = neo4j_store(), neo4j_store()
    if kept is None or plain is None:
        print("bench_match: set NEO4J_URI to the database holding the bundle", file=sys.stderr)
        return 2
    plain.keep_nothing()
    if args.spread:
        return spread(
            kept, plain, firms(bundle(args.enterprises, args.seed), args.spread), args.rounds
        )
    ids = subjects(bundle(args.enterprises, args.seed))
    today = date.today()
    asks = [
        ("suppliers of the busiest buyer", match_suppliers, ids["buyer"]),
        ("buyers of the busiest buyer", match_buyers, ids["buyer"]),
        ("buyers of the busiest supplier", match_buyers, ids["hub"]),
    ]
    print(f"{args.enterprises} firms on Neo4j, subjects {ids}, {args.runs} runs, as of {today}\n")
    print("| match | store | first, second call ms | median ms | CPU ms a call | candidates |")
    print("|---|---|---|---:|---:|---:|")
    for name, match, firm in asks:
        found = {}
        for label, store in (("keeping nothing", plain), ("kept per version", kept)):
            dated = on_day(store, today)
            firsts, median, cpu, answer = _calls(args.runs, lambda: match(dated, firm))  # noqa: B023
            found[label] = answer
            first = ", ".join(f"{t:.0f}" for t in firsts)
            print(f"| {name} | {label} | {first} | {median:.1f} | {cpu:.1f} | {answer['total']} |")
        if found["keeping nothing"] != found["kept per version"]:
            print(f"bench_match: the answers differ for {name}", file=sys.stderr)
            return 1
    return 0


def spread(kept: Neo4jStore, plain: Neo4jStore, asked: list[str], rounds: int) -> int:
    """The suppliers of each of ``asked`` once a round, for both stores (answers equal)."""
    db = listening_pid(os.environ.get("NEO4J_URI"))
    today = date.today()
    print(f"{len(asked)} firms spread over the bundle, {rounds} rounds, as of {today}\n")
    print("| round | store | median ms | p90 ms | mean ms | CPU ms a call | Neo4j CPU ms a call |")
    print("|---:|---|---:|---:|---:|---:|---:|")
    for r in range(rounds):
        times: dict[str, list[float]] = {"keeping nothing": [], "kept per version": []}
        cpu = dict.fromkeys(times, 0.0)
        server = dict.fromkeys(times, 0.0)
        for firm in asked:
            answers = []
            for label, store in (("keeping nothing", plain), ("kept per version", kept)):
                c, d, t = time.process_time(), cpu_seconds(db) if db else 0.0, time.perf_counter()
                answers.append(match_suppliers(on_day(store, today), firm))
                times[label].append((time.perf_counter() - t) * 1000)
                cpu[label] += time.process_time() - c
                server[label] += (cpu_seconds(db) - d) if db else 0.0
            if answers[0] != answers[1]:
                print(f"bench_match: the answers differ for {firm}", file=sys.stderr)
                return 1
        for label, ms in times.items():
            ms.sort()
            n = len(ms)
            print(
                f"| {r} | {label} | {statistics.median(ms):.1f} | {ms[int(n * 0.9)]:.1f} "
                f"| {sum(ms) / n:.1f} | {cpu[label] / n * 1000:.1f} "
                f"| {server[label] / n * 1000:.1f} |",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
