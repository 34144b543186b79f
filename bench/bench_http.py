"""HTTP query benchmark: each read of issue 13's list through a real ``chainatlas serve``, its
first call timed alone, then ``--clients`` clients asking it ``--requests`` times each at once.

    .venv/bin/python -m bench.bench_http --enterprises 10000
    .venv/bin/python -m bench.bench_http --enterprises 100000 --workers 2
    NEO4J_URI=bolt://127.0.0.1:17825 .venv/bin/python -m bench.bench_http --enterprises 100000 \\
        --store neo4j            # the database must hold bench/out/bundle-100000-7 already
    NEO4J_URI=... .venv/bin/python -m bench.bench_http --enterprises 1000000 --seed 0 \
        --store neo4j --first-timeout 900      # a province: bound each first call

The subjects come from the bundle's CSV files (no store in this process): the busiest supplier
(hub: profile, tiers, impact, paths from it, the buyers it could sell to: the heaviest match,
its products' many buyers against its many partners), the busiest buyer (its suppliers), a firm
three supply steps from the hub (paths to it). The first call of a global answer computes it
for this version of the graph (then cached per worker); the first call of a local read only
warms the connection. Each row says whether its target holds: p99 ≤ 100 ms for local reads,
≤ 300 ms for global answers after their first call (issue 13). Each row also gives the CPU time
the server (every process of it) used per request while hammered: with N clients on one
process, p50 is about N times it; and each worker's share of that CPU, most first ("50/50": the
clients' connections spread evenly over two workers). With ``--store neo4j`` and the database
on this machine (``NEO4J_URI`` on 127.0.0.1), the database server's CPU per request too; and
the clients' own (this process): all three share the cores. Prints a Markdown table and the
server's resident memory at the end.
"""

from __future__ import annotations

import argparse
import csv
import itertools
import os
import platform
import threading
import time
from collections import Counter, defaultdict, deque
from pathlib import Path

import httpx

from bench.bench_service import (
    SERVER,
    cpu_seconds,
    listening_pid,
    resident_mb,
    serving,
    worker_cpu,
)
from bench.common import bundle, no_client_pauses

LOCAL_MS, GLOBAL_MS = 100, 300


