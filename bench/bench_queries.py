"""Query benchmark: the query catalogue on a generated bundle, on the memory store (the
baseline) and on Neo4j, in the same run, with the same arguments. Median of --repeat calls.

    NEO4J_URI=bolt://127.0.0.1:17687 .venv/bin/python -m bench.bench_queries --enterprises 10000

The Neo4j store is cleared and loaded with the bundle first. Prints a Markdown table.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable
from functools import partial
from typing import Any

import networkx as nx

from bench.common import bundle, neo4j_store, timed
from chainatlas.graph import queries as q
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle, write_bundle


def pick_ids(memory: MemoryStore) -> dict[str, str]:
    """Deterministic subjects: the busiest supplier, one of its buyers' buyers, a needed product."""
    supplies = memory.tables[Table.SUPPLIES].values()
    g = nx.DiGraph((r["supplier_id"], r["buyer_id"]) for r in supplies)
    hub = max(sorted(g), key=g.out_degree)
    far = sorted(
        nx.single_source_shortest_path_length(g, hub, cutoff=3).items(),
        key=lambda kv: (-kv[1], kv[0]),
    )
    buyer = max(sorted(g), key=g.in_degree)
    product = sorted(memory.tables[Table.NEEDS].values(), key=lambda r: r["product_id"])[0][
        "product_id"
    ]
    return {"hub": hub, "far": far[0][0], "buyer": buyer, "product": product}


def cases(ids: dict[str, str]) -> list[tuple[str, Callable[[GraphStore], Any]]]:
    return [
        ("stats", lambda s: s.stats()),
        ("search 新材", lambda s: q.search(s, "新材", limit=20)),
        ("search pinyin initials", lambda s: q.search(s, "xcl", limit=20)),
        ("enterprise profile (hub)", lambda s: q.enterprise_profile(s, ids["hub"])),
        ("product profile", lambda s: q.product_profile(s, ids["product"])),
        ("match suppliers (busiest buyer)", lambda s: q.match_suppliers(s, ids["buyer"], limit=20)),
        ("match buyers (hub)", lambda s: q.match_buyers(s, ids["hub"], limit=20)),
        (
            "supply paths hub→3 hops, k=3",
            lambda s: q.supply_paths(s, ids["hub"], ids["far"], k=3, max_hops=3),
        ),
        (
            "tiers downstream depth 2",
            lambda s: q.tiers(s, Label.ENTERPRISE, ids["hub"], direction="downstream", depth=2),
        ),
        ("chain panorama polymer", lambda s: q.chain_panorama(s, "polymer")),
        ("gaps", lambda s: q.gaps(s, limit=20)),
        ("single source", lambda s: q.single_source(s, limit=20)),
        ("impact of hub, 3 tiers", lambda s: q.impact(s, enterprise_id=ids["hub"], max_tiers=3)),
        ("centrality degree", lambda s: q.centrality(s, measure="degree", limit=20)),
    ]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()

    b = read_bundle(bundle(args.enterprises, args.seed))
    memory = MemoryStore()
    write_bundle(memory, b)
    neo = neo4j_store()
    if neo is not None:
        neo.clear()
        write_bundle(neo, b)
    ids = pick_ids(memory)
    print(f"bundle: {args.enterprises} enterprises, seed {args.seed}; subjects {ids}\n")
    print("| query | memory ms (baseline) | neo4j ms | same answer |")
    print("|---|---:|---:|:---:|")
    for name, fn in cases(ids):
        fn(memory)  # warm the derived graph
        t_mem, a_mem = timed(partial(fn, memory), repeat=args.repeat)
        if neo is None:
            print(f"| {name} | {t_mem * 1000:.1f} | — | — |")
            continue
        fn(neo)
        t_neo, a_neo = timed(partial(fn, neo), repeat=args.repeat)
        same = "yes" if a_mem == a_neo else "NO"
        print(f"| {name} | {t_mem * 1000:.1f} | {t_neo * 1000:.1f} | {same} |")
    if neo is not None:
        neo.close()


if __name__ == "__main__":
    main()
