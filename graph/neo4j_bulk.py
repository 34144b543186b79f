"""Files for Neo4j's bulk importer (``neo4j-admin database import full``): a load into an
empty database at the importer's speed, giving the same graph as :meth:`Neo4jStore.upsert`.

What the ``upsert_*`` statements of ``cypher/`` make of prepared rows (:func:`graph.rows.
prepare_rows`) is spelled out here once more, as CSV files with typed headers:

- a node per row of a node table, every non-``None`` column a property (``SET n = row``);
- the links the node statements derive: ``LOCATED_IN`` from a park or firm to its region,
  ``IN_CHAIN {stage}`` from a product or firm to its chain (when that node exists);
- a relationship per edge row whose endpoints exist, its columns but the endpoint ids as
  properties (``SET r = row.props``);
- any extra nodes the caller adds (the change-set record, the version node).

Rows of one table may differ in which columns are set and in a column's type (``since`` is a
year or a date), while a CSV header types each column once: rows are grouped by their
signature (column, type) and each group is one file with its own header. Lists are arrays
joined by :data:`ARRAY_DELIMITER`; a value holding it (or a line break, which validation
refuses anyway) is refused with :class:`~graph.errors.InvalidOption`, since the importer would
split it. ``tests/graph/test_neo4j_bulk.py`` imports a bundle this way and compares every
answer with a normal load.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from operator import itemgetter
from pathlib import Path
from typing import Any

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import DERIVED_LINKS, EDGE_TABLES, NODE_TABLES, Label, Rel, Row, Table

#: the importer's array delimiter: the ASCII unit separator, which validation refuses in cells
ARRAY_DELIMITER = "\x1f"
_ADMIN_DELIMITER = "U+001F"
_TYPES = {str: "string", int: "long", float: "double", bool: "boolean"}
Link = tuple[Rel, Label, str, str | None]


def _by_table() -> dict[Table, list[Link]]:
    """Per node table, the links its rows derive (:data:`model.DERIVED_LINKS`): type, target
    label, column, property."""
    found: dict[Table, list[Link]] = {}
    for rel, table, target, column, prop in DERIVED_LINKS:
        found.setdefault(table, []).append((rel, target, column, prop))
    return found


_LINKS = _by_table()


@dataclass
class ImportFiles:
    """The files written and the importer arguments that read them (paths relative to the
    folder); ``counts`` of nodes per label and relationships per type."""

    folder: Path
    args: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    multiline: list[str] = field(default_factory=list)
    #: statements the launcher runs once the imported database is up (constraints, indexes)
    schema: list[str] = field(default_factory=list)

    def take(self, kind: str, name: str, groups: _Groups) -> None:
        """Add the files of ``groups`` as ``--nodes`` or ``--relationships`` of ``name``."""
        self.args += [f"--{kind}={name}=@{n}" for n in groups.close()]
        self.multiline += sorted(groups.multiline)

    def admin_args(self, database: str = "neo4j") -> list[str]:
        """Arguments after ``neo4j-admin database import full``, with absolute paths."""
        fixed = [f"--array-delimiter={_ADMIN_DELIMITER}", "--id-type=string"]
        if self.multiline:
            paths = ",".join(str(self.folder / n) for n in self.multiline)
            fixed += ["--multiline-fields-format=v2", f"--multiline-fields={paths}"]
        out = [a.replace("=@", f"={self.folder}/") for a in self.args]
        return [*fixed, *out, database]

    def absorb(self, part: ImportFiles) -> None:
        """Add the files of ``part``, written into the same folder apart (another process):
        its arguments, counts and multi-line files."""
        self.args += part.args
        self.multiline += part.multiline
        for name, n in part.counts.items():
            self.counts[name] = self.counts.get(name, 0) + n

    def save(self) -> Path:
        """Write ``import.json`` beside the files (what ``scripts/neo4j-local import`` reads)."""
        path = self.folder / "import.json"
        doc = {"args": self.admin_args(), "counts": self.counts, "schema": self.schema}
        path.write_text(json.dumps(doc, indent=1, ensure_ascii=False))
        return path


def _type_of(column: str, value: Any) -> str:
    """The importer's type of ``value`` (a list's items are checked by :func:`_cell`)."""
    if isinstance(value, list):
        return "string[]"
    kind = _TYPES.get(type(value))
    if kind is None:
        raise InvalidOption("bulk", f"column {column}: a {type(value).__name__} cannot be imported")
    return kind


def _cell(column: str, value: Any) -> str:
    if isinstance(value, list):  # as _type_of names it: a list of any kind is string[]
        for x in value:
            if not isinstance(x, str):
                raise InvalidOption("bulk", f"column {column}: only lists of text can be imported")
            if ARRAY_DELIMITER in x or "\n" in x or "\r" in x:
                raise InvalidOption("bulk", f"column {column}: {x!r} cannot be imported")
        value = ARRAY_DELIMITER.join(value)
    kind = type(value)  # by exact type: a cell of every column of every row
    if kind is str:
        if value == "" or value.endswith("\\"):
            # "" and a closing \" are escaped quotes to the multi-line reader (_Groups.add)
            raise InvalidOption("bulk", f"column {column}: {value!r} cannot be imported")
        return str(value)  # the same object: str of a str
    if kind is bool:
        return "true" if value else "false"
    if kind is float:
        return repr(value)
    return str(value)


#: the types whose values are cells as they are (text once checked)
_AS_IS = (str, int, float)


class _File:
    """One file of a kind: its rows share a shape (which columns, each value's type) and so
    one typed header. What each cell needs is worked out once, from the first row: text is
    checked (:func:`_cell`'s checks, made on the row's texts at once), numbers are written as
    the CSV writer writes them (an int's ``str``, a float's ``repr``, as :func:`_cell` does),
    lists and booleans go through :func:`_cell`."""

    def __init__(self, path: Path, header: list[str], present: list[tuple[str, Any]]) -> None:
        self.name = path.name
        self.columns = [k for k, _ in present]
        self.converted = [i for i, (_, v) in enumerate(present) if type(v) not in _AS_IS]
        self.text_at = [i for i, (_, v) in enumerate(present) if type(v) is str]
        #: the row's texts as one call: a tuple even of one (itemgetter gives that one alone)
        self.texts: Callable[[list[Any]], tuple[Any, ...]] | None = None
        if len(self.text_at) > 1:
            self.texts = itemgetter(*self.text_at)
        elif self.text_at:
            self.texts = lambda values, at=self.text_at[0]: (values[at],)
        #: whether a text value spans lines (search_text): the importer parses such files slower
        self.multiline = False
        self.fh = path.open("w", newline="", encoding="utf-8")
        # the importer's multi-line reader (v2) cuts a file into 4 MB chunks, finding a
        # record's start by reading back from the cut: it takes a line feed followed by an
        # unquoted cell for one, and refuses a CR or a quoted first cell there ("Weird input
        # data": every bulk load of more than ~10,000 firms failed with QUOTE_ALL and CRLF).
        # So: LF only, and quotes only where a cell needs them.
        self.writer = csv.writer(self.fh, lineterminator="\n")
        self.writer.writerow(header)

    def write(self, fixed: list[Any], values: list[Any]) -> None:
        for i in self.converted:
            values[i] = _cell(self.columns[i], values[i])
        if self.texts is not None:
            texts = self.texts(values)
            joined = "".join(texts)
            if "" in texts or "\\" in joined:  # rare: the cell refused, as _cell words it
                for i in self.text_at:
                    _cell(self.columns[i], values[i])
            if not self.multiline and ("\n" in joined or "\r" in joined):
                self.multiline = True
        self.writer.writerow([*fixed, *values])


class _Groups:
    """Rows of one kind (a label or a relationship type) grouped by their typed columns."""

    def __init__(self, folder: Path, stem: str, fixed: list[tuple[str, str]]) -> None:
        self.folder, self.stem, self.fixed = folder, stem, fixed
        self.files: dict[tuple[tuple[str, ...], tuple[type, ...]], _File] = {}
        self.count = 0
        #: files with a value spanning lines (search_text): the importer parses those slower
        self.multiline: set[str] = set()

    def add(self, fixed: list[Any], props: Mapping[str, Any], skip: tuple[str, ...] = ()) -> None:
        """Write a row: the ``fixed`` cells (ids), then the properties of ``props`` but those
        named in ``skip``."""
        # an empty list is left out as None is (the importer reads an empty array field as no
        # value; the bulk_* statements give it back): its "" cell is what the importer's
        # multi-line reader misreads as an escaped quote where it cuts a file into chunks
        present = [
            (k, v)
            for k, v in props.items()
            if v is not None and (v or not isinstance(v, list)) and k not in skip
        ]
        # the rows of a kind share a few shapes: a shape's file is found by it (millions of
        # rows: the keys and types taken out by zip and map, not a loop of Python)
        keys, values = zip(*present, strict=True) if present else ((), ())
        shape = (keys, tuple(map(type, values)))
        file = self.files.get(shape)
        if file is None:
            sig = [(k, _type_of(k, v)) for k, v in present]
            header = [h for h, _ in self.fixed] + [f"{k}:{t}" for k, t in sig]
            path = self.folder / f"{self.stem}-{len(self.files)}.csv"
            file = self.files[shape] = _File(path, header, present)
        file.write(fixed, list(values))
        self.count += 1

    def close(self) -> list[str]:
        names = []
        for file in self.files.values():
            file.fh.close()
            names.append(file.name)
            if file.multiline:
                self.multiline.add(file.name)
        return names

    def __del__(self) -> None:  # a refused value leaves the files of its group open
        for file in self.files.values():
            file.fh.close()


def write_import_files(
    tables: Mapping[Table, Iterable[Row]],
    folder: Path,
    *,
    extra_nodes: Iterable[tuple[Label | str, Row]] = (),
) -> ImportFiles:
    """Write the import files of prepared ``tables`` (and ``extra_nodes``, each ``(label,
    properties)`` without an import id) into ``folder``, which must be empty or absent."""
    empty_folder(folder)
    return write_part(tables, folder, extra_nodes=extra_nodes)


def empty_folder(folder: Path) -> None:
    """Make ``folder`` if absent; :class:`~graph.errors.InvalidOption` if it holds anything."""
    folder.mkdir(parents=True, exist_ok=True)
    if any(folder.iterdir()):
        raise InvalidOption("bulk", f"{folder} is not empty")


def write_part(
    tables: Mapping[Table, Iterable[Row]],
    folder: Path,
    *,
    extra_nodes: Iterable[tuple[Label | str, Row]] = (),
    ids: Mapping[Label, set[str]] | None = None,
) -> ImportFiles:
    """:func:`write_import_files` into a folder that other parts write into too (one table
    is in one part: the file names are the tables'). The relationships of ``tables`` are
    those whose ends are nodes of ``tables``, or else of ``ids`` (per label, the node ids
    another part writes)."""
    files = ImportFiles(folder)
    ids = {label: set(known) for label, known in (ids or {}).items()}
    links: dict[tuple[Rel, Label], _Groups] = {}
    for table, label in NODE_TABLES.items():
        groups = _Groups(folder, table.value, [(f"id:ID({label.value})", "")])
        seen = ids.setdefault(label, set())
        # one pass, row by row (a province's firms need not all be in memory at once): a
        # link's target is a label of an earlier table (_LINKS), so its ids are all seen
        for row in tables.get(table, ()):
            seen.add(row["id"])
            groups.add([row["id"]], row, skip=("id",))
            for rel, target, column, prop in _LINKS.get(table, ()):
                if row.get(column) in ids.get(target, ()):
                    g = links.get((rel, label))
                    if g is None:  # one file set per (type, source label): id spaces differ
                        head = [(f":START_ID({label.value})", ""), (f":END_ID({target.value})", "")]
                        stem = f"link-{rel.value}-{label.value}"
                        g = links[(rel, label)] = _Groups(folder, stem, head)
                    g.add([row["id"], row[column]], {prop: row.get(prop)} if prop else {})
        files.counts[label.value] = groups.count
        files.take("nodes", label.value, groups)
    for (rel, label), g in links.items():
        files.counts[f"{rel.value} from {label.value}"] = g.count
        files.take("relationships", rel.value, g)
    for table, (rel, (src_label, src), (dst_label, dst)) in EDGE_TABLES.items():
        head = [(f":START_ID({src_label.value})", ""), (f":END_ID({dst_label.value})", "")]
        groups = _Groups(folder, table.value, head)
        src_ids, dst_ids = ids.get(src_label, set()), ids.get(dst_label, set())
        ends = (src, dst)
        for row in tables.get(table, ()):
            if row[src] in src_ids and row[dst] in dst_ids:
                groups.add([row[src], row[dst]], row, skip=ends)
        files.counts[rel.value] = files.counts.get(rel.value, 0) + groups.count
        files.take("relationships", rel.value, groups)
    extra: dict[str, _Groups] = {}
    for extra_label, props in extra_nodes:
        name = str(extra_label)
        g = extra.setdefault(name, _Groups(folder, f"node-{name}", []))
        g.add([], props)
    for name, g in extra.items():
        files.counts[name] = g.count
        files.take("nodes", name, g)
    return files
