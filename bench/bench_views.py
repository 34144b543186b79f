"""View benchmark: first draw of the map and of 2,000-node views in headless Chromium, with the
server's precomputed layout (physics off) against vis-network's own physics layout (pyvis's
defaults: positions left to the browser, Barnes–Hut, 1,000 stabilisation iterations) measured
in the same run.

    .venv/bin/python -m bench.bench_views            # Chromium from /usr/bin/chromium

"first draw" is what the page itself records (``Atlas.perf.firstDrawMs``): ``performance.now()``
from just before ``new vis.Network(...)`` until its first ``afterDrawing`` event. "page" is
from navigation start to that same event (HTML, vis-network and our scripts parsed, data read).
Each figure is the median of ``--runs`` fresh page loads. Prints a Markdown table; the figures
in docs/performance.md come from this command.
"""

from __future__ import annotations

import argparse
import os
import platform
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, cast
from urllib.request import urlopen

from bench.common import bundle, timed
from chainatlas.graph.queries.chains import chains_of, full_map
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store
from chainatlas.viz import ViewData, build_view, render_standalone
from chainatlas.viz.layout import Lane
from chainatlas.viz.viewdata import VisNode

CHROMIUM = os.environ.get("CHAINATLAS_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
DRAWN = "body[data-drawn='1']"


@contextmanager
def serving(bundle_path: Path, start_timeout: float = 1800) -> Iterator[str]:
    """The real server, ``chainatlas serve --data BUNDLE``, in its own process on a free
    loopback port with anonymous reading; stopped (SIGTERM) at the end. A 100,000-firm bundle
    takes minutes to load: ``start_timeout`` seconds are allowed before giving up."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "CHAINATLAS_"))}
    env |= {"CHAINATLAS_ANONYMOUS_READ": "true", "CHAINATLAS_HOME": tempfile.mkdtemp()}
    cmd = [sys.executable, "-m", "chainatlas", "serve", "--host", "127.0.0.1"]
    proc = subprocess.Popen(
        [*cmd, "--port", str(port), "--data", str(bundle_path)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + start_timeout
        while True:
            try:
                urlopen(base + "/api/health", timeout=2).read()
                break
            except OSError:
                if proc.poll() is not None or time.monotonic() > deadline:
                    proc.kill()  # its stderr ends only when it does: reading it waits for that
                    proc.wait()
                    err = proc.stderr.read().decode() if proc.stderr else ""
                    raise RuntimeError(f"chainatlas serve did not start: {err[-2000:]}") from None
                time.sleep(0.1)
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def physics_baseline(view: ViewData) -> ViewData:
    """The same view as pyvis would hand it to vis-network: no positions, physics on."""
    # VisNode always carries a position; this baseline drops it on purpose (vis-network then
    # places the nodes itself), which the page's script accepts
    nodes = cast(
        list[VisNode], [{k: v for k, v in n.items() if k not in ("x", "y")} for n in view.nodes]
    )
    options = dict(view.options)
    options["physics"] = {
        "enabled": True,
        "solver": "barnesHut",
        "barnesHut": {
            "gravitationalConstant": -80000,
            "centralGravity": 0.3,
            "springLength": 250,
            "springConstant": 0.001,
            "damping": 0.09,
            "avoidOverlap": 0,
        },
        "stabilization": {"enabled": True, "iterations": 1000, "fit": True},
    }
    options["layout"] = {"improvedLayout": True, "randomSeed": 7}  # vis-network's default
    lanes: list[Lane] = []  # lanes describe the server's layout; none here
    return ViewData(nodes, view.edges, options, lanes, view.legend, {**view.meta, "physics": True})


def measure(browser: Any, url: str, runs: int, timeout_ms: int = 180_000) -> dict[str, float]:
    """Median first draw and page-to-draw times (ms) over ``runs`` fresh pages."""
    first, page = [], []
    for _ in range(runs):
        context = browser.new_context(viewport={"width": 1400, "height": 900})
        pg = context.new_page()
        pg.goto(url, wait_until="commit")
        pg.wait_for_selector(DRAWN, state="attached", timeout=timeout_ms)
        perf = pg.evaluate("Atlas.perf")
        first.append(perf["firstDrawMs"])
        page.append(perf["drawnAt"])
        context.close()
    return {
        "first": statistics.median(first),
        "page": statistics.median(page),
        "min": min(first),
        "max": max(first),
    }


def main() -> None:
    ap = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument(
        "--enterprises",
        type=int,
        default=1650,
        help="firms in the generated bundle (1650 gives a map of about 2,000 nodes)",
    )
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    from playwright.sync_api import sync_playwright

    demo_path, big_path = demo_bundle_path(), bundle(args.enterprises, args.seed)
    demo, big = bundle_store(demo_path), bundle_store(big_path)
    big_graph = full_map(big, chains_of(big))
    rows: list[tuple[str, int, int, str, dict[str, float]]] = []
    server: list[tuple[str, float]] = []

    t, view_force = timed(lambda: build_view(big_graph, layout="force"))
    server.append((f"build_view force, {len(big_graph['nodes'])} nodes (first call)", t))
    t, _ = timed(lambda: build_view(big_graph, layout="force"), repeat=3)
    server.append(("build_view force, same graph again (layout cached)", t))
    t, view_stages = timed(lambda: build_view(big_graph, layout="stages"), repeat=3)
    server.append(("build_view stages (panorama layout)", t))
    t, _ = timed(lambda: render_standalone(view_force, title="bench"), repeat=3)
    server.append(("render_standalone (everything inlined)", t))

    with tempfile.TemporaryDirectory() as tmp, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        files = {}
        for name, view in (
            ("force", view_force),
            ("force-physics", physics_baseline(view_force)),
            ("stages-physics", physics_baseline(view_stages)),
        ):
            path = Path(tmp) / f"{name}.html"
            path.write_text(render_standalone(view, title=name), encoding="utf-8")
            files[name] = path.as_uri()
        with serving(demo_path) as base:
            t, _ = timed(lambda: urlopen(base + "/map").read(), repeat=5)
            server.append(("GET /map, demo (query + layout + HTML)", t))
            demo_graph = full_map(demo, chains_of(demo))
            demo_nodes, demo_edges = len(demo_graph["nodes"]), len(demo_graph["edges"])
            rows.append(
                (
                    "demo map `/map`",
                    demo_nodes,
                    demo_edges,
                    "precomputed stages, physics off",
                    measure(browser, base + "/map", args.runs),
                )
            )
            demo_view = build_view(demo_graph, layout="stages")
            path = Path(tmp) / "demo-physics.html"
            path.write_text(
                render_standalone(physics_baseline(demo_view), title="demo"), encoding="utf-8"
            )
            rows.append(
                (
                    "demo map, baseline",
                    demo_nodes,
                    demo_edges,
                    "vis physics (pyvis defaults)",
                    measure(browser, path.as_uri(), args.runs),
                )
            )
        with serving(big_path) as base:
            t, _ = timed(lambda: urlopen(base + "/map").read(), repeat=3)
            server.append((f"GET /map, generated {args.enterprises} firms", t))
            n, e = len(big_graph["nodes"]), len(big_graph["edges"])
            rows.append(
                (
                    "generated map `/map`",
                    n,
                    e,
                    "precomputed stages, physics off",
                    measure(browser, base + "/map", args.runs),
                )
            )
        n, e = len(big_graph["nodes"]), len(big_graph["edges"])
        rows.append(
            (
                "generated map, baseline",
                n,
                e,
                "vis physics (pyvis defaults)",
                measure(browser, files["stages-physics"], max(1, args.runs // 2)),
            )
        )
        rows.append(
            (
                "generated, force view",
                n,
                e,
                "precomputed force, physics off",
                measure(browser, files["force"], args.runs),
            )
        )
        rows.append(
            (
                "generated, force baseline",
                n,
                e,
                "vis physics (pyvis defaults)",
                measure(browser, files["force-physics"], max(1, args.runs // 2)),
            )
        )
        version = browser.version
        browser.close()

    print(
        f"Chromium {version}, Python {platform.python_version()}, {os.cpu_count()} CPUs; "
        f"median of {args.runs} page loads (baselines of 2,000 nodes: {max(1, args.runs // 2)})\n"
    )
    print("| view | nodes | edges | layout | first draw ms | page → draw ms | min–max ms |")
    print("|---|---:|---:|---|---:|---:|---:|")
    for name, n, e, how, m in rows:
        print(
            f"| {name} | {n:,} | {e:,} | {how} | {m['first']:.0f} | {m['page']:.0f} | "
            f"{m['min']:.0f}–{m['max']:.0f} |"
        )
    print("\n| server step | seconds |\n|---|---:|")
    for name, t in server:
        print(f"| {name} | {t:.3f} |")


if __name__ == "__main__":
    main()
