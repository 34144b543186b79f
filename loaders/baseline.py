"""What the last load read, kept beside the graph so that the next load reads only the lines
that changed (:mod:`loaders.delta`).

A province's nightly export changes a few per cent of its facts; reading and validating all of
its sixteen million rows is most of a re-load (docs/performance.md, "Re-loads"). After a load
of a folder of CSV files, :func:`keep_bundle` (a whole read) or :func:`keep_changes` (a read of
the changed lines) writes a *baseline* into a folder of its own under ``root``:

- ``files/``: the bundle's CSV files as read (the lines a changed file is compared with);
- ``keys-<table>.bin``: a 64-bit digest of every key of each table read by lines
  (:data:`LINE_TABLES`), to tell a new line's key from a kept line's without reading them;
- ``index.json``: the load's key and day (as its receipt has them, :mod:`loaders.receipt`),
  each file's SHA-256 and layout, the rows of each table, the ids of the
  node tables, the products' units, and every warning, with the line of each warning of a
  table read by lines (its row moves when lines are added or removed above it).

:func:`find_baseline` gives the baseline of the load whose receipt the graph keeps at its
present version: nothing was written since, so every row of the baseline's files is in the
graph as those files say. A baseline is named by its load's key (the files' SHA-256 among
it), so two graphs that took the same files share one. The two newest baselines are kept
(:data:`KEEP`); each is about the size of its bundle. A load without ``root`` keeps none.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from array import array
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass, field
from datetime import date
from hashlib import blake2b
from operator import itemgetter
from pathlib import Path
from typing import Any

from chainatlas.graph.acyclic import acyclic
from chainatlas.graph.errors import Issue
from chainatlas.graph.model import TABLE_KEYS, Row, Table
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.bundle import Bundle
from chainatlas.loaders.schema import table_named
from chainatlas.loaders.source import bundle_digests
from chainatlas.loaders.validate import SINGULAR

FORMAT = 1
#: the tables a re-load reads line by line: the facts, nearly all of a bundle's rows and what a
#: nightly export changes. A change in any other file reads the whole bundle.
LINE_TABLES = (Table.PRODUCES, Table.NEEDS, Table.SUPPLIES, Table.COOPERATIONS)
#: their names, as the index keeps a file's table
LINE_NAMES = frozenset(t.value for t in LINE_TABLES)
#: of those, the tables whose keys decide other rows' warnings (:func:`loaders.validate.trade`
#: reads the pairs made and wanted): their lines may change, the set of their keys not
KEYED = (Table.PRODUCES, Table.NEEDS)
#: every warning a row of :data:`LINE_TABLES` can get (loaders.validate); a baseline with any
#: other is not kept
LINE_WARNINGS = frozenset({"unit-mismatch", "supplier-not-producer", "buyer-not-needing"})
#: baselines kept under one root, newest first: one per graph a machine loads, for two graphs
KEEP = 2
INDEX = "index.json"


def key_hash(key: tuple[str, ...]) -> int:
    """A 64-bit digest of a row's key (:func:`graph.model.row_key`, every part text) as a
    signed integer."""
    raw = blake2b("\x1f".join(key).encode(), digest_size=8).digest()
    return int.from_bytes(raw, "big", signed=True)


def key_hashes(table: Table, rows: Iterable[Row]) -> array[int]:
    """:func:`key_hash` of the key of every row of ``table`` (one of :data:`LINE_TABLES`,
    whose keys have two parts or more, so ``itemgetter`` gives the key's tuple)."""
    get = itemgetter(*TABLE_KEYS[table])
    return array("q", (key_hash(get(r)) for r in rows))


def label_of(name: str) -> str:
    """How issues name the file ``name`` of a folder bundle (:meth:`loaders.read.Source.label`)."""
    return f"{Path(name).stem}.csv"


@dataclass
class Baseline:
    """A kept baseline: its folder and its index (the module docstring)."""

    folder: Path
    index: dict[str, Any]
    #: the version of the graph it was found for (:func:`find_baseline`)
    version: str
    _keys: dict[Table, frozenset[int]] = field(default_factory=dict, repr=False)

    def keys(self, table: Table) -> set[int]:
        """The key digests of ``table``'s rows (a copy of those read once)."""
        if table not in self._keys:
            keys = array("q")
            keys.frombytes(self.keys_file(table).read_bytes())
            self._keys[table] = frozenset(keys)
        return set(self._keys[table])

    def keys_file(self, table: Table) -> Path:
        return self.folder / f"keys-{table.value}.bin"

    def lines(self, name: str) -> list[bytes]:
        """The lines of the file ``name`` as the load read it."""
        return (self.folder / "files" / name).read_bytes().splitlines()

    def file_of(self, table: Table) -> str | None:
        """The file name ``table`` was read from."""
        for name, entry in self.index["files"].items():
            if entry["table"] == table.value:
                return str(name)
        return None


def compatible(kept: Row, key: Row) -> bool:
    """Whether a load of ``key`` reads like the load of ``kept``: the same rules (``strict``,
    limits, ChainAtlas version); the files and their name may differ."""
    return all(kept.get(k) == key.get(k) for k in ("strict", "limits", "code"))


def find_baseline(root: Path, store: GraphStore, key: Row, day: date) -> Baseline | None:
    """The baseline under ``root`` of the load whose receipt ``store`` keeps at its present
    version, when a load of ``key`` on ``day`` may start from it; ``None`` otherwise."""
    receipt = store.load_receipt()
    if receipt is None or receipt.get("version") != store.version():
        return None
    folder = root / _name(receipt["key"])
    try:
        index = json.loads((folder / INDEX).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if (
        index.get("format") != FORMAT
        or index.get("key") != receipt.get("key")
        or not compatible(index["key"], key)
        or day.isoformat() < index["day"]
    ):
        return None
    return Baseline(folder, index, receipt["version"])


def keep_bundle(root: Path, path: Path, bundle: Bundle, key: Row, day: date) -> Path | None:
    """Keep the baseline of a load of the whole ``bundle`` read from the folder ``path`` (whose
    receipt has ``key``) on ``day``; the folder kept, or
    ``None`` when the bundle cannot be read by lines next time (a workbook, more warnings than
    a report keeps, a warning no line table's row can get)."""
    warnings = list(bundle.warnings)
    if not path.is_dir() or getattr(bundle.warnings, "total", len(warnings)) != len(warnings):
        return None
    files = {p.name: p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"}
    tables = {label_of(n): table_named(Path(n).stem) for n in files}
    line_labels = {label for label, t in tables.items() if t in LINE_TABLES}
    if any(w.file in line_labels and w.code not in LINE_WARNINGS for w in warnings):
        return None
    entries = {}
    for name in files:
        table = tables[label_of(name)]
        layout = bundle.layouts.get(table) if table is not None else None
        entries[name] = {
            "table": None if table is None else table.value,
            "sha256": None,  # filled from the copy
            "encoding": None if layout is None else layout.encoding,
            "one_line": bool(layout and layout.one_line),
        }
    index = {
        "format": FORMAT,
        "key": key,
        "day": day.isoformat(),
        "files": entries,
        "counts": {t.value: len(bundle.tables.get(t, [])) for t in Table},
        # a folder's table is present when its file was read (maybe of no rows)
        "present": {t.value: t in bundle.layouts for t in Table},
        "ids": {t.value: [r["id"] for r in bundle.tables.get(t, [])] for t in SINGULAR},
        "units": {r["id"]: r["unit"] for r in bundle.tables.get(Table.PRODUCTS, []) if r["unit"]},
    }
    with acyclic():
        keys = {t: key_hashes(t, bundle.tables.get(t, [])) for t in LINE_TABLES}
    return _write(root, index, keys, warnings, files, {}, key["sha256"], link=False)


@dataclass
class Changes:
    """A bundle read by its changed lines (:func:`loaders.delta.read_changes`): ``bundle``
    holds the rows of the lines added or changed since ``base`` and the whole bundle's counts
    and warnings; the rest is the next baseline: ``index`` (its key and day to come), the key
    digests of the tables read by lines, every warning, and the bytes of each changed file;
    ``lines`` is how many lines were read (added and removed)."""

    base: Baseline
    bundle: Bundle
    index: dict[str, Any]
    keys: dict[Table, set[int]]
    warnings: list[Issue]
    changed: dict[str, bytes]
    lines: int


def keep_changes(root: Path, changes: Changes, key: Row, day: date) -> Path | None:
    """Keep the baseline of a load of ``changes`` (whose receipt has ``key``) on ``day``; the
    files that did not change are linked from the baseline it started from."""
    index = {**changes.index, "key": key, "day": day.isoformat()}
    base = changes.base.folder / "files"
    kept = {n: base / n for n in index["files"] if n not in changes.changed}
    keys: dict[Table, Iterable[int] | Path] = {
        t: changes.keys[t] if t in changes.keys else changes.base.keys_file(t) for t in LINE_TABLES
    }
    return _write(root, index, keys, changes.warnings, kept, changes.changed, key["sha256"])


def _write(
    root: Path,
    index: dict[str, Any],
    keys: Mapping[Table, Iterable[int] | Path],
    warnings: list[Issue],
    copies: Mapping[str, Path],
    contents: Mapping[str, bytes],
    sha256: str,
    *,
    link: bool = True,
) -> Path | None:
    """Write a baseline into a new folder under ``root`` and move it in place; ``None`` when
    its files are not the bundle of digest ``sha256`` (they changed while it was loaded).
    ``copies`` are linked (a baseline's files, never written again) when ``link``, else copied
    (a person's files, which an editor may rewrite in place)."""
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".baseline-", dir=root))
    try:
        files = tmp / "files"
        files.mkdir()
        for name, src in copies.items():
            _link_or_copy(src, files / name) if link else shutil.copyfile(src, files / name)
        for name, data in contents.items():
            (files / name).write_bytes(data)
        whole, each = bundle_digests(files)
        if whole != sha256:
            return None
        for name, entry in index["files"].items():
            entry["sha256"] = each[name]
        index["warnings"] = _warnings(index, warnings, files)
        for table, digests in keys.items():
            out = tmp / f"keys-{table.value}.bin"
            if isinstance(digests, Path):
                _link_or_copy(digests, out)  # a table that did not change
            else:
                out.write_bytes(array("q", digests).tobytes())
        (tmp / INDEX).write_text(json.dumps(index, ensure_ascii=False), encoding="utf-8")
        folder = root / _name(index["key"])
        shutil.rmtree(folder, ignore_errors=True)
        os.replace(tmp, folder)
        _prune(root)
        return folder
    finally:
        shutil.rmtree(tmp, ignore_errors=True)


def _warnings(index: dict[str, Any], warnings: list[Issue], files: Path) -> list[Row]:
    """Every warning as a row, with the line of its row when it is on a table read by lines."""
    by_label = {label_of(n): n for n, e in index["files"].items() if e["table"] in LINE_NAMES}
    lines: dict[str, list[bytes]] = {}
    out = []
    for w in warnings:
        row: Row = asdict(w)
        name = by_label.get(w.file)
        if name is not None and w.row and index["files"][name]["one_line"]:
            if name not in lines:
                lines[name] = (files / name).read_bytes().splitlines()
            row["line"] = lines[name][w.row - 1].decode(index["files"][name]["encoding"] or "utf-8")
        out.append(row)
    return out


def _link_or_copy(src: Path, dst: Path) -> None:
    try:
        os.link(src, dst)  # a kept file is never written again: the new baseline shares it
    except OSError:
        shutil.copyfile(src, dst)


def _name(key: Row) -> str:
    """A baseline's folder: named by its load's key (which names its files by their digest)."""
    text = json.dumps(key, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256(text.encode()).hexdigest()[:24]


def _prune(root: Path) -> None:
    """Keep the :data:`KEEP` newest baselines under ``root``."""
    kept = sorted(
        (p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")),
        key=lambda p: p.stat().st_mtime_ns,
        reverse=True,
    )
    for old in kept[KEEP:]:
        shutil.rmtree(old, ignore_errors=True)
