"""Load benchmark: one generated bundle into Neo4j every way, against the baselines, in one run.

    NEO4J_LOCAL_HOME=/tmp/neo4j-bench-load NEO4J_LOCAL_BOLT_PORT=17824 \\
        NEO4J_LOCAL_HTTP_PORT=off scripts/neo4j-local start
    NEO4J_URI=bolt://127.0.0.1:17824 NEO4J_LOCAL_HOME=/tmp/neo4j-bench-load \\
        NEO4J_LOCAL_BOLT_PORT=17824 NEO4J_LOCAL_HTTP_PORT=off \\
        .venv/bin/python -m bench.bench_load --enterprises 10000

Steps: read + validate; the memory store (baseline of the Python side); ``chainatlas load``
(write_bundle, batch 2,000) into an empty database; re-load with nothing changed; re-load with
1 % of the supply rows changed; the baselines ``LOAD CSV`` + ``MERGE`` (bench/cypher/, the
same constraints) and ``neo4j-admin database import full`` alone on the bulk path's files;
the bulk path (``chainatlas load --bulk`` + ``scripts/neo4j-local import``: stop, import,
swap, start, schema). With ``--skip load`` (a province: one change set of millions of rows
needs a transaction bound the size of the load) the re-loads run on the bulk-loaded database
instead, as ``chainatlas load`` makes them (``load_bundle``): the same files (the bulk
import's receipt answers, loaders/receipt.py), then a copy with 1 % of the supply rows
changed (read by its changed lines against the baseline the bulk step keeps,
loaders/baseline.py), then another such copy read whole (the baseline of that). The server
must be the launcher's (``NEO4J_LOCAL_HOME``): LOAD CSV reads only its import folder (the
bundle is copied there first, untimed) and the bulk path restarts it.
**It clears that database.**

Prints a Markdown table; the figures in bench/README.md come from this command.
"""

from __future__ import annotations

import argparse
import csv
import os
import platform
import shutil
import subprocess
import tempfile
import time
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

from bench.common import bundle, neo4j_store, timed
from chainatlas.graph.limits import DEFAULT_LIMITS
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.neo4j_store import Neo4jStore
from chainatlas.loaders import Change, load_bundle, read_bundle, write_bundle
from chainatlas.loaders.baseline import keep_bundle
from chainatlas.loaders.bulk import bulk_files
from chainatlas.loaders.bundle import Bundle
from chainatlas.loaders.receipt import load_key
from chainatlas.loaders.source import bundle_sha256

ROOT = Path(__file__).resolve().parent.parent
LAUNCHER = ROOT / "scripts" / "neo4j-local"
CYPHER = Path(__file__).resolve().parent / "cypher"
LOAD_CSV_ORDER = [t.value for t in Table]
#: every Neo4j load here is a change set, as `chainatlas load` makes it
CHANGE = Change("bench", "bench_load", None)
#: where the bulk step keeps its baseline and the re-loads read it (cleared first)
BASELINES = Path(tempfile.gettempdir()) / "chainatlas-bench-baselines"


def changed(b: Bundle, share: float) -> Bundle:
    """``b`` with ``share`` of its supply rows carrying another volume."""
    rows = list(b.tables[Table.SUPPLIES])  # the same rows but the changed ones: a province's
    step = max(1, round(1 / share))  # 10 million supplies are not copied for 1 % of them
    for i in range(0, len(rows), step):
        rows[i] = {**rows[i], "volume": (rows[i].get("volume") or 0) + 1}
    return Bundle(b.name, {**b.tables, Table.SUPPLIES: rows}, b.warnings)


def stage_csv(src: Path, home: Path) -> str:
    """Copy the bundle's files into the server's import folder (the launcher confines LOAD
    CSV to ``<home>/import``); return their folder's name there. Not timed: a real LOAD CSV
    load has its files on the server too."""
    name = f"bench-load-{os.getpid()}"
    dest = home / "import" / name
    shutil.rmtree(dest, ignore_errors=True)
    dest.mkdir(parents=True)
    for f in src.glob("*.csv"):
        shutil.copyfile(f, dest / f.name)
    return name


def load_csv(store: Neo4jStore, folder: str) -> None:
    """The LOAD CSV + MERGE baseline: the server reads the bundle's files from ``folder`` of
    its import folder (:func:`stage_csv`)."""
    store.ensure_schema()
    with store.driver.session(database=store.database) as s:
        for name in LOAD_CSV_ORDER:
            if (CYPHER / f"load_csv_{name}.cypher").exists():  # posts: generated bundles have none
                text = (CYPHER / f"load_csv_{name}.cypher").read_text()
                s.run(text, url=f"file:///{folder}/{name}.csv").consume()


