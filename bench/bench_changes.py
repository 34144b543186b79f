"""Change-set benchmark: what one atomic change set per load costs against the plain load.

On a generated bundle, for each store: the plain load (no change set: Neo4j commits every
batch on its own, the pre-change-set behaviour and the baseline), the same load as one change
set (Neo4j: one transaction for the whole load; embedded: plus the save of the file), a
repeated load (nothing changes, nothing is recorded), a load where 1 % of the supplies
changed volume, and the revert of that change set.

    NEO4J_URI=bolt://127.0.0.1:18210 .venv/bin/python -m bench.bench_changes --enterprises 10000

Prints a Markdown table; the figures in bench/README.md and docs/changes.md come from it.
"""

from __future__ import annotations

import argparse
import platform
import tempfile
from pathlib import Path

from bench.common import bundle, neo4j_store, timed
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.revert import revert
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import Bundle, Change, read_bundle, write_bundle

CHANGE = Change("bench", "bundle", "0" * 64)


def tweaked(b: Bundle) -> Bundle:
    """``b`` with every 100th supply's volume doubled."""
    tables = dict(b.tables)
    tables[Table.SUPPLIES] = [
        {**r, "volume": (r.get("volume") or 1) * 2} if i % 100 == 0 else r
        for i, r in enumerate(b.tables[Table.SUPPLIES])
    ]
    return Bundle(b.name, tables, b.warnings)


def run(store: GraphStore, b: Bundle, rows: int, save: Path | None) -> list[str]:
    kind = store.kind
    out = []

    def line(step: str, seconds: float, n: int = rows) -> None:
        out.append(f"| {step} | {kind} | {seconds:.2f} | {n / seconds:,.0f} |")

    plain = MemoryStore() if save else store
    store.clear()
    t, _ = timed(lambda: write_bundle(plain, b))
    line("load, no change set (baseline)", t)
    store.clear()

    def as_change_set() -> None:
        write_bundle(store, b, change=CHANGE)
        if save:
            store.commit(save)

    t, _ = timed(as_change_set)
    line("load as one change set" + (" + save" if save else " (one transaction)"), t)
    t, report = timed(lambda: write_bundle(store, b, change=CHANGE))
    assert report.change_set is None, "a repeated load recorded a change set"
    line("repeated load (no change, none recorded)", t)
    t2 = tweaked(b)
    t, report = timed(lambda: write_bundle(store, t2, change=CHANGE))
    changed = report.change_set["counts"]["supplies"]["changed"]
    line(f"load changing {changed} supplies", t)
    head = store.head()
    t, _ = timed(lambda: revert(store, head, author="bench"))
    line(f"revert of those {changed} changes", t, changed)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    b = read_bundle(bundle(args.enterprises, args.seed))
    rows = sum(len(r) for r in b.tables.values())
    print(f"bundle: {args.enterprises} enterprises, {rows} rows ({platform.python_version()})\n")
    print("| step | store | seconds | rows/s |")
    print("|---|---|---:|---:|")
    with tempfile.TemporaryDirectory() as tmp:
        for line in run(MemoryStore(), b, rows, Path(tmp) / "graph.json"):
            print(line)
    store = neo4j_store()
    if store is None:
        print("\n(NEO4J_URI not set: Neo4j rows skipped)")
        return
    with store:
        for line in run(store, b, rows, None):
            print(line)


if __name__ == "__main__":
    main()
