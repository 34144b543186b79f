"""Service benchmark: 32 clients on a mixed read load against a real ``chainatlas serve``.

    .venv/bin/python -m bench.bench_service --enterprises 5000 --clients 32 --seconds 60
    .venv/bin/python -m bench.bench_service --enterprises 100000 --workers 2 --no-baseline
    NEO4J_URI=bolt://… .venv/bin/python -m bench.bench_service --store neo4j --workers 2 …

``--workers N`` serves with ``chainatlas serve --workers N`` (each worker its own copy of the
bundle, or one Neo4j); ``--store neo4j`` serves the database at ``NEO4J_URI`` as it is (load
the same bundle first: ``chainatlas load bench/out/bundle-<n>-7``). The table records the
server's resident memory (every process of it) after the run.

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
import re
import socket
import statistics
import subprocess
import sys
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import psutil

from bench.common import bundle, neo4j_store, no_client_pauses

#: a firm id in a request's path or query
FIRM = re.compile(r"E\d+")
GLOBAL = [
    "/api/chains",
    "/api/chains/polymer",
    "/api/gaps",
    "/api/risk/single-source",
    "/api/analytics/centrality?measure=betweenness",
    "/api/targets/fill",
    "/api/targets/strengthen",
    "/api/targets/extend",
]
#: what the warm-up asks: the global answers, and the headline counts, which are cached per
#: version as well (a count of every firm and edge, seconds at 100,000 firms: left out, its
#: first computation fell inside the measured minute and made /api/stats' p99 6.6-8.4 s)
WARM = [*GLOBAL, "/api/stats"]


def warm(base: str, workers: int) -> float:
    """Seconds until every answer of :data:`WARM` was asked ``2 × workers`` times at once (so that
    each worker most likely computed its own: uvicorn's workers take connections as they come)."""
    started = time.monotonic()

    def ask() -> None:
        with httpx.Client(base_url=base, timeout=3600) as c:
            for path in WARM:
                c.get(path).raise_for_status()

    threads = [threading.Thread(target=ask) for _ in range(2 * workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    return time.monotonic() - started


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
    #: what each error was: ``(status or exception name, path)`` → count
    failures: Counter[tuple[str, str]] = field(default_factory=Counter)
    #: latencies by read (the path with its firm id replaced by ``{id}``)
    by_read: dict[str, list[float]] = field(default_factory=lambda: defaultdict(list))
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
                path = paths[i % len(paths)]
                try:
                    what = str(c.get(path).status_code)
                except httpx.HTTPError as e:
                    what = type(e).__name__
                took = time.monotonic() - started
                with run.lock:
                    run.latencies.append(took)
                    run.by_read[FIRM.sub("{id}", path)].append(took)
                    if what != "200":
                        run.errors += 1
                        run.failures[what, path.split("?")[0]] += 1
                i += 1

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    with no_client_pauses():
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return run


def _port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def _tree_sum(pid: int, measure: Callable[[psutil.Process], float]) -> float:
    """``measure`` summed over process ``pid`` and all its children (0 once it is gone)."""
    try:
        root = psutil.Process(pid)
        return sum(measure(p) for p in (root, *root.children(recursive=True)))
    except psutil.Error:
        return 0.0


def resident_mb(pid: int) -> float:
    """Resident memory of process ``pid`` and all its children, in MB."""
    return _tree_sum(pid, lambda p: p.memory_info().rss) / 2**20


def cpu_seconds(pid: int) -> float:
    """CPU time (user and system) process ``pid`` and all its children have used so far."""
    return _tree_sum(pid, lambda p: sum(p.cpu_times()[:2]))


def listening_pid(uri: str | None) -> int | None:
    """The local process listening on the port of ``uri`` (a Neo4j server's bolt address):
    whose CPU a benchmark can count beside the API's; None when it is not on this machine."""
    parts = urlsplit(uri or "")
    if parts.hostname not in ("127.0.0.1", "localhost", "::1") or parts.port is None:
        return None
    for c in psutil.net_connections(kind="tcp"):
        if c.status == psutil.CONN_LISTEN and c.laddr and c.laddr.port == parts.port and c.pid:
            return int(c.pid)
    return None


def worker_pids(pid: int) -> set[int]:
    """The worker processes serving under ``pid`` (itself when it serves alone)."""
    try:
        root = psutil.Process(pid)
        workers = [p for p in root.children() if "resource_tracker" not in " ".join(p.cmdline())]
        return {p.pid for p in workers} or {pid}
    except psutil.Error:
        return set()


def worker_cpu(pid: int) -> dict[int, float]:
    """CPU seconds (user and system) each worker serving under ``pid`` has used so far, with
    its children (how evenly the clients' connections spread over the workers)."""
    return {worker: cpu_seconds(worker) for worker in worker_pids(pid)}


#: the serving process of the last :func:`serving` (for :func:`resident_mb`)
SERVER: dict[str, int] = {}
#: where the servers' output goes (each run appends), to see why a request failed
LOG = Path(__file__).parent / "out" / "bench_service.log"


@contextmanager
def serving(data: Path | None, *, workers: int = 1, **env: str) -> Iterator[str]:
    """A ``chainatlas serve`` on a free port: the bundle ``data`` on the embedded store, or
    (``data`` None) the Neo4j database at ``NEO4J_URI``."""
    if data is None:  # refused credentials answer 503 as a server still loading does: ask first
        store = neo4j_store()
        if store is None:
            raise RuntimeError("NEO4J_URI is not set: serving the Neo4j store needs its server")
        try:
            store.ping()  # StoreUnavailable naming what failed (the credentials, the server)
        finally:
            store.close()
    port = _port()
    environ = {**os.environ, "CHAINATLAS_RATE_LIMIT": "0", **env}
    exe = Path(sys.executable).with_name("chainatlas")
    args = [str(exe), "serve", "--port", str(port), "--workers", str(workers)]
    if data is not None:
        environ.pop("NEO4J_URI", None)
        args += ["--data", str(data)]
    LOG.parent.mkdir(parents=True, exist_ok=True)
    log = LOG.open("ab")
    proc = subprocess.Popen(args, env=environ, stdout=log, stderr=subprocess.STDOUT)
    SERVER["pid"] = proc.pid
    base = f"http://127.0.0.1:{port}"
    try:
        # a province's bundle takes minutes to read; a Neo4j store answers in seconds
        deadline, last = time.monotonic() + (1800 if data is not None else 300), "no answer"
        while time.monotonic() < deadline and proc.poll() is None:
            try:
                health = httpx.get(base + "/api/health", timeout=5)
                if health.status_code == 200:
                    break
                last = f"{health.status_code} {health.text[:300]}"  # e.g. Neo4j refused us
            except httpx.HTTPError as e:
                last = repr(e)
            time.sleep(0.5)
        else:
            raise RuntimeError(f"chainatlas serve did not start (its last answer: {last}; {LOG})")
        yield base
    finally:
        proc.terminate()
        proc.wait(timeout=60)
        log.close()


def row(name: str, run: Run, seconds: float, warmup: float | None, rss: float = 0.0) -> str:
    lat = sorted(run.latencies)
    n = len(lat)
    p50 = statistics.median(lat) if lat else 0.0
    p99 = lat[min(n - 1, int(n * 0.99))] if lat else 0.0
    warm = "—" if warmup is None else f"{warmup:.1f}"
    return (
        f"| {name} | {warm} | {n} | {n / seconds:.1f} | {p50 * 1000:.0f} | {p99 * 1000:.0f} | "
        f"{run.errors} | {rss:.0f} |"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=5000)
    ap.add_argument("--clients", type=int, default=32)
    ap.add_argument("--seconds", type=float, default=60.0)
    ap.add_argument("--timeout", type=float, default=120.0)
    ap.add_argument("--no-baseline", action="store_true")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument("--store", choices=["memory", "neo4j"], default="memory")
    args = ap.parse_args()
    data = bundle(args.enterprises, 7)
    served = data if args.store == "memory" else None
    with (data / "enterprises.csv").open(encoding="utf-8") as fh:
        firms = [r["id"] for r in csv.DictReader(fh)]
    print(
        f"{args.clients} clients, {args.seconds:g} s, {len(firms)} firms; "
        f"{os.cpu_count()} CPUs (load average {os.getloadavg()[0]:.1f}), "
        f"Python {platform.python_version()}; {args.store} store, {args.workers} worker(s)\n"
    )
    print("| run | warm-up s | requests | requests/s | p50 ms | p99 ms | errors | server MB |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|")
    with serving(served, workers=args.workers) as base:
        warmup = warm(base, args.workers)
        before = worker_pids(SERVER["pid"])
        cached = load(base, firms, args.clients, args.seconds, args.timeout)
        rss = resident_mb(SERVER["pid"])
        after = worker_pids(SERVER["pid"])
    print(row("cached (default)", cached, args.seconds, warmup, rss), flush=True)
    runs = [cached]
    if not args.no_baseline:
        with serving(served, workers=args.workers, CHAINATLAS_ANALYTICS_CACHE="0") as base:
            runs.append(load(base, firms, args.clients, args.seconds, args.timeout))
        print(row("baseline: cache off", runs[-1], args.seconds, None))
    print(
        f"\nworkers: {len(before)} after warm-up, {len(before & after)} of them still serving after"
    )
    print(f"the cached run ({len(after - before)} respawned); server output: {LOG}")
    for run in runs:
        for (what, path), n in sorted(run.failures.items()):
            print(f"- {n} × {what} {path}")
    print("\n| read (cached run) | requests | p50 ms | p99 ms |\n|---|---:|---:|---:|")
    for read, lat in sorted(cached.by_read.items(), key=lambda kv: -statistics.median(kv[1])):
        lat.sort()
        p99 = lat[min(len(lat) - 1, int(len(lat) * 0.99))]
        print(f"| `{read}` | {len(lat)} | {statistics.median(lat) * 1000:.0f} | {p99 * 1000:.0f} |")


if __name__ == "__main__":
    main()
