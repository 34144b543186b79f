"""The OpenAPI document's rules between parameters (``x-parameter-rules``, api/rules.py) read
as the document defines them, for the tests that hold the server to them."""

from __future__ import annotations

from datetime import date
from pathlib import PurePosixPath
from typing import Any

Rule = dict[str, Any]
#: the status a request broken by a rule of each kind answers
REFUSAL = {
    "requires": 422,
    "exactly-one-of": 422,
    "distinct": 422,
    "ordered": 422,
    "file-types": 415,
}


def broken(rule: Rule, params: dict[str, Any]) -> bool:
    """Whether ``params`` (name → the value given; a parameter not given is absent) break
    ``rule``."""
    kind = rule["rule"]
    if kind == "requires":
        given = params.get(rule["parameter"]) in rule["values"]
        return given and any(p not in params for p in rule["requires"])
    if kind == "exactly-one-of":
        return sum(p in params for p in rule["parameters"]) != 1
    if kind == "distinct":
        return len({str(params.get(p)) for p in rule["parameters"]}) == 1
    if kind == "ordered":
        defaults: dict[str, str] = rule.get("defaults", {})
        named = [params.get(p, defaults.get(p)) for p in rule["parameters"]]
        days = [date.today().isoformat() if d == "today" else str(d) for d in named if d]
        return days != sorted(days)
    assert kind == "file-types", kind
    name = params.get(rule["parameter"])  # no file at all breaks the schema, not this rule
    return name is not None and PurePosixPath(name).suffix.lower() not in rule["extensions"]
