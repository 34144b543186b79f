"""Service benchmark: 32 clients on a mixed read load against a real ``chainatlas serve``.

    .venv/bin/python -m bench.bench_service --enterprises 5000 --clients 32 --seconds 60

Generates (or reuses) a bundle of ``--enterprises`` firms (``chainatlas generate``, seed 7),
serves it with ``chainatlas serve --data`` (the embedded store) on a free port, and runs
``--clients`` threads that each send one request after another for ``--seconds`` seconds,
cycling through a mix of reads: stats, search, firm profiles, suppliers, matchmaking, the
chains overview, gaps, single-source products and centrality (firm ids drawn from the bundle
with a fixed seed). Each run records requests/s, p50/p99 latency and errors (any status but
200, or no answer within ``--timeout`` seconds).

Runs, same load, same run: **cached** (the default settings; one warm-up request per global
answer first, as the first caller after a load would make) and **baseline** with
``CHAINATLAS_ANALYTICS_CACHE=0`` (every global answer computed per request, as before issue
12). Request rate limits are off for both (``CHAINATLAS_RATE_LIMIT=0``: all clients share
one address). Prints a Markdown table (bench/README.md).
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import random
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bench.common import bundle

GLOBAL = [
    "/api/chains",
    "/api/gaps",
    "/api/risk/single-source",
    "/api/analytics/centrality?measure=betweenness",
]


def mix(firms: list[str], seed: int) -> list[str]:
    """The cycle of paths one client walks (a shuffled mix of cheap and global reads)."""
    rng = random.Random(seed)
    paths = []
    for _ in range(6):
        e = rng.choice(firms)
        paths += [
            "/api/stats",
            f"/api/search?q={e}",
            f"/api/enterprises/{e}",
            f"/api/enterprises/{e}/suppliers",
            f"/api/match/suppliers?enterprise={e}",
        ]
    paths += GLOBAL
    rng.shuffle(paths)
    return paths


@dataclass
class Run:
    latencies: list[float] = field(default_factory=list)
    errors: int = 0
    lock: threading.Lock = field(default_factory=threading.Lock)


def load(base: str, firms: list[str], clients: int, seconds: float, timeout: float) -> Run:
    run = Run()
    stop = time.monotonic() + seconds

    def client(n: int) -> None:
        paths = mix(firms, n)
        with httpx.Client(base_url=base, timeout=timeout) as c:
            i = 0
            while time.monotonic() < stop:
                started = time.monotonic()
                try:
                    ok = c.get(paths[i % len(paths)]).status_code == 200
                except httpx.HTTPError:
                    ok = False
                with run.lock:
                    run.latencies.append(time.monotonic() - started)
                    run.errors += not ok
                i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return run


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(data: Path, **env: str) -> Iterator[str]:
    port = _port()
    environ = {**os.environ, "CHAINATLAS_RATE_LIMIT": "0", **env}
    environ.pop("NEO4J_URI", None)
    exe = Path(sys.executable).with_name("chainatlas")
    proc = subprocess.Popen(
        [str(exe), "serve", "--port", str(port), "--data", str(data)],
        env=environ,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 300
        while time.monotonic() < deadline:
            try:
                if httpx.get(base + "/api/health", timeout=5).status_code == 200:
                    break
            except httpx.HTTPError:
                time.sleep(0.5)
        else:
            raise RuntimeError("chainatlas serve did not start")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=60)


def row(name: str, run: Run, seconds: float, warmup: float | None) -> str:
    lat = sorted(run.latencies)
    n = len(lat)
    p50 = statistics.median(lat) if lat else 0.0
    p99 = lat[min(n - 1, int(n * 0.99))] if lat else 0.0
    warm = "—" if warmup is None else f"{warmup:.1f}"
    return (
        f"| {name} | {warm} | {n} | {n / seconds:.1f} | {p50 * 1000:.0f} | {p99 * 1000:.0f} | "
        f"{run.errors} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--no-baseline", action="store_true")
    args = ap.parse_args()
    data = bundle(args.enterprises, 7)
    with (data / "enterprises.csv").open(encoding="utf-8") as fh:
        firms = [r["id"] for r in csv.DictReader(fh)]
    print(
        f"{args.clients} clients, {args.seconds:g} s, {len(firms)} firms; "
        f"{os.cpu_count()} CPUs, Python {platform.python_version()}\n"
    )
    print("| run | warm-up s | requests | requests/s | p50 ms | p99 ms | errors |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    with serving(data) as base:
        started = time.monotonic()
        for path in GLOBAL:
            httpx.get(base + path, timeout=600).raise_for_status()
        warmup = time.monotonic() - started
        cached = load(base, firms, args.clients, args.seconds, args.timeout)
    print(row("cached (default)", cached, args.seconds, warmup), flush=True)
    if not args.no_baseline:
        with serving(data, CHAINATLAS_ANALYTICS_CACHE="0") as base:
            baseline = load(base, firms, args.clients, args.seconds, args.timeout)
        print(row("baseline: cache off", baseline, args.seconds, None))


if __name__ == "__main__":
    main()
