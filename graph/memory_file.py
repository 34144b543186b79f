"""The embedded store's file: its tables as one JSON document, written atomically.

``{"format": 1, "version": n, "tables": {"chains": [...], "regions": [...], ...}}`` (``version``
counts the store's writes: :meth:`GraphStore.version`); tables in
:class:`~chainatlas.graph.model.Table` order (nodes before the edges that need them) and rows
in key order, so the same graph always saves to the same bytes.

>>> import tempfile
>>> path = Path(tempfile.mkdtemp()) / "graph.json"
>>> save_tables({Table.CHAINS: {("poly",): {"id": "poly", "name": "高分子材料"}}}, path)
>>> [(table.value, rows) for table, rows in read_tables(path)]
[('chains', [{'id': 'poly', 'name': '高分子材料'}])]
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Mapping
from pathlib import Path
from typing import Any

from chainatlas.graph.errors import SaveFailed
from chainatlas.graph.model import Row, Table

FORMAT_VERSION = 1


def save_tables(
    tables: Mapping[Table, Mapping[tuple[Any, ...], Row]], path: Path, *, version: int = 0
) -> None:
    """Write ``tables`` to ``path`` atomically (a temporary file renamed over it); raises
    :class:`~graph.errors.SaveFailed` when the system refuses (``path`` is then unchanged)."""
    try:
        _save(tables, path, version)
    except OSError as e:
        raise SaveFailed(str(path), e.strerror or type(e).__name__) from e


def _save(tables: Mapping[Table, Mapping[tuple[Any, ...], Row]], path: Path, version: int) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    doc = {
        "format": FORMAT_VERSION,
        "version": version,
        "tables": {t.value: [rows[k] for k in sorted(rows)] for t, rows in tables.items()},
    }
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=path.name, suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(doc, fh, ensure_ascii=False)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def read_tables(path: Path) -> list[tuple[Table, list[Row]]]:
    """The tables saved at ``path``, in the order they were saved."""
    return read_saved(path)[0]


def read_saved(path: Path) -> tuple[list[tuple[Table, list[Row]]], int]:
    """The tables saved at ``path`` and the version saved with them (0 for older files)."""
    doc = json.loads(path.read_text(encoding="utf-8"))
    tables = [(Table(name), rows) for name, rows in doc["tables"].items()]
    return tables, int(doc.get("version", 0))
