"""Tables of the committee's answers (补链 / 强链 / 延链, KPIs) and of the map on the ground.

The lists' columns are chosen here, once, for every front door: ``to_pandas``, the CLI's
``--csv`` / ``--xlsx``, the pages' exports and the briefing workbook (the pages head them with
:data:`chainatlas.graph.tables.headings.HEADINGS`). Lists become one cell joined by ``; ``,
reasons two cells (Chinese, English), the score's parts ``parts.<name>`` columns.

>>> t = fill({"targets": [{"rank": 1, "product_id": "caf2", "buyers": 3, "blocks": ["fluorine"],
...     "reasons": [{"zh": "3 家本地企业需要", "en": "3 local firms need it"}]}]}, Names({}))
>>> t.columns[:6], t.rows[0]["blocks"], t.rows[0]["reasons_zh"]
(['rank', 'product_id', 'name', 'name_en', 'chain_id', 'stage'], 'fluorine', '3 家本地企业需要')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from chainatlas.graph import sheets
from chainatlas.graph.queries.kpis import KPI_COLUMNS
from chainatlas.graph.queries.strengthen import PRODUCT_WEIGHTS
from chainatlas.graph.queries.targets import EXTEND_WEIGHTS, FILL_WEIGHTS
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


def _scored(items: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """Rows with their reasons as two cells, one per language, and ``parts`` as
    ``parts.<name>`` columns."""
    out = []
    for item in items:
        row = sheets.flatten({k: v for k, v in item.items() if k != "reasons"})
        row["reasons_zh"] = "；".join(r["zh"] for r in item.get("reasons") or [])
        row["reasons_en"] = "; ".join(r["en"] for r in item.get("reasons") or [])
        out.append(row)
    return out


RANK = {"rank": INT}
PRODUCT = {"product_id": STR, "name": STR, "name_en": STR, "chain_id": STR, "stage": STR}
SCORED = {"score": FLOAT, "reasons_zh": STR, "reasons_en": STR}
#: 补链: each gap product, its local demand, the chains it holds back, producers outside
FILL = RANK | PRODUCT | {"buyers": INT, "demand_base": FLOAT, "base_unit": STR, "blocks": STR}
FILL |= {"needed_by": STR, "outside_producers": STR}
FILL |= {f"parts.{p}": FLOAT for p in FILL_WEIGHTS} | SCORED
#: 强链 products: the five parts of the risk score
WEAK = RANK | PRODUCT | {"producers": STR, "consumers": INT}
WEAK |= {f"parts.{p}": FLOAT for p in PRODUCT_WEIGHTS} | SCORED
#: 强链 firms: sole local producers of products others need
KEY_FIRMS = RANK | {"id": STR, "name": STR, "region_id": STR, "chain_id": STR}
KEY_FIRMS |= {"sole_products": STR, "partners": INT} | SCORED
#: 延链: products to build, by the share of their inputs made locally
EXTEND = RANK | PRODUCT | {"input_share": FLOAT, "local_inputs": STR, "inputs": STR}
EXTEND |= {"downstream": INT, "downstream_firms": STR}
EXTEND |= {f"parts.{p}": FLOAT for p in EXTEND_WEIGHTS} | SCORED
KPIS = {"scope": STR, "id": STR, "name": STR, "name_en": STR}
KPIS |= {k: FLOAT if k in ("coverage", "outside_dependency") else INT for k in KPI_COLUMNS}


def fill(answer: Mapping[str, Any], names: Names) -> Tabular:
    """补链 targets, one row each."""
    return Tabular.of(FILL, _scored(answer.get("targets", [])))


def extend(answer: Mapping[str, Any], names: Names) -> Tabular:
    """延链 targets, one row each."""
    return Tabular.of(EXTEND, _scored(answer.get("targets", [])))


def strengthen_products(answer: Mapping[str, Any], names: Names) -> Tabular:
    """强链: weak products, riskiest first."""
    return Tabular.of(WEAK, _scored(answer.get("products", [])))


def strengthen_firms(answer: Mapping[str, Any], names: Names) -> Tabular:
    """强链: key firms."""
    return Tabular.of(KEY_FIRMS, _scored(answer.get("firms", [])))


def strengthen(answer: Mapping[str, Any], names: Names) -> Tabular:
    """强链: products and firms in one table, told apart by ``list``."""
    rows = [{"list": "product"} | r for r in strengthen_products(answer, names).rows]
    rows += [{"list": "firm"} | r for r in strengthen_firms(answer, names).rows]
    return Tabular.of({"list": STR} | WEAK | KEY_FIRMS, rows)


def kpis(answer: Mapping[str, Any], names: Names) -> Tabular:
    """KPIs: the cluster, each chain, each district."""
    return Tabular.of(KPIS, answer.get("rows", []))


def geo(answer: Mapping[str, Any], names: Names) -> Tabular:
    """The map's features as rows: their properties, and a point's coordinates."""
    rows = []
    for f in answer.get("features", []):
        row = dict(f["properties"])
        if f["geometry"]["type"] == "Point":
            row["lon"], row["lat"] = f["geometry"]["coordinates"]
        rows.append(row)
    return _typed(rows, {"kind": STR, "id": STR, "name": STR, "lon": FLOAT, "lat": FLOAT})


BOARD_CELL = {"kind": STR, "chain_id": STR, "region_id": STR, "count": INT}
BOARD_POST = {
    "id": STR,
    "enterprise_id": STR,
    "kind": STR,
    "chain_id": STR,
    "title": STR,
    "valid_from": STR,
    "accepted_at": STR,
    "answered_by": STR,
}


def board_open(answer: Mapping[str, Any], names: Names) -> Tabular:
    """The board's open needs counted per kind × chain × district."""
    return Tabular.of(BOARD_CELL, answer.get("open_needs", []))


def board_posts(answer: Mapping[str, Any], names: Names) -> Tabular:
    """Posts of the board as the briefing tells them (no contact fields)."""
    return Tabular.of(BOARD_POST, answer.get("posts", []))
