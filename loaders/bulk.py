"""A bulk load into an empty Neo4j database: the bundle as files for ``neo4j-admin database
import full``, which ``scripts/neo4j-local import DIR`` imports (docs/performance.md).

The files give the graph a normal load gives (:mod:`graph.neo4j_bulk` spells the upsert
statements out as CSV), with the graph's version node; the constraints and indexes are the
``schema_*`` statements, listed in ``import.json`` for the launcher to run once the imported
database is up (Community's importer cannot build them: ``--schema`` needs the block format).
"""

from __future__ import annotations

import uuid
from pathlib import Path

from chainatlas.graph import cypher
from chainatlas.graph.digest import DIGEST, fact_digest
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Table
from chainatlas.graph.neo4j_bulk import ImportFiles, write_import_files
from chainatlas.graph.rows import prepare_rows
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.bundle import Bundle


def require_empty(store: GraphStore) -> None:
    """:class:`~graph.errors.InvalidOption` unless ``store`` is Neo4j and holds no node of
    the graph: the importer replaces a database whole."""
    if store.kind != "neo4j":
        raise InvalidOption("bulk", "--bulk writes files for Neo4j's importer: set NEO4J_URI")
    figures = store.stats()
    held = {k: v for k, v in figures.items() if k.endswith(("enterprises", "products")) and v}
    held.update({k: v for k, v in figures.items() if k in ("chains", "regions") and v})
    if held:
        what = ", ".join(f"{v} {k}" for k, v in held.items())
        raise InvalidOption("bulk", f"--bulk needs an empty database; this one holds {what}")


def bulk_files(bundle: Bundle, folder: Path) -> ImportFiles:
    """Write the import files of a validated ``bundle`` into ``folder`` (empty or absent) with
    its ``import.json``; return what was written."""
    tables = {t: prepare_rows(t, bundle.tables.get(t, [])) for t in Table}
    for table, rows in tables.items():
        for row in rows:
            row[DIGEST] = fact_digest(table, row)
    version = {"id": "graph", "epoch": str(uuid.uuid4()), "n": 1}
    files = write_import_files(tables, folder, extra_nodes=[("GraphVersion", version)])
    after = [*cypher.names("schema_"), *cypher.names("bulk_")]
    files.schema = [_one_line(cypher.statement(n)) for n in after]
    files.save()
    return files


def _one_line(text: str) -> str:
    return " ".join(line for line in text.splitlines() if not line.startswith("//")).strip()