def admin_import(home: Path, files: Path) -> float:
    """``neo4j-admin database import full`` alone (JVM start included) into a scratch folder."""
    import json

    scratch = Path(f"/tmp/bench-admin-import-{os.getpid()}")
    shutil.rmtree(scratch, ignore_errors=True)
    (scratch / "conf").mkdir(parents=True)
    conf = (home / "conf" / "neo4j.conf").read_text()
    (scratch / "conf" / "neo4j.conf").write_text(conf + f"server.directories.data={scratch}/data\n")
    args = json.loads((files / "import.json").read_text())["args"]
    cmd = ["java", "-Xmx1g", "-cp", f"{home}/lib/*", "org.neo4j.cli.AdminTool", "database"]
    cmd += ["import", "full", args[-1], *args[:-1], f"--report-file={scratch}/report"]
    env = {**os.environ, "NEO4J_HOME": str(home), "NEO4J_CONF": str(scratch / "conf")}
    t = time.perf_counter()
    subprocess.run(cmd, env=env, cwd=scratch, check=True, capture_output=True)
    took = time.perf_counter() - t
    shutil.rmtree(scratch, ignore_errors=True)
    return took


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--enterprises", type=int, default=10_000)
    ap.add_argument("--seed", type=int, default=7)
    ap.add_argument("--batch", type=int, default=2_000)
    ap.add_argument(
        "--skip",
        nargs="*",
        default=[],
        help="steps to leave out: memory csv load bulk files1 changed (without load the "
        "re-loads run on the bulk-loaded database; without changed only the unchanged one; "
        "files1 is the import files written by one process, the baseline of two)",
    )
    args = ap.parse_args()

    path = bundle(args.enterprises, args.seed)
    shutil.rmtree(BASELINES, ignore_errors=True)
    t_read, b = timed(lambda: read_bundle(path))
    rows = sum(len(r) for r in b.tables.values())
    print(f"bundle: {args.enterprises} enterprises, {rows} rows ({platform.python_version()})\n")
    print("| step | seconds | rows/s | × LOAD CSV |")
    print("|---|---:|---:|---:|")
    figures: dict[str, float] = {}

    def row(step: str, seconds: float) -> None:
        figures[step] = seconds
        base = figures.get("LOAD CSV + MERGE (baseline)")
        ratio = f"{base / seconds:.2f}" if base else "—"
        print(f"| {step} | {seconds:.2f} | {rows / seconds:,.0f} | {ratio} |", flush=True)

    row("read + validate", t_read)
    if "memory" not in args.skip:
        row("memory store (baseline)", timed(lambda: write_bundle(MemoryStore(), b))[0])
    store = neo4j_store()
    home = Path(os.environ.get("NEO4J_LOCAL_HOME", ROOT / ".neo4j-local"))
    if store is None:
        print("\n(NEO4J_URI not set: Neo4j rows skipped)")
        return
    with store:
        if "csv" not in args.skip:
            store.clear()
            staged = stage_csv(path, home)
            row("LOAD CSV + MERGE (baseline)", timed(lambda: load_csv(store, staged))[0])
            shutil.rmtree(home / "import" / staged)
        if "load" not in args.skip:
            store.clear()

            def load(x: Bundle) -> Any:
                return write_bundle(store, x, batch_size=args.batch, change=CHANGE)

            t_write, _ = timed(lambda: load(b))
            row("`chainatlas load` (write)", t_write)
            row("`chainatlas load` (read + write)", t_read + t_write)
            before = store.stats()
            t, _ = timed(lambda: load(b))
            assert store.stats() == before, "a repeated load changed the graph"
            row("re-load, nothing changed (read + write)", t_read + t)
            t, _ = timed(lambda: load(changed(b, 0.01)))
            row("re-load, 1 % of supplies changed (read + write)", t_read + t)
        if "bulk" in args.skip:
            return
        firms = len(b.tables[Table.ENTERPRISES])
        files = Path(f"/tmp/bench-bulk-{os.getpid()}")
        shutil.rmtree(files, ignore_errors=True)
        if "files1" not in args.skip:
            one = files.with_name(f"{files.name}-one")
            write = partial(bulk_files, b, one, change=CHANGE, parallel_from=None)
            row("write the import files, one process (baseline)", timed(write)[0])
            shutil.rmtree(one)
        # with the receipt `chainatlas load --bulk` writes (loaders/receipt.py)
        t_files, _ = timed(lambda: bulk_files(b, files, change=CHANGE, receipt_key=key(path)))
        row("write the import files (two processes from 50,000 rows)", t_files)
        # what `chainatlas load --bulk` keeps for the next re-load (loaders/baseline.py)
        t_keep, kept = timed(lambda: keep_bundle(BASELINES, path, b, key(path), date.today()))
        assert kept is not None
        row("keep the baseline (the files, key digests; loaders/baseline.py)", t_keep)
        b.tables.clear()  # what the CLI holds no longer either: the importer gets the memory
        row("neo4j-admin import alone (baseline)", admin_import(home, files))
        # no clear first: the import swaps a new database in (clearing 1M firms took minutes)
        row(
            "bulk: import files (read + validate + write files + baseline)",
            t_read + t_files + t_keep,
        )
        t = time.perf_counter()
        run = subprocess.run([LAUNCHER, "import", str(files)], capture_output=True, text=True)
        t_import = time.perf_counter() - t
        assert run.returncode == 0, run.stderr[-2000:]
        for line in run.stderr.splitlines():
            print(f"<!-- {line} -->")
        row("bulk: launcher import (stop, import, swap, start, schema)", t_import)
        t_bulk = t_read + t_files + t_keep + t_import
        row("bulk: total", t_bulk)
        shutil.rmtree(files, ignore_errors=True)
    # a new driver: the old one's bookmarks name transactions of the database the import
    # replaced, which the new one never reaches (a running API must reconnect the same way)
    fresh = neo4j_store()
    assert fresh is not None
    with fresh:
        assert fresh.stats()["enterprises"] == firms
        if "load" in args.skip:  # the re-loads on the bulk-loaded database instead
            reloads(fresh, path, args.batch, row, t_bulk, changed="changed" not in args.skip)


