"""Hub answers whole (the baseline: what they answered before paging) and by the page.

In-process, embedded store: the busiest supplier's profile, its downstream tiers (depth 2)
and its impact (3 tiers), and the product with most producers and consumers; each computed
with ``limit=None`` (every item) and with the HTTP routes' default page (200 items), timed
(median of ``--runs``) and measured as the JSON bytes a client receives.

    .venv/bin/python -m bench.bench_hubs --enterprises 10000
"""

from __future__ import annotations

import argparse
import json
import os
import platform
from collections import Counter
from collections.abc import Callable
from functools import partial
from typing import Any

from bench.bench_http import subjects
from bench.common import bundle, timed
from chainatlas.graph import queries as q
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label
from chainatlas.graph.queries.window import DEFAULT_LIMIT
from chainatlas.loaders import read_bundle


def busiest_product(store: MemoryStore) -> str:
    """The product with most producers and consumers (ties by id)."""
    count: Counter[str] = Counter()
    for p in store.nodes(Label.PRODUCT):
        count[p["id"]] = 0
    ids = sorted(count)
    for row in store.producers(ids) + store.consumers(ids):
        count[row["product_id"]] += 1
    return min(count, key=lambda p: (-count[p], p))


def encoded(ask: Callable[..., Any], limit: int | None) -> str:
    """The answer as the JSON a client receives."""
    return json.dumps(ask(limit=limit), ensure_ascii=False)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    data = bundle(args.enterprises, 7)
    store = MemoryStore()
    store.write_tables(dict(read_bundle(data).tables))
    hub, product = subjects(data)["hub"], busiest_product(store)
    print(
        f"{args.enterprises} firms, embedded store, {os.cpu_count()} CPUs, Python "
        f"{platform.python_version()}, load average {os.getloadavg()[0]:.1f}; "
        f"hub {hub}, product {product}\n"
    )
    asks: dict[str, Callable[..., Any]] = {
        "profile (hub)": lambda **w: q.enterprise_profile(store, hub, **w),
        "product profile (busiest)": lambda **w: q.product_profile(store, product, **w),
        "tiers (hub, downstream 2)": lambda **w: q.tiers(
            store, Label.ENTERPRISE, hub, direction="downstream", depth=2, **w
        ),
        "impact (hub, 3 tiers)": lambda **w: q.impact(store, enterprise_id=hub, **w),
    }
    print("| answer | items | whole ms (baseline) | whole KB | page ms | page KB |")
    print("|---|---:|---:|---:|---:|---:|")
    for name, ask in asks.items():
        whole_s, whole = timed(partial(encoded, ask, None), repeat=args.runs)
        page_s, page = timed(partial(encoded, ask, DEFAULT_LIMIT), repeat=args.runs)
        answer = json.loads(page)
        items = answer.get("total", answer.get("totals"))
        print(
            f"| {name} | {items} | {whole_s * 1000:.0f} | {len(whole.encode()) / 1024:.0f} | "
            f"{page_s * 1000:.0f} | {len(page.encode()) / 1024:.0f} |",
            flush=True,
        )


if __name__ == "__main__":
    main()
