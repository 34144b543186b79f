"""Reading a bundle by the lines that changed since the last load (:mod:`loaders.baseline`).

The baseline's files were valid and every row of them is in the graph as they say (nothing
was written since). A new folder of the same files differs in a few lines of its fact tables:
those lines are all there is to read. :func:`read_changes` compares each changed file with the
baseline's copy line by line, parses the lines added and the lines removed, and validates the
added rows against what the rest of the bundle holds, as the baseline keeps it: the node
tables' ids and the products' units, the digests of every fact's key, and every warning of
the kept lines (moved to their lines' new rows). The result is a :class:`~loaders.baseline.
Changes` whose bundle holds the added rows and the whole bundle's counts and warnings: a
load writes those rows and reports what a whole read would.

It gives ``None``, and the load reads the whole bundle (which reports every problem), unless:

- the folder holds the baseline's CSV files by name, and every file that changed is one of
  :data:`~loaders.baseline.LINE_TABLES`, UTF-8 with one record per line and the same header;
- no file repeats a line (two equal lines would be one line to a set);
- every added line parses and validates without an error (or, ``strict``, any warning);
- no added key is the key of a kept row, and the keys of
  :data:`~loaders.baseline.KEYED` tables are the same set as before (their pairs decide the
  trade warnings of rows that did not change).

Validation is :mod:`loaders.validate`'s own rules, run on the added rows with the rest of the
bundle given: :data:`LINE_RULES` are those that read a fact table; the others read only
tables that did not change, so their warnings are the baseline's.
"""

from __future__ import annotations

import csv
import hashlib
from datetime import date
from itertools import compress, count
from pathlib import Path
from typing import Any

from chainatlas.graph.errors import Issue
from chainatlas.graph.limits import DEFAULT_LIMITS, Limits
from chainatlas.graph.model import Table, row_key
from chainatlas.loaders import validate as v
from chainatlas.loaders.baseline import (
    KEYED,
    LINE_NAMES,
    Baseline,
    Changes,
    key_hash,
    label_of,
)
from chainatlas.loaders.bundle import Bundle, clean_rows
from chainatlas.loaders.issues import IssueLog
from chainatlas.loaders.places import adcodes, points
from chainatlas.loaders.read import Layout, Sheet, bundle_name, record_cells
from chainatlas.loaders.tables import TableData, parse_sheet

#: the rules of :data:`loaders.validate.RULES` that read the rows of a fact table, and what
#: runs them here with the rest of the bundle given (:func:`read_changes`)
LINE_RULES = (v.references, v.self_loops, v.units, v.trade)
#: the rules that read no table of :data:`~loaders.baseline.LINE_TABLES`
NODE_RULES = (v.credit_codes, v.likely_duplicates, adcodes, points, v.posts)

Lines = list[tuple[int, bytes]]
Parsed = tuple[TableData, list[Issue]]
#: a changed file's added rows, removed rows, warned lines' rows now, lines that differ
Diff = tuple[Parsed, Parsed, dict[bytes, int], int]


class _Digests:
    """The pairs (keys) of a table, answered from their digests."""

    def __init__(self, digests: set[int]) -> None:
        self.digests = digests

    def __contains__(self, key: object) -> bool:
        if not isinstance(key, tuple) or not all(isinstance(part, str) for part in key):
            return False
        return key_hash(key) in self.digests


def read_changes(
    path: Path,
    base: Baseline,
    *,
    day: date,
    strict: bool = False,
    limits: Limits = DEFAULT_LIMITS,
) -> Changes | None:
    """The bundle at ``path`` read by the lines that changed since ``base`` (the module
    docstring), or ``None`` when it must be read whole."""
    changed = _changed_files(path, base)
    if changed is None:
        return None
    index = base.index
    files = {Table(index["files"][n]["table"]): n for n in changed}
    ctx = {t: TableData(t, _label(base, t), present=index["present"][t.value]) for t in Table}
    issues: list[Issue] = []
    gone: dict[Table, TableData] = {}
    moved: dict[Table, dict[bytes, int]] = {}
    lines = 0
    for table, name in files.items():
        read = _diff(base, name, changed[name], limits, _warned(index, name))
        if read is None:
            return None
        (ctx[table], found), (gone[table], lost), moved[table], n = read
        lines += n
        if lost or any(i.severity == "error" for i in found):
            return None  # (the baseline's own lines: never, unless its files were touched)
        issues += found
    keys = _keys(base, ctx, gone)
    if keys is None:
        return None
    issues += _validate(base, ctx, day)
    if any(i.severity == "error" for i in issues) or (strict and issues):
        return None
    every = _carried(index, {label_of(n): moved[t] for t, n in files.items()})
    every += [i for i in issues if i.severity == "warning"]
    log = IssueLog(limits.issues, strict=strict)
    log.extend(every)
    counts = dict(index["counts"])
    for table in files:
        counts[table.value] += len(ctx[table].rows) - len(gone[table].rows)
    name = bundle_name(path)
    layouts = {
        Table(e["table"]): Layout(e["encoding"], e["one_line"])
        for e in index["files"].values()
        if e["table"] is not None and e["encoding"] is not None
    }
    rows = {t: clean_rows(name, ctx[t]) for t in files}
    bundle = Bundle(name, rows, log.result(), layouts, whole=counts, since=base.version)
    nxt = {k: index[k] for k in ("files", "present", "ids", "units")}
    nxt["files"] = {n: dict(e) for n, e in index["files"].items()}
    nxt.update(format=index["format"], counts=counts)
    return Changes(base, bundle, nxt, keys, every, changed, lines)


