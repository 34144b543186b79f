"""Load benchmark: read + validate a generated bundle, write it into the memory store (the
baseline) and into Neo4j with several batch sizes, then re-load it (idempotent, no change).

    NEO4J_URI=bolt://127.0.0.1:17687 .venv/bin/python bench/bench_load.py --enterprises 10000

Prints a Markdown table; the figures in bench/README.md come from this command.
"""

from __future__ import annotations

import argparse
import platform
from functools import partial

from bench.common import bundle, neo4j_store, timed
from chainatlas.graph.memory import MemoryStore
from chainatlas.loaders import read_bundle, write_bundle


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batch", type=int, nargs="*", default=[500, 2_000, 10_000])
    args = ap.parse_args()

    path = bundle(args.enterprises, args.seed)
    t_read, b = timed(lambda: read_bundle(path))
    rows = sum(len(r) for r in b.tables.values())
    print(f"bundle: {args.enterprises} enterprises, {rows} rows ({platform.python_version()})\n")
    print("| step | store | batch | seconds | rows/s |")
    print("|---|---|---:|---:|---:|")
    print(f"| read + validate | — | — | {t_read:.2f} | {rows / t_read:,.0f} |")
    t_mem, _ = timed(lambda: write_bundle(MemoryStore(), b))
    print(f"| write (baseline) | memory | — | {t_mem:.2f} | {rows / t_mem:,.0f} |")

    store = neo4j_store()
    if store is None:
        print("\n(NEO4J_URI not set: Neo4j rows skipped)")
        return
    with store:
        for size in args.batch:
            store.clear()
            t, _ = timed(partial(write_bundle, store, b, batch_size=size))
            print(f"| write | neo4j | {size} | {t:.2f} | {rows / t:,.0f} |")
        before = store.stats()
        t, _ = timed(lambda: write_bundle(store, b))
        assert store.stats() == before, "a repeated load changed the graph"
        print(f"| re-load (no change) | neo4j | 2000 | {t:.2f} | {rows / t:,.0f} |")


if __name__ == "__main__":
    main()
