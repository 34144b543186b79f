"""Tables of the history's answers: change sets (one row each, counts summed over tables), a
change set's facts, and the change digest (one row per change, placed in its chain and
district).

>>> t = digest({"items": [{"kind": "firm_left", "label": "退出企业", "id": "E3", "old": None}]},
...            Names({}))
>>> t.columns[:4], t.rows[0]
(['kind', 'label', 'label_en', 'id'], {'kind': 'firm_left', 'label': '退出企业', 'id': 'E3'})
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chainatlas.graph.tables.core import FLOAT, INT, STR, Names, Tabular

#: a change set's record as columns (its counts summed over tables)
RECORD = {
    "id": INT,
    "at": STR,
    "author": STR,
    "kind": STR,
    "source": STR,
    "sha256": STR,
    "added": INT,
    "changed": INT,
    "ended": INT,
    "removed": INT,
    "reverts": INT,
    "reverted_by": INT,
}
FACT = {"table": STR, "key": STR, "op": STR, "source_file": STR, "source_row": INT}
DIGEST = {
    "kind": STR,
    "label": STR,
    "label_en": STR,
    "id": STR,
    "name": STR,
    "name_en": STR,
    "chain_id": STR,
    "region_id": STR,
    "supplier_id": STR,
    "supplier_name": STR,
    "buyer_id": STR,
    "buyer_name": STR,
    "product_id": STR,
    "product_name": STR,
    "old": FLOAT,
    "new": FLOAT,
    "unit": STR,
}
DIGEST_GROUP = {
    "scope": STR,
    "id": STR,
    "name": STR,
    "name_en": STR,
    "coverage_before": FLOAT,
    "coverage_after": FLOAT,
    "firm_joined": INT,
    "firm_left": INT,
    "supply_started": INT,
    "supply_ended": INT,
    "capacity_changed": INT,
    "gap_opened": INT,
    "gap_closed": INT,
    "single_source_began": INT,
    "single_source_ended": INT,
}


def _summed(record: Mapping[str, Any]) -> dict[str, Any]:
    counts = record.get("counts") or {}
    ops = ("added", "changed", "ended", "removed")
    return {**record, **{op: sum(per.get(op, 0) for per in counts.values()) for op in ops}}


def changes(answer: Mapping[str, Any], names: Names) -> Tabular:
    """Change sets, newest first."""
    return Tabular.of(RECORD, (_summed(r) for r in answer.get("items", [])))


def change(answer: Mapping[str, Any], names: Names) -> Tabular:
    """The facts one change set touched (a key's parts joined by ``|``)."""
    facts = answer.get("facts", [])
    return Tabular.of(FACT, ({**f, "key": "|".join(map(str, f["key"]))} for f in facts))


def digest(answer: Mapping[str, Any], names: Names) -> Tabular:
    """The changes of a digest, in its order."""
    return Tabular.of(DIGEST, answer.get("items", []))


def digest_groups(answer: Mapping[str, Any], names: Names) -> Tabular:
    """A digest's counts per scope: the whole cluster, each chain, each district."""
    return Tabular.of(DIGEST_GROUP, answer.get("groups", []))
