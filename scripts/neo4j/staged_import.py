"""``scripts/neo4j-local import DIR``: a bulk import into a staging data folder, swapped in at
a marked commit point (docs/performance.md, "Loading at scale"). ``L`` is the launcher module
(its HOME, RUN, LOGS, LIB, HEAP, URI, USER, PASSWORD and its start/stop/fetch/log helpers)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
from pathlib import Path
from types import ModuleType


def _paths(L: ModuleType) -> tuple[Path, Path, Path, Path]:
    """staging folder, swap marker, retired folders, statements left to run after"""
    return (
        L.HOME / "import-staging",
        L.RUN / "import-swap",  # exists from the end of a staged import until its swap is done
        L.HOME / "import-retired",
        L.RUN / "import-after",  # the statements to run once the imported database is up
    )


def finish_swap(L: ModuleType) -> None:
    """Move a finished staged import into place (idempotent: resumes a swap a kill cut short)."""
    staging, swap, retired, _ = _paths(L)
    if not swap.exists():
        return
    database = swap.read_text().strip()
    for kind in ("databases", "transactions"):
        new, live, old = (
            staging / "data" / kind / database,
            L.HOME / "data" / kind / database,
            retired / kind,
        )
        if not new.exists():
            continue  # moved already
        old.parent.mkdir(parents=True, exist_ok=True)
        if live.exists() and not old.exists():
            live.rename(old)
        shutil.rmtree(live, ignore_errors=True)
        live.parent.mkdir(parents=True, exist_ok=True)
        new.rename(live)
    swap.unlink()
    shutil.rmtree(retired, ignore_errors=True)
    shutil.rmtree(staging, ignore_errors=True)


def import_spec(folder: Path) -> dict | str:
    """``folder``'s ``import.json`` (what ``chainatlas load --bulk`` wrote), or one line
    saying why it cannot be imported; checked before the server is stopped."""
    path = folder / "import.json"
    if not folder.is_dir():
        return f"import: {folder} is not a folder (write one with chainatlas load --bulk)"
    if not path.is_file():
        return f"import: {folder} holds no import.json (write it with chainatlas load --bulk)"
    try:
        spec = json.loads(path.read_text(encoding="utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as e:
        return f"import: {path} is not JSON ({e})"
    args = spec.get("args") if isinstance(spec, dict) else None
    if not (isinstance(args, list) and args and all(isinstance(a, str) for a in args)):
        return f"import: {path} has no list of importer arguments under args"
    return spec


def bulk_import(L: ModuleType, folder: str) -> int:
    """Stop, import ``folder``'s files into a staging data folder, swap it in, start."""
    staging, swap, _, after = _paths(L)
    spec = import_spec(Path(folder))
    if isinstance(spec, str):
        L.log(spec)
        return 2
    args, database = spec["args"], spec["args"][-1]
    with L.locked():
        finish_swap(L)
        L.stop_locked()
        L.fetch_jars(L.POM, L.LIB, L.log)
        L.LOGS.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        (staging / "conf").mkdir(parents=True)
        # the importer writes where server.directories.data points: a staging copy of the conf
        staged_conf = L.conf_text() + f"server.directories.data={staging / 'data'}\n"
        (staging / "conf" / "neo4j.conf").write_text(staged_conf)
        env = {**os.environ, "NEO4J_HOME": str(L.HOME), "NEO4J_CONF": str(staging / "conf")}
        L.log(f"importing {folder} into a staging copy of database {database} ...")
        t0 = time.monotonic()
        # the database name first: the importer's file lists would swallow a trailing one
        cmd = [L.java(), f"-Xmx{L.HEAP}", "-cp", f"{L.LIB}/*", "org.neo4j.cli.AdminTool"]
        cmd += ["database", "import", "full", database, *args[:-1]]
        cmd.append(f"--report-file={staging / 'import.report'}")
        with open(L.LOGS / "import.log", "w") as fh:
            r = subprocess.run(cmd, env=env, cwd=staging, stdout=fh, stderr=subprocess.STDOUT)
        if r.returncode != 0:
            L.log(f"the import failed; the database is as it was (log: {L.LOGS / 'import.log'})")
            shutil.rmtree(staging, ignore_errors=True)
            return 1
        L.log(f"imported in {time.monotonic() - t0:.1f} s; swapping it in")
        L.RUN.mkdir(parents=True, exist_ok=True)
        after.write_text(json.dumps(spec.get("schema", [])))
        tmp = swap.with_suffix(".tmp")
        with open(tmp, "w") as fh:
            fh.write(database + "\n")
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, swap)  # the commit point: from here on the import is the database
        finish_swap(L)
    return int(L.start())


def run_after(L: ModuleType) -> None:
    """Run what an import left to do once the server is up (constraints, indexes, empty lists:
    ``import.json``'s ``schema``); kept in ``run/import-after`` until done, so a start after a
    kill runs it again (every statement is idempotent)."""
    import neo4j

    after = _paths(L)[3]
    if not after.exists():
        return
    statements = json.loads(after.read_text())
    t0 = time.monotonic()
    driver = neo4j.GraphDatabase.driver(L.URI, auth=(L.USER, L.PASSWORD))
    with driver, driver.session() as session:
        for text in statements:
            t = time.monotonic()
            session.run(text).consume()
            took = time.monotonic() - t
            if took >= 1:  # where a province's import waits (docs/performance.md)
                L.log(f"{took:.1f} s: {text[:70]}")
        t = time.monotonic()
        session.run("CALL db.awaitIndexes(3600)").consume()
        L.log(f"the indexes online after {time.monotonic() - t:.1f} s more")
    after.unlink()
    L.log(f"{len(statements)} statements after the import done in {time.monotonic() - t0:.1f} s")
