"""Rules between parameters, in the OpenAPI document (issue 12, item 11).

A parameter's schema says what one value may be; these rules relate several, and the routes
enforce them (422 ``validation``, or 415 for an upload of another type). The document states
each rule twice: for people, under **Parameter rules** in the operation's description; for
programs, in the operation's ``x-parameter-rules``, a list of objects of four kinds:

- ``requires``: when ``parameter`` is one of ``values``, every parameter of ``requires`` is given;
- ``exactly-one-of``: exactly one of ``parameters`` is given;
- ``distinct``: the ``parameters`` are not all equal;
- ``ordered``: the ``parameters`` (ISO dates) do not decrease, one not given taking its
  ``defaults`` value (``today``: the server's day);
- ``file-types``: the file part ``parameter`` is named with one of ``extensions`` (its media
  types are in the request body's ``encoding`` too).

tests/api/test_openapi_rules.py reads the rules from the document and checks that the server
refuses exactly what they forbid.
"""

from __future__ import annotations

from typing import Any

from chainatlas.api.routers.bundles import UPLOAD_TYPES
from chainatlas.graph.queries.export import NEEDS_ID

Rule = dict[str, Any]

#: the rules of each operation (by operation id)
RULES: dict[str, list[Rule]] = {
    "export_graph": [
        {
            "rule": "requires",
            "parameter": "query",
            "values": sorted(q.value for q in NEEDS_ID),
            "requires": ["id"],
            "description": "`query` "
            + ", ".join(sorted(q.value for q in NEEDS_ID))
            + " needs `id` (the chain, firm or product it is about).",
        }
    ],
    "supply_paths": [
        {
            "rule": "distinct",
            "parameters": ["source", "target"],
            "description": "`source` and `target` are different firms.",
        }
    ],
    "weighted_paths": [
        {
            "rule": "distinct",
            "parameters": ["source", "target"],
            "description": "`source` and `target` are different firms.",
        }
    ],
    "product_routes": [
        {
            "rule": "distinct",
            "parameters": ["source", "target"],
            "description": "`source` and `target` are different products.",
        }
    ],
    "impact": [
        {
            "rule": "exactly-one-of",
            "parameters": ["enterprise", "product"],
            "description": "Give exactly one of `enterprise` and `product`.",
        }
    ],
    "get_digest": [
        {
            "rule": "ordered",
            "parameters": ["since", "until"],
            "defaults": {"until": "today"},
            "description": "`since` is not after `until` (today when not given).",
        }
    ],
    "upload_bundle": [
        {
            "rule": "file-types",
            "parameter": "file",
            "extensions": sorted(UPLOAD_TYPES),
            "description": "`file` is a .zip of CSV files or one .xlsx workbook, named so "
            "(another type answers 415).",
        }
    ],
}


def describe(doc: dict[str, Any]) -> None:
    """Write :data:`RULES` into ``doc``: ``x-parameter-rules``, the description, and the upload's
    media types."""
    for item in doc.get("paths", {}).values():
        for op in item.values():
            rules = RULES.get(op["operationId"])
            if not rules:
                continue
            op["x-parameter-rules"] = rules
            lines = "\n".join(f"- {r['description']}" for r in rules)
            op["description"] = f"{op.get('description', '')}\n\n**Parameter rules:**\n{lines}"
            for rule in rules:
                if rule["rule"] == "file-types":
                    form = op["requestBody"]["content"]["multipart/form-data"]
                    types = ", ".join(UPLOAD_TYPES[e] for e in rule["extensions"])
                    form["encoding"] = {rule["parameter"]: {"contentType": types}}
