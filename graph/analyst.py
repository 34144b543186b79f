"""Guarding and shaping an analyst's Cypher: the plan check and JSON-friendly values.

:func:`check_plan` walks the plan an ``EXPLAIN`` returns and refuses, with a reason a person
can act on, anything that is not a plain read: write operators, ``LOAD CSV``, schema and
admin commands, and procedures outside :data:`ALLOWED_PROCEDURES`. The Neo4j store runs what
passes in a READ transaction with a time limit, so the plan check is the first of two locks.

>>> check_plan({"operatorType": "ProduceResults@neo4j", "children": [
...     {"operatorType": "ProcedureCall@neo4j", "args": {"Details": "db.labels() :: (label)"}}]},
...     "r")
>>> check_plan({"operatorType": "Create@neo4j", "args": {"Details": "(n:X)"}}, "rw")
Traceback (most recent call last):
...
chainatlas.graph.errors.QueryRefused: only read-only queries are allowed (the plan writes: Create)
>>> to_json({"when": [1, 2.5, None, "x"]})
{'when': [1, 2.5, None, 'x']}
"""

from __future__ import annotations

import math
import re
from collections.abc import Iterator, Mapping
from typing import Any

from neo4j.graph import Node, Path, Relationship

from chainatlas.graph.errors import QueryRefused

#: harmless read procedures an analyst may call
ALLOWED_PROCEDURES = frozenset(
    {
        "db.labels",
        "db.relationshipTypes",
        "db.propertyKeys",
        "db.schema.visualization",
        "db.index.fulltext.queryNodes",
    }
)

#: plan operators (name without the ``@runtime`` suffix) that write or change the database
_WRITE_PREFIXES = (
    "Create",
    "Merge",
    "LockingMerge",
    "Delete",
    "DetachDelete",
    "Set",
    "Remove",
    "Foreach",
    "SubqueryForeach",
    "Transaction",
    "Drop",
    "Alter",
    "Rename",
    "Grant",
    "Deny",
    "Revoke",
    "Terminate",
    "Start",
    "Stop",
    "Enable",
    "Assert",
    "DoNothingIfExists",
)
_APOC_OR_DBMS = re.compile(r"\b(apoc|dbms)\.[A-Za-z0-9_.]*\s*\(")


def operators(plan: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """(operator name, details) of every operator in a plan, depth first."""
    name = str(plan.get("operatorType", "")).split("@", 1)[0]
    yield name, str((plan.get("args") or {}).get("Details", ""))
    for child in plan.get("children") or ():
        yield from operators(child)


def check_plan(plan: Mapping[str, Any], query_type: str | None) -> None:
    """Raise :class:`QueryRefused` unless the plan only reads with allowed procedures."""
    ops = list(operators(plan))
    writes = sorted({n for n, _ in ops if n.startswith(_WRITE_PREFIXES)})
    if writes:
        raise QueryRefused(
            f"only read-only queries are allowed (the plan writes: {', '.join(writes)})"
        )
    if any(n == "LoadCSV" for n, _ in ops):
        raise QueryRefused("LOAD CSV is not allowed: analyst queries read the graph only")
    for name, details in ops:
        if name == "ProcedureCall":
            proc = details.split("(", 1)[0].strip()
            if proc not in ALLOWED_PROCEDURES:
                allowed = ", ".join(sorted(ALLOWED_PROCEDURES))
                raise QueryRefused(f"procedure {proc} is not allowed (allowed: {allowed})")
        elif name.startswith("Show"):
            raise QueryRefused("SHOW commands are not allowed: query the graph instead")
        if _APOC_OR_DBMS.search(details):
            raise QueryRefused("apoc.* and dbms.* are not allowed in analyst queries")
    if query_type not in (None, "r"):
        raise QueryRefused(f"only read-only queries are allowed (query type {query_type!r})")


_LEADING = re.compile(r"^\s*(?://[^\n]*\n\s*)*(EXPLAIN|PROFILE|CYPHER)\b", re.IGNORECASE)


def check_text(text: str) -> str:
    """The query text, stripped; refuses an empty text and EXPLAIN / PROFILE / CYPHER
    prefixes (the store adds its own EXPLAIN to check the plan)."""
    stripped = text.strip().rstrip(";").strip()
    if not stripped:
        raise QueryRefused("empty query")
    m = _LEADING.match(stripped)
    if m:
        raise QueryRefused(f"send the query without a leading {m.group(1).upper()}")
    return stripped


def to_json(value: Any) -> Any:
    """A driver value as JSON-friendly Python: nodes become ``{labels, props}``,
    relationships ``{type, props}``, paths the list of their nodes and relationships in
    order, temporal values ISO strings, points ``{srid, coordinates}``, NaN and infinities
    None, bytes hex strings."""
    if value is None or isinstance(value, bool | int | str):
        return value
    if isinstance(value, float):
        return value if math.isfinite(value) else None
    if isinstance(value, Node):
        return {"labels": sorted(value.labels), "props": to_json(dict(value))}
    if isinstance(value, Relationship):
        return {"type": value.type, "props": to_json(dict(value))}
    if isinstance(value, Path):
        items: list[Any] = [to_json(value.nodes[0])]
        for rel, node in zip(value.relationships, value.nodes[1:], strict=True):
            items += [to_json(rel), to_json(node)]
        return items
    if isinstance(value, Mapping):
        return {str(k): to_json(v) for k, v in value.items()}
    if isinstance(value, bytes | bytearray):
        return bytes(value).hex()
    if isinstance(value, list | tuple):
        srid = getattr(value, "srid", None)
        if srid is not None:
            return {"srid": srid, "coordinates": [to_json(c) for c in value]}
        return [to_json(v) for v in value]
    iso = getattr(value, "iso_format", None)
    if callable(iso):
        return str(iso())
    return str(value)
