"""Supply paths with bounded work (graph/queries/corridor.py) against the stores' own
unbounded search (the baseline: ``GraphStore.supply_paths``, the networkx walk embedded and
the ``{1,6}`` quantified path pattern on Neo4j), same run, same pairs, same answer checked.

    .venv/bin/python -m bench.bench_paths --enterprises 10000
    NEO4J_URI=bolt://127.0.0.1:17814 .venv/bin/python -m bench.bench_paths --store neo4j

Pairs: the busiest supplier to the firm farthest from it within 3 hops (found), and to a firm
nobody supplies (no path: the search must rule out every path, the worst case). The Neo4j
store is cleared and loaded with the bundle first. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
import os
import time
from typing import Any

from bench.bench_queries import pick_ids
from bench.common import bundle, neo4j_store
from chainatlas.graph.errors import ChainAtlasError
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Rel, Table
from chainatlas.graph.queries.corridor import bounded_paths
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle, write_bundle


def unsupplied(memory: MemoryStore) -> str:
    """The first firm (by id) that nobody supplies."""
    bought = {r["buyer_id"] for r in memory.tables[Table.SUPPLIES].values()}
    return min(r["id"] for r in memory.tables[Table.ENTERPRISES].values() if r["id"] not in bought)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--store", choices=["memory", "neo4j"], default="memory")
    ap.add_argument("--k", type=int, default=5)
    args = ap.parse_args()
    tables = read_bundle(bundle(args.enterprises, 7))
    memory = MemoryStore()
    write_bundle(memory, tables)
    store: GraphStore = memory
    if args.store == "neo4j":
        neo = neo4j_store()
        assert neo is not None, "set NEO4J_URI"
        neo.clear()
        write_bundle(neo, tables)
        store = neo
    ids = pick_ids(memory)
    hub, pairs = ids["hub"], {"found": ids["far"], "no path": unsupplied(memory)}
    print(
        f"{args.enterprises} firms, {args.store} store, k = {args.k}, {os.cpu_count()} CPUs, "
        f"load average {os.getloadavg()[0]:.1f}; hub {hub}, targets {pairs}\n"
    )
    store.supply_paths(hub, pairs["found"], max_hops=1, limit=1)  # warm the derived graph
    print("| pair | max hops | store ms (baseline) | bounded ms | paths | complete | same |")
    print("|---|---:|---:|---:|---:|:---:|:---:|")
    for name, target in pairs.items():
        for hops in (3, 4, 6):
            t0 = time.perf_counter()
            try:
                base: Any = store.supply_paths(hub, target, max_hops=hops, limit=args.k)
            except ChainAtlasError as e:
                base = e
            t_base = time.perf_counter() - t0
            t0 = time.perf_counter()
            found, complete = bounded_paths(
                store, Rel.SUPPLIES, hub, target, max_hops=hops, limit=args.k
            )
            t_bound = time.perf_counter() - t0
            mine = [{"nodes": n, "products": k} for n, k in found]
            same = "—" if isinstance(base, Exception) else ("yes" if base == mine else "NO")
            shown = f"{type(base).__name__}" if isinstance(base, Exception) else ""
            print(
                f"| {name} | {hops} | {t_base * 1000:.0f} {shown} | {t_bound * 1000:.0f} | "
                f"{len(found)} | {'yes' if complete else 'no'} | {same} |",
                flush=True,
            )


if __name__ == "__main__":
    main()
