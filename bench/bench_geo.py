"""Geo benchmark: ``/api/geo`` size and time, and the first draw of ``/geo`` in headless
Chromium, for the demo (155 firms, the baseline in the same run) and generated bundles.

    .venv/bin/python -m bench.bench_geo --enterprises 10000 100000

Each level runs the real server (``chainatlas serve --data BUNDLE``, embedded store) in its own
process. "answer" is ``GET /api/geo`` (points and outlines) and ``GET /api/geo?flows=1`` (with
the default ``flow_limit`` of 5,000 lines) as the server sends them, timed over HTTP (median of
``--runs`` after the first call, which computes and encodes the answer once for this version
of the graph). "fetch" and "draw" are what the page records (``AtlasGeo.perf``): the request and
JSON parse, then the first canvas draw; "ready" is from navigation start to the page marking
itself drawn. Prints a Markdown table; bench/README.md records it.
"""

from __future__ import annotations

import argparse
import statistics
import time
from typing import Any
from urllib.request import urlopen

from bench.bench_views import ARGS, CHROMIUM, serving
from bench.common import bundle
from chainatlas.loaders.demo import demo_bundle_path

READY = "body[data-geo-ready='1']"


def answer(base: str, query: str, runs: int) -> tuple[int, float, float]:
    """Bytes of one answer, the seconds of the first call (computed and encoded) and the
    median seconds of ``runs`` more (the same version of the graph: served from the cache)."""
    times, size = [], 0
    for _ in range(runs + 1):
        t = time.perf_counter()
        size = len(urlopen(base + "/api/geo" + query, timeout=600).read())
        times.append(time.perf_counter() - t)
    return size, times[0], statistics.median(times[1:])


def page(browser: Any, url: str, runs: int) -> dict[str, float]:
    """Median fetch, first draw and navigation-to-ready times (ms) over ``runs`` fresh pages."""
    fetch, draw, ready = [], [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = context.new_page()
        pg.goto(url, wait_until="commit")
        pg.wait_for_selector(READY, state="attached", timeout=600_000)
        perf = pg.evaluate("AtlasGeo.perf")
        fetch.append(perf["fetchMs"])
        draw.append(perf["drawMs"])
        ready.append(pg.evaluate("performance.now()"))
        context.close()
    return {
        k: statistics.median(v) for k, v in (("fetch", fetch), ("draw", draw), ("ready", ready))
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--enterprises", type=int, nargs="*", default=[10_000])
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    levels = [("demo (baseline)", demo_bundle_path())]
    levels += [(f"generated {n:,}", bundle(n, args.seed)) for n in args.enterprises]
    print(
        "| bundle | /api/geo | bytes | first s | again s | /geo fetch ms | first draw ms "
        "| ready ms |"
    )
    print("|---|---|---:|---:|---:|---:|---:|---:|")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        for name, path in levels:
            with serving(path) as base:
                points = answer(base, "", args.runs)
                flows = answer(base, "?flows=1", args.runs)
                drawn = page(browser, base + "/geo", args.runs)
            print(f"| {name} | points | {points[0]:,} | {points[1]:.2f} | {points[2]:.2f} | | | |")
            print(
                f"| {name} | flows=1 | {flows[0]:,} | {flows[1]:.2f} | {flows[2]:.2f} "
                f"| {drawn['fetch']:.0f} | {drawn['draw']:.0f} | {drawn['ready']:.0f} |"
            )
        browser.close()


if __name__ == "__main__":
    main()
