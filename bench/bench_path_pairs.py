"""Supply path searches on many pairs, in process: the median time of each and their sum, on
the embedded store holding the bundle or on the Neo4j database at ``NEO4J_URI`` that holds it
already (not cleared). The baseline is the code before a change, run the same way from a
``git worktree`` with ``PYTHONPATH`` on it, in the same session (bench/README.md).

    .venv/bin/python -m bench.bench_path_pairs --enterprises 100000 --seed 0
    NEO4J_URI=bolt://127.0.0.1:17826 .venv/bin/python -m bench.bench_path_pairs \\
        --enterprises 100000 --seed 0 --store neo4j

``--weighted`` times supply paths weighted by volume (``/api/paths/weighted``) instead, and
``--pairs N`` the first N pairs only (the weighted search read every supply of the map
before 2026-12-05: seconds a call at 100,000 firms).

Pairs (k = 5, at most 4 hops), deterministic for a bundle: the busiest supplier (the hub) to
the firm farthest from it and to the busiest buyer, the hub to five random firms, five random
firms to the busiest buyer, ten random pairs (``random.Random(5)``). Each answer is printed
(its first path, or the error's name) so two runs can be compared answer for answer.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import time
from typing import Any

from bench.bench_http import subjects
from bench.common import bundle, neo4j_store
from chainatlas.graph.errors import ChainAtlasError
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries.flows import weighted_paths
from chainatlas.graph.queries.paths import supply_paths
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle


def pairs(ids: dict[str, str], enterprises: int) -> list[tuple[str, str, str]]:
    """(name, source, target) of every pair searched."""
    width = len(ids["hub"]) - 1  # the bundle's ids: E + zero-padded number
    rng = random.Random(5)
    firms = [f"E{i:0{width}d}" for i in rng.sample(range(1, enterprises + 1), 40)]
    hub, buyer = ids["hub"], ids["buyer"]
    found = [("hub→far", hub, ids["far"]), ("hub→buyer", hub, buyer)]
    found += [(f"random{i}", firms[2 * i], firms[2 * i + 1]) for i in range(10)]
    found += [(f"hub→r{i}", hub, firms[20 + i]) for i in range(5)]
    return found + [(f"r{i}→buyer", firms[30 + i], buyer) for i in range(5)]


def answer(store: GraphStore, source: str, target: str, weighted: bool = False) -> str:
    search = weighted_paths if weighted else supply_paths
    try:
        found: dict[str, Any] = dict(search(store, source, target, k=5))
    except ChainAtlasError as e:
        return type(e).__name__
    first = found["paths"][0]
    share = f" (share {first['share']})" if weighted else ""
    return f"{len(found['paths'])} paths, first {'→'.join(first['nodes'])}{share}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--store", choices=["memory", "neo4j"], default="memory")
    ap.add_argument("--runs", type=int, default=7, help="timed calls per pair (after one)")
    ap.add_argument("--weighted", action="store_true", help="paths weighted by volume")
    ap.add_argument("--pairs", type=int, default=None, help="only the first N pairs")
    args = ap.parse_args()
    data = bundle(args.enterprises, args.seed)
    store: GraphStore
    if args.store == "neo4j":
        neo = neo4j_store()
        assert neo is not None, "set NEO4J_URI (a database holding the bundle)"
        store = neo
    else:
        memory = MemoryStore()
        memory.write_tables(dict(read_bundle(data).tables))
        store = memory
    print(
        f"{args.enterprises} firms, {args.store} store, median of {args.runs} calls a pair, "
        f"{os.cpu_count()} CPUs, load average {os.getloadavg()[0]:.1f}\n"
    )
    print("| pair | source → target | median ms | answer |")
    print("|---|---|---:|---|")
    total = 0.0
    for name, source, target in pairs(subjects(data), args.enterprises)[: args.pairs]:
        said = answer(store, source, target, args.weighted)  # the first call, untimed
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            answer(store, source, target, args.weighted)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        total += median
        print(f"| {name} | {source} → {target} | {median:.2f} | {said} |")
    print(f"\nsum of the medians: {total:.1f} ms")


if __name__ == "__main__":
    main()