def key(path: Path) -> dict[str, Any]:
    """The receipt key of a plain ``chainatlas load`` of the bundle at ``path``."""
    digest = bundle_sha256(path)
    return load_key(path, sha256=digest, scope=None, strict=False, limits=DEFAULT_LIMITS)


def changed_copy(path: Path, share: float, into: Path, *, more: float = 1) -> Path:
    """A copy of the bundle at ``path`` in ``into`` (under the same folder name: the rows'
    provenance stays) with ``share`` of its supply rows carrying ``more`` volume: the files a
    nightly export with 1 % of its trade changed gives."""
    copy = into / path.name
    shutil.rmtree(copy, ignore_errors=True)
    shutil.copytree(path, copy)
    step = max(1, round(1 / share))
    with (
        (path / "supplies.csv").open(encoding="utf-8", newline="") as src,
        (copy / "supplies.csv").open("w", encoding="utf-8", newline="") as out,
    ):
        rows, write = csv.reader(src), csv.writer(out, lineterminator="\n")
        header = next(rows)
        write.writerow(header)
        volume = header.index("volume")
        for i, row in enumerate(rows):
            if i % step == 0:
                row[volume] = f"{float(row[volume] or 0) + more:g}"
            write.writerow(row)
    return copy


def reloads(
    store: Neo4jStore, path: Path, batch: int, row: Any, initial: float, *, changed: bool = True
) -> None:
    """``chainatlas load`` of the bundle's files again onto a database that holds them
    (``load_bundle``: the receipt, else read and write): nothing changed, then (``changed``)
    the files with 1 % of the supplies changed, read by their changed lines (the bulk step's
    baseline), then another 1 % read whole (no baseline: the baseline of that); each against
    ``initial``."""

    def load(bundle: Path, baselines: Path | None = BASELINES) -> Any:
        return load_bundle(store, bundle, batch_size=batch, author="bench", baselines=baselines)

    before = store.stats()
    t, report = timed(lambda: load(path))
    assert store.stats() == before, "a repeated load changed the graph"
    how = "answered by the receipt" if report.recalled else "read + write"
    row(f"re-load after bulk, nothing changed ({how}; {t / initial:.0%} of bulk)", t)
    if not changed:
        return
    with tempfile.TemporaryDirectory() as tmp:
        t, report = timed(lambda: load(changed_copy(path, 0.01, Path(tmp))))
        assert report.change_set is not None and report.changed_lines, "read by its lines"
        step = f"by its {report.changed_lines:,} changed lines"
        row(f"re-load after bulk, 1 % of supplies changed ({step}; {t / initial:.0%})", t)
        t, report = timed(lambda: load(changed_copy(path, 0.01, Path(tmp), more=2), None))
    assert report.change_set is not None and report.changed_lines is None
    row(f"re-load, another 1 % changed (read whole, baseline; {t / initial:.0%})", t)


if __name__ == "__main__":
    main()
