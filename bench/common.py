"""Shared helpers of the benchmarks: timing, a generated bundle, a Neo4j store from the env."""

from __future__ import annotations

import gc
import os
import statistics
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.graph.parallel_reads import DEFAULT_PARALLEL_READS, PARALLEL_READS_VAR
from chainatlas.loaders.generate import generate_bundle

OUT = Path(__file__).resolve().parent / "out"


def timed(fn: Callable[[], Any], *, repeat: int = 1) -> tuple[float, Any]:
    """Median wall time in seconds of ``repeat`` calls, and the last result."""
    times, result = [], None
    for _ in range(repeat):
        t = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times), result


@contextmanager
def no_client_pauses() -> Iterator[None]:
    """The load generator's own cycle collector held off while it times requests.

    Its threads share one process, whose imports alone leave ~300,000 tracked objects: a full
    collection took 70-100 ms and a middle one ~8 ms every ~0.4 s (logged with gc.callbacks
    in a bench_http run at 100k), and every request in flight counted that pause as the
    server's latency. So what exists is frozen (never walked again) and the collector is off
    until the timed part ends; reference counting still frees what the requests leave."""
    gc.collect()
    gc.freeze()
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()
        gc.unfreeze()


def bundle(enterprises: int, seed: int) -> Path:
    """A generated bundle, cached under bench/out (deterministic for the arguments)."""
    path = OUT / f"bundle-{enterprises}-{seed}"
    if not (path / "supplies.csv").exists():
        generate_bundle(path, enterprises=enterprises, seed=seed)
    return path


def neo4j_store() -> Neo4jStore | None:
    """The Neo4j store of NEO4J_URI, or None when it is not set."""
    uri = os.environ.get("NEO4J_URI")
    if not uri:
        return None
    return Neo4jStore.connect(
        uri,
        os.environ.get("NEO4J_USER", "neo4j"),
        os.environ.get("NEO4J_PASSWORD", "chainatlas-local"),
        parallel_reads=int(os.environ.get(PARALLEL_READS_VAR, DEFAULT_PARALLEL_READS)),
    )