def _changed_files(path: Path, base: Baseline) -> dict[str, bytes] | None:
    """The bytes of each CSV file of ``path`` that differs from the baseline's, or ``None``
    when the files are not the baseline's or one that changed cannot be read by lines."""
    if not path.is_dir():
        return None
    entries = base.index["files"]
    found = {p.name: p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".csv"}
    if set(found) != set(entries):
        return None
    changed = {}
    for name, file in found.items():
        data, entry = file.read_bytes(), entries[name]
        if hashlib.sha256(data).hexdigest() == entry["sha256"]:
            continue
        if entry["table"] not in LINE_NAMES:
            return None
        if entry["encoding"] != "utf-8" or not entry["one_line"]:
            return None
        changed[name] = data
    return changed


def _diff(
    base: Baseline, name: str, data: bytes, limits: Limits, warned: set[bytes]
) -> Diff | None:
    """The rows of the lines of ``data`` that the baseline's file ``name`` lacks and of those
    it has that ``data`` lacks, with their problems, the row each ``warned`` line is on now,
    and how many lines differ; ``None`` when the file cannot be read by lines."""
    old, new = base.lines(name), data.splitlines()
    if not old or not new or old[0] != new[0] or not old[0].strip():
        return None  # the header, on line 1, as it was
    old_set, new_set = set(old), set(new)
    if len(old_set) != len(old) or len(new_set) != len(new):
        return None
    table = Table(base.index["files"][name]["table"])
    header = record_cells(next(csv.reader([old[0].decode("utf-8-sig")])))
    added, removed = _only(new, new_set - old_set), _only(old, old_set - new_set)
    add = _parse(table, label_of(name), header, added, limits)
    gone = _parse(table, label_of(name), header, removed, limits)
    if add is None or gone is None:
        return None
    moved = {line: n for n, line in enumerate(new, 1) if line in warned} if warned else {}
    return add, gone, moved, len(added) + len(removed)


def _only(lines: list[bytes], these: set[bytes]) -> Lines:
    """The lines of ``lines`` that are among ``these``, each with its row (from 1): a file of
    a province's bundle has millions of lines, so the loop is the C library's, not Python's."""
    if not these:
        return []
    where = list(map(these.__contains__, lines))
    return list(zip(compress(count(1), where), compress(lines, where), strict=True))


def _parse(
    table: Table, label: str, header: list[str], lines: Lines, limits: Limits
) -> tuple[TableData, list[Issue]] | None:
    """The rows of ``lines`` (each numbered as its row) of a file of ``header`` and their cell
    problems, or ``None`` when a line is not one CSV record of UTF-8 text."""
    records = []
    for n, line in lines:
        try:
            parsed = list(csv.reader([line.decode("utf-8")], strict=True))
        except (UnicodeDecodeError, csv.Error):
            return None
        if len(parsed) != 1 or len(parsed[0]) > limits.columns:
            return None
        cells = record_cells(parsed[0])
        if any(cells):
            records.append((n, cells))
    sheet = Sheet(table, label, 1, header, records, is_csv=True)
    issues: list[Issue] = []
    data, _ = parse_sheet(sheet, issues)
    return data, issues


def _keys(
    base: Baseline, added: dict[Table, TableData], gone: dict[Table, TableData]
) -> dict[Table, set[int]] | None:
    """The key digests of each changed table once the changes are in, or ``None`` when an
    added key is a kept row's or a :data:`KEYED` table's keys would change."""
    keys = {}
    for table in gone:
        digests = base.keys(table)
        old = {row_key(table, r) for r in gone[table].rows}
        new = [row_key(table, r) for r in added[table].rows]
        if any(k not in old and key_hash(k) in digests for k in new):
            return None
        if table in KEYED and set(new) != old:
            return None
        keys[table] = (digests - {key_hash(k) for k in old}) | {key_hash(k) for k in new}
    return keys


def _validate(base: Baseline, ctx: v.Tables, day: date) -> list[Issue]:
    """The problems of the added rows (the rows of ``ctx``) with the rest of the bundle given
    by ``base``: :data:`LINE_RULES`, unique keys and lifetimes."""
    index = base.index
    known = {t: frozenset(index["ids"][t.value]) for t in v.SINGULAR}
    issues: list[Issue] = []
    for data in ctx.values():
        issues += v.unique_keys(data)
    issues += v.refer(ctx, known)
    issues += v.self_loops(ctx)
    issues += v.fill_units(ctx, index["units"])
    if ctx[Table.SUPPLIES].rows:
        made, wanted = (_Digests(base.keys(t)) for t in (Table.PRODUCES, Table.NEEDS))
        firms, products = known[Table.ENTERPRISES], known[Table.PRODUCTS]
        issues += v.trade_with(ctx, firms, products, made, wanted)
    issues += v.lifetimes(ctx, day)
    return issues


def _warned(index: dict[str, Any], name: str) -> set[bytes]:
    """The lines of the file ``name`` that carry a warning of the baseline."""
    label = label_of(name)
    return {w["line"].encode() for w in index["warnings"] if w["file"] == label and w.get("line")}


def _carried(index: dict[str, Any], moved: dict[str, dict[bytes, int]]) -> list[Issue]:
    """The baseline's warnings that still hold: those of a changed file on the row its line is
    on now (none when the line is gone), the others as they were."""
    out = []
    for w in index["warnings"]:
        fields = {k: val for k, val in w.items() if k != "line"}
        if w["file"] in moved and w.get("line"):
            row = moved[w["file"]].get(w["line"].encode())
            if row is None:
                continue
            fields["row"] = row
        out.append(Issue(**fields))
    return out


def _label(base: Baseline, table: Table) -> str:
    name = base.file_of(table)
    return label_of(name) if name is not None else f"{table.value}.csv"
