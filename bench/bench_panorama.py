"""The chain panorama's first call (no cache) per chain, on the embedded store (baseline) and
on Neo4j, same run, same answer checked: what the first caller after a write pays.

    NEO4J_URI=bolt://127.0.0.1:17814 .venv/bin/python -m bench.bench_panorama --enterprises 10000

The Neo4j store is cleared and loaded with the bundle first (skipped with ``--no-load`` when
it holds that bundle already). Prints a Markdown table; median of ``--repeat`` calls.
"""

from __future__ import annotations

import argparse
import os
from functools import partial

from bench.common import bundle, neo4j_store, timed
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label
from chainatlas.graph.queries.chains import chain_panorama
from chainatlas.loaders import read_bundle, write_bundle


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--no-load", action="store_true")
    args = ap.parse_args()
    tables = read_bundle(bundle(args.enterprises, 7))
    memory = MemoryStore()
    write_bundle(memory, tables)
    neo = neo4j_store()
    assert neo is not None, "set NEO4J_URI"
    if not args.no_load:
        neo.clear()
        write_bundle(neo, tables)
    print(
        f"{args.enterprises} firms, {os.cpu_count()} CPUs, load average "
        f"{os.getloadavg()[0]:.1f}\n\n| chain | firms | memory ms (baseline) | neo4j ms | same |"
    )
    print("|---|---:|---:|---:|:---:|")
    for chain in sorted(c["id"] for c in memory.nodes(Label.CHAIN)):
        t_mem, a_mem = timed(partial(chain_panorama, memory, chain), repeat=args.repeat)
        t_neo, a_neo = timed(partial(chain_panorama, neo, chain), repeat=args.repeat)
        firms = sum(s.get("firm_count", len(s["firms"])) for s in a_mem["stages"])
        print(
            f"| {chain} | {firms} | {t_mem * 1000:.0f} | {t_neo * 1000:.0f} | "
            f"{'yes' if a_mem == a_neo else 'NO'} |",
            flush=True,
        )
    neo.close()


if __name__ == "__main__":
    main()
