"""Tables of the answers about firms and products: figures, search hits, lists, profiles,
current trade and tiers."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chainatlas.graph import sheets
from chainatlas.graph.tables.core import FLOAT, INT, STR, Names, Tabular, items, joined

ENTITY_LEADS = {"id": STR, "name": STR, "name_en": STR, "short_name": STR}


def stats(answer: Mapping[str, Any], names: Names) -> Tabular:
    """One row per figure."""
    return Tabular.of(
        {"figure": STR, "value": INT}, ({"figure": k, "value": v} for k, v in answer.items())
    )


def search(answer: Mapping[str, Any], names: Names) -> Tabular:
    cols = {"label": STR, "id": STR, "name": STR, "name_en": STR, "short_name": STR}
    return Tabular.of(cols | {"matched": STR, "score": INT}, items(answer))


def entities(answer: Mapping[str, Any], names: Names) -> Tabular:
    """Firms or products with every stored property: names first, lists as one cell."""
    columns, rows = sheets.table(items(answer))
    types = dict(ENTITY_LEADS)
    for c in columns:
        if c not in types:
            values = [r[c] for r in rows if r.get(c) is not None]
            whole = all(isinstance(v, int) and not isinstance(v, bool) for v in values)
            types[c] = INT if values and whole else STR
    return Tabular.of(types, rows)


TRADE = {
    "id": STR,
    "name": STR,
    "region_id": STR,
    "product_id": STR,
    "product_name": STR,
    "volume": FLOAT,
    "unit": STR,
    "since": INT,
    "until": INT,
}


def trade(answer: Mapping[str, Any], names: Names) -> Tabular:
    """Current suppliers or customers: one row per (firm, product)."""
    return Tabular.of(TRADE, items(answer))


RELATION = {
    "relation": STR,
    "product_id": STR,
    "product_name": STR,
    "firm_id": STR,
    "firm_name": STR,
    "amount": FLOAT,
    "unit": STR,
}


def enterprise(answer: Mapping[str, Any], names: Names) -> Tabular:
    """A firm's profile as its relations: what it produces and needs, who supplies it and
    whom it supplies, its cooperation partners (by kind)."""
    rows: list[dict[str, Any]] = []
    for p in answer.get("produces", []):
        rows.append({"relation": "produces", "amount": p.get("capacity"), **_product(p)})
    for p in answer.get("needs", []):
        rows.append({"relation": "needs", "amount": p.get("annual_demand"), **_product(p)})
    for side in ("suppliers", "customers"):
        for t in answer.get(side, []):
            rows.append(
                {
                    "relation": side.removesuffix("s"),
                    "product_id": t["product_id"],
                    "product_name": t.get("product_name") or names.product(t["product_id"]),
                    "firm_id": t["id"],
                    "firm_name": t.get("name"),
                    "amount": t.get("volume"),
                    "unit": t.get("unit"),
                }
            )
    for kind, partners in answer.get("partners", {}).items():
        for p in partners:
            rows.append(
                {"relation": f"partner {kind}", "firm_id": p["id"], "firm_name": p.get("name")}
            )
    return Tabular.of(RELATION, rows)


def _product(p: Mapping[str, Any]) -> dict[str, Any]:
    return {"product_id": p["product_id"], "product_name": p.get("name"), "unit": p.get("unit")}


def product(answer: Mapping[str, Any], names: Names) -> Tabular:
    """A product's profile as its relations: producers and consumers (firms), inputs and
    outputs (products)."""
    rows: list[dict[str, Any]] = []
    for relation in ("producers", "consumers"):
        for f in answer.get(relation, []):
            rows.append(
                {
                    "relation": relation.removesuffix("s"),
                    "product_id": f["product_id"],
                    "product_name": names.product(f["product_id"]),
                    "firm_id": f["id"],
                    "firm_name": f.get("name"),
                    "amount": f.get("amount"),
                    "unit": f.get("unit"),
                }
            )
    for relation in ("inputs", "outputs"):
        for p in answer.get(relation, []):
            rows.append(
                {
                    "relation": relation.removesuffix("s"),
                    "product_id": p["id"],
                    "product_name": p.get("name"),
                }
            )
    return Tabular.of(RELATION, rows)


def tiers(answer: Mapping[str, Any], names: Names) -> Tabular:
    """One row per node behind (or ahead of) the root, by tier."""
    label = (answer.get("root") or {}).get("label", "Enterprise")
    of = names.firms if label == "Enterprise" else names.products
    rows = [
        n
        | {
            "via": joined(n["via"]),
            "via_names": of(n["via"]),
            "products": joined(n["products"]),
            "product_names": names.products(n["products"]),
        }
        for n in answer.get("nodes", [])
    ]
    cols = {"tier": INT, "label": STR, "id": STR, "name": STR, "via": STR, "via_names": STR}
    return Tabular.of(cols | {"products": STR, "product_names": STR}, rows)