def subjects(data: Path) -> dict[str, str]:
    """Deterministic subjects from ``supplies.csv`` (ties by id)."""
    out_deg: Counter[str] = Counter()
    in_deg: Counter[str] = Counter()
    buyers: dict[str, set[str]] = defaultdict(set)
    with (data / "supplies.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            out_deg[r["supplier_id"]] += 1
            in_deg[r["buyer_id"]] += 1
            buyers[r["supplier_id"]].add(r["buyer_id"])
    hub = min(out_deg, key=lambda f: (-out_deg[f], f))
    buyer = min(in_deg, key=lambda f: (-in_deg[f], f))
    dist, todo = {hub: 0}, deque([hub])
    while todo:
        f = todo.popleft()
        if dist[f] == 3:
            continue
        for b in buyers[f]:
            if b not in dist:
                dist[b] = dist[f] + 1
                todo.append(b)
    far = min(dist, key=lambda f: (-dist[f], f))
    return {"hub": hub, "buyer": buyer, "far": far}


def words(data: Path, n: int) -> list[str]:
    """``n`` different words of two characters from the firms' names (the two after the place,
    福博 of 上虞福博微电子有限公司), in file order: searches no server has kept an answer of."""
    found: dict[str, None] = {}
    with (data / "enterprises.csv").open(encoding="utf-8") as fh:
        for r in csv.DictReader(fh):
            word = r["name"][2:4]
            if len(word) == 2 and not word.isascii():
                found[word] = None
                if len(found) == n:
                    break
    return list(found)


def firms(data: Path, n: int) -> list[str]:
    """``n`` firms spread evenly over ``enterprises.csv`` (every k-th row, in file order): the
    typical firm rather than the hub, and a different one on each request."""
    with (data / "enterprises.csv").open(encoding="utf-8") as fh:
        ids = [r["id"] for r in csv.DictReader(fh)]
    step = max(1, len(ids) // n)
    return ids[::step][:n]


def queries(
    ids: dict[str, str], new_words: list[str], spread: list[str]
) -> list[tuple[str, int, str | list[str]]]:
    """(name, p99 target in ms, path or paths asked in turn) for every read of the issue's
    list, after the baseline: the health check, which reads nothing (what any request costs
    this server and clients)."""
    hub, buyer, far = ids["hub"], ids["buyer"], ids["far"]
    profiles = [f"/api/enterprises/{f}" for f in spread]
    suppliers = [f"/api/match/suppliers?enterprise={f}" for f in spread]
    down = f"/api/enterprises/{hub}/tiers?direction=downstream&depth=2"
    return [
        ("baseline: health", LOCAL_MS, "/api/health"),
        ("search 新材", LOCAL_MS, "/api/search?q=新材"),
        ("search, a new word each request", LOCAL_MS, [f"/api/search?q={w}" for w in new_words]),
        ("profile (hub)", LOCAL_MS, f"/api/enterprises/{hub}"),
        ("profile, a different firm each request", LOCAL_MS, profiles),
        ("match suppliers (busiest buyer)", LOCAL_MS, f"/api/match/suppliers?enterprise={buyer}"),
        ("match suppliers, a different firm each request", LOCAL_MS, suppliers),
        ("match buyers (hub)", LOCAL_MS, f"/api/match/buyers?enterprise={hub}"),
        ("supply paths hub→far, k=5", LOCAL_MS, f"/api/paths/supply?source={hub}&target={far}&k=5"),
        ("tiers (hub, downstream 2)", LOCAL_MS, down),
        ("impact (hub, 3 tiers)", LOCAL_MS, f"/api/risk/impact?enterprise={hub}"),
        ("chain panorama polymer", GLOBAL_MS, "/api/chains/polymer"),
        ("chains overview", GLOBAL_MS, "/api/chains"),
        ("gaps", GLOBAL_MS, "/api/gaps"),
        ("single source", GLOBAL_MS, "/api/risk/single-source"),
        ("centrality betweenness", GLOBAL_MS, "/api/analytics/centrality?measure=betweenness"),
        ("centrality degree", GLOBAL_MS, "/api/analytics/centrality?measure=degree"),
        ("补链 fill targets", GLOBAL_MS, "/api/targets/fill"),
        ("强链 strengthen", GLOBAL_MS, "/api/targets/strengthen"),
        ("延链 extend targets", GLOBAL_MS, "/api/targets/extend"),
    ]  # fmt: skip


def hammer(
    base: str, paths: list[str], clients: int, requests: int, *, keep_alive: bool = True
) -> tuple[list[float], int, int]:
    """Latencies (s) of ``clients`` threads each asking ``requests`` times, the ``paths`` in
    turn (each request on a connection of its own unless ``keep_alive``); errors; bytes of the
    largest answer."""
    lat: list[float] = []
    errors, size = 0, 0
    lock = threading.Lock()
    turn = itertools.cycle(paths)

    def client() -> None:
        nonlocal errors, size
        kept = None if keep_alive else 0  # 0: a connection closes after its request
        limits = httpx.Limits(max_keepalive_connections=kept)
        with httpx.Client(base_url=base, timeout=600, limits=limits) as c:
            for _ in range(requests):
                with lock:
                    path = next(turn)
                t = time.perf_counter()
                try:
                    r = c.get(path)
                    ok, n = r.status_code == 200, len(r.content)
                except httpx.HTTPError:
                    ok, n = False, 0
                with lock:
                    lat.append(time.perf_counter() - t)
                    errors += not ok
                    size = max(size, n)

    threads = [threading.Thread(target=client) for _ in range(clients)]
    with no_client_pauses():
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    return sorted(lat), errors, size


def shares(used: dict[int, float]) -> str:
    """Each worker's share of the CPU ``used`` (seconds by worker), most first: "62/38"."""
    total = sum(used.values())
    if total <= 0:
        return "—"
    return "/".join(f"{100 * s / total:.0f}" for s in sorted(used.values(), reverse=True))


def pct(lat: list[float], q: float) -> float:
    return lat[min(len(lat) - 1, int(len(lat) * q))] * 1000 if lat else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--clients", type=int, default=8)
    ap.add_argument("--requests", type=int, default=5, help="per client and query")
    ap.add_argument("--workers", type=int, default=1)
    ap.add_argument(
        "--new-connections",
        action="store_true",
        help="each request on a connection of its own (as from a proxy without upstream "
        "keep-alive): a worker accepts a connection only when it is free, so several workers "
        "share the clients request by request, not connection by connection",
    )
    ap.add_argument("--store", choices=["memory", "neo4j"], default="memory")
    ap.add_argument("--seed", type=int, default=7, help="of the generated bundle")
    ap.add_argument(
        "--first-timeout",
        type=float,
        default=3600,
        help="seconds a first call may take; a read whose first call outlives it is recorded "
        "as '> N s' and not hammered (its computation may still hold a worker)",
    )
    ap.add_argument("--only", nargs="*", default=None, help="the reads to run (by name prefix)")
    args = ap.parse_args()
    data = bundle(args.enterprises, args.seed)
    ids = subjects(data)
    print(
        f"{args.enterprises} firms, {args.store} store, {args.workers} worker(s), "
        f"{args.clients} clients × {args.requests} requests per query"
        f"{' (a new connection each)' if args.new_connections else ''}; {os.cpu_count()} CPUs, "
        f"Python {platform.python_version()}; subjects {ids}\n"
    )
    # the database's own CPU, when it runs on this machine: with the API and the clients it
    # shares the cores, and is most of what a local read waits for on Neo4j
    db = listening_pid(os.environ.get("NEO4J_URI")) if args.store == "neo4j" else None
    print(
        "| query | target p99 ms | first call ms | p50 ms | p99 ms | errors | KB "
        "| server CPU ms per request | CPU % by worker | Neo4j CPU ms per request "
        "| clients' CPU ms per request | holds |"
    )
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|:---:|")
    started = time.monotonic()
    with serving(data if args.store == "memory" else None, workers=args.workers) as base:
        up = time.monotonic() - started
        new_words = words(data, 1 + args.clients * args.requests)  # the first call's, the rest
        spread = firms(data, 1 + args.clients * args.requests)
        for name, target, asked in queries(ids, new_words, spread):
            first_path, *rest = [asked] if isinstance(asked, str) else asked
            if args.only is not None and not name.startswith(tuple(args.only)):
                continue
            t = time.perf_counter()
            try:
                first = httpx.get(base + first_path, timeout=args.first_timeout)
            except httpx.TimeoutException:
                print(f"| {name} | {target} | > {args.first_timeout:.0f} s | | | | | | | | | no |")
                continue
            first_ms = (time.perf_counter() - t) * 1000
            used, each = cpu_seconds(SERVER["pid"]), worker_cpu(SERVER["pid"])
            db_used, mine = cpu_seconds(db) if db else 0.0, time.process_time()
            lat, errors, size = hammer(
                base, rest or [first_path], args.clients, args.requests,
                keep_alive=not args.new_connections,
            )  # fmt: skip
            n = max(len(lat), 1)
            cpu_ms = (cpu_seconds(SERVER["pid"]) - used) * 1000 / n
            db_ms = f"{(cpu_seconds(db) - db_used) * 1000 / n:.1f}" if db else "—"
            clients_ms = (time.process_time() - mine) * 1000 / n
            split = shares({w: s - each.get(w, 0.0) for w, s in worker_cpu(SERVER["pid"]).items()})
            errors += first.status_code != 200
            holds = "yes" if pct(lat, 0.99) <= target and not errors else "no"
            print(
                f"| {name} | {target} | {first_ms:.0f} | {pct(lat, 0.5):.0f} | "
                f"{pct(lat, 0.99):.0f} | {errors} | {size / 1024:.0f} | {cpu_ms:.1f} | {split} "
                f"| {db_ms} | {clients_ms:.1f} | {holds} |",
                flush=True,
            )
        rss = resident_mb(SERVER["pid"])
    print(
        f"\nserver start {up:.0f} s; resident memory after the run {rss:.0f} MB "
        f"(load average {os.getloadavg()[0]:.1f})"
    )


if __name__ == "__main__":
    main()
