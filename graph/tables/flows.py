"""Tables of the answers that rank candidates or walk paths: matchmaking, supply paths (plain
and weighted by volume) and process routes. A path becomes one row per hop, numbered."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chainatlas.graph.tables.core import BOOL, FLOAT, INT, STR, Names, Tabular, joined

MATCH = {
    "rank": INT,
    "product_id": STR,
    "product_name": STR,
    "id": STR,
    "name": STR,
    "region_id": STR,
    "chain_id": STR,
    "stage": STR,
    "scale": STR,
    "score": FLOAT,
    "current": BOOL,
    "capacity": FLOAT,
    "annual_demand": FLOAT,
    "unit": STR,
    "reasons_zh": STR,
    "reasons_en": STR,
}


def match(answer: Mapping[str, Any], names: Names) -> Tabular:
    """Candidates, best first, with their reasons in both languages."""
    rows = [
        c
        | {
            "rank": i,
            "reasons_zh": joined([r["zh"] for r in c.get("reasons", [])]),
            "reasons_en": joined([r["en"] for r in c.get("reasons", [])]),
        }
        for i, c in enumerate(answer.get("candidates", []), 1)
    ]
    return Tabular.of(MATCH, rows)


HOP = {
    "path": INT,
    "length": INT,
    "step": INT,
    "from": STR,
    "from_name": STR,
    "to": STR,
    "to_name": STR,
    "product_id": STR,
    "product_name": STR,
}


def _hops(answer: Mapping[str, Any], names: Names) -> list[dict[str, Any]]:
    return [
        h
        | {
            "path": i,
            "length": p["length"],
            "path_share": p.get("share"),
            "step": s,
            "from_name": names.firm(h["from"]),
            "to_name": names.firm(h["to"]),
            "product_name": h.get("product_name") or names.product(h["product_id"]),
        }
        for i, p in enumerate(answer.get("paths", []), 1)
        for s, h in enumerate(p["hops"], 1)
    ]


def supply_paths(answer: Mapping[str, Any], names: Names) -> Tabular:
    """One row per hop of each path (``path`` numbers the paths, ``step`` the hops)."""
    return Tabular.of(HOP, _hops(answer, names))


def weighted_paths(answer: Mapping[str, Any], names: Names) -> Tabular:
    """As :func:`supply_paths`, with the path's share, each hop's volume and share."""
    cols = {"path": INT, "length": INT, "path_share": FLOAT} | HOP
    return Tabular.of(cols | {"volume": FLOAT, "unit": STR, "share": FLOAT}, _hops(answer, names))


def routes(answer: Mapping[str, Any], names: Names) -> Tabular:
    """One row per product of each route, with the firms in the map making it."""
    makers = answer.get("producers", {})
    rows = [
        {
            "route": i,
            "length": r["length"],
            "step": s,
            "product_id": pid,
            "product_name": names.product(pid),
            "producers": joined(makers.get(pid, [])),
            "producer_names": names.firms(makers.get(pid, [])),
        }
        for i, r in enumerate(answer.get("routes", []), 1)
        for s, pid in enumerate(r["nodes"])
    ]
    cols = {"route": INT, "length": INT, "step": INT, "product_id": STR, "product_name": STR}
    return Tabular.of(cols | {"producers": STR, "producer_names": STR}, rows)
