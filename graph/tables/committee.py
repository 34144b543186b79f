"""Tables of the committee's answers (补链 / 强链 / 延链, KPIs) and of the map on the ground.

Columns are those of the answers' rows, flattened by :func:`chainatlas.graph.sheets.table`
(lists joined by ``; ``), typed from the values: the page exports (``api/pages/tables.py``)
choose headings for people, these keep the answer's own names for analysts.

>>> t = fill({"targets": [{"rank": 1, "product_id": "caf2", "buyers": 3, "blocks": ["fluorine"]}]},
...          Names({}))
>>> t.columns, t.rows[0]["blocks"]
(['rank', 'product_id', 'name', 'score', 'buyers', 'blocks'], 'fluorine')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from chainatlas.graph import sheets
from chainatlas.graph.tables.core import BOOL, FLOAT, INT, STR, Names, Tabular


def _typed(items: Iterable[Mapping[str, Any]], lead: Mapping[str, str]) -> Tabular:
    """``lead`` columns first (there even when no row is), then every other member."""
    found, rows = sheets.table(items)
    columns = [*lead, *(c for c in found if c not in lead)]
    types: dict[str, str] = {}
    for c in columns:
        values = [r[c] for r in rows if r.get(c) is not None]
        kinds = {type(v) for v in values}
        if kinds and kinds <= {bool}:
            types[c] = BOOL
        elif kinds and kinds <= {int}:
            types[c] = INT
        elif kinds and kinds <= {int, float}:
            types[c] = FLOAT
        else:
            types[c] = STR if kinds else lead.get(c, STR)
    return Tabular.of(types, ({k: _cell(v) for k, v in r.items()} for r in rows))


def _cell(value: Any) -> Any:
    return value if isinstance(value, bool | int | float) or value is None else str(value)


#: the columns a table has even when the answer lists nothing
RANKED = {"rank": INT, "product_id": STR, "name": STR, "score": FLOAT}


def fill(answer: Mapping[str, Any], names: Names) -> Tabular:
    """补链 targets, one row each."""
    return _typed(answer.get("targets", []), RANKED)


def extend(answer: Mapping[str, Any], names: Names) -> Tabular:
    """延链 targets, one row each."""
    return _typed(answer.get("targets", []), RANKED)


def strengthen(answer: Mapping[str, Any], names: Names) -> Tabular:
    """强链: products and firms in one table, told apart by ``list``."""
    rows = [{"list": "product", **p} for p in answer.get("products", [])]
    rows += [{"list": "firm", **f} for f in answer.get("firms", [])]
    return _typed(rows, {"list": STR, "rank": INT, "id": STR, "name": STR, "score": FLOAT})


def kpis(answer: Mapping[str, Any], names: Names) -> Tabular:
    """KPIs: the cluster, each chain, each district."""
    return _typed(answer.get("rows", []), {"scope": STR, "id": STR, "name": STR})


def geo(answer: Mapping[str, Any], names: Names) -> Tabular:
    """The map's features as rows: their properties, and a point's coordinates."""
    rows = []
    for f in answer.get("features", []):
        row = dict(f["properties"])
        if f["geometry"]["type"] == "Point":
            row["lon"], row["lat"] = f["geometry"]["coordinates"]
        rows.append(row)
    return _typed(rows, {"kind": STR, "id": STR, "name": STR, "lon": FLOAT, "lat": FLOAT})
