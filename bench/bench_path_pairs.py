"""Supply path searches on many pairs, in process: the median time of each and their sum, on
the embedded store holding the bundle or on the Neo4j database at ``NEO4J_URI`` that holds it
already (not cleared). The baseline is the code before a change, run the same way from a
``git worktree`` with ``PYTHONPATH`` on it, in the same session (bench/README.md).

    .venv/bin/python -m bench.bench_path_pairs --enterprises 100000 --seed 0
    NEO4J_URI=bolt://127.0.0.1:17826 .venv/bin/python -m bench.bench_path_pairs \\
        --enterprises 100000 --seed 0 --store neo4j

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

from bench.bench_http import subjects
from bench.common import bundle, neo4j_store
from chainatlas.graph.errors import ChainAtlasError
from chainatlas.graph.memory import MemoryStore
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


def answer(store: GraphStore, source: str, target: str) -> str:
    try:
        found = supply_paths(store, source, target, k=5)
    except ChainAtlasError as e:
        return type(e).__name__
    return f"{len(found['paths'])} paths, first {'→'.join(found['paths'][0]['nodes'])}"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=100_000)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--store", choices=["memory", "neo4j"], default="memory")
    ap.add_argument("--runs", type=int, default=7, help="timed calls per pair (after one)")
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
    for name, source, target in pairs(subjects(data), args.enterprises):
        said = answer(store, source, target)  # the first call, untimed
        times = []
        for _ in range(args.runs):
            start = time.perf_counter()
            answer(store, source, target)
            times.append((time.perf_counter() - start) * 1000)
        median = statistics.median(times)
        total += median
        print(f"| {name} | {source} → {target} | {median:.2f} | {said} |")
    print(f"\nsum of the medians: {total:.1f} ms")


if __name__ == "__main__":
    main()
