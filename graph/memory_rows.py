"""How the embedded store reports its rows: edges, a firm's trade, a product's makers, counts.

Pure functions of rows (no graph, no store), so that :class:`graph.memory.MemoryStore` only
finds the rows and these shape them as the store contract (:mod:`graph.store`) says.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from operator import itemgetter
from typing import Any

from chainatlas.graph.asof import holds, member
from chainatlas.graph.memory_graph import DISCRIMINATOR, FIRM_COLUMNS, Tables
from chainatlas.graph.model import EDGE_TABLES, Rel, Row, Table
from chainatlas.graph.rows import compact
from chainatlas.graph.shapes import Stats

#: per stored relationship type: source column, target column, discriminator, endpoint columns
_EDGE_SPEC = {
    rel: (src, dst, DISCRIMINATOR.get(rel), frozenset((src, dst)))
    for rel, (_, src), (_, dst) in EDGE_TABLES.values()
}


def edge_item(rel: Rel, row: Row) -> dict[str, Any]:
    """An edge row as edges() and adjacent() report it.

    >>> edge_item(Rel.SUPPLIES, {"supplier_id": "E1", "buyer_id": "E3", "product_id": "pta",
    ...                          "volume": 12000, "unit": None})
    {'source': 'E1', 'target': 'E3', 'key': 'pta', 'props': {'product_id': 'pta', 'volume': 12000}}
    """
    src, dst, disc, skip = _EDGE_SPEC[rel]
    return {
        "source": row[src],
        "target": row[dst],
        "key": row[disc] if disc else "",
        "props": compact({k: v for k, v in row.items() if k not in skip}),
    }


def edge_triples(rel: Rel, rows: Iterable[Row]) -> list[tuple[str, str, str]]:
    """Edge rows' ``(source, target, key)``, as adjacent_keys() reports them (a walk reads
    thousands a step: the columns are looked up once).

    >>> edge_triples(Rel.SUPPLIES, [{"supplier_id": "E1", "buyer_id": "E3", "product_id": "pta"}])
    [('E1', 'E3', 'pta')]
    """
    src, dst, disc, _ = _EDGE_SPEC[rel]
    if disc is None:
        return [(row[src], row[dst], "") for row in rows]
    return list(map(itemgetter(src, dst, disc), rows))  # in C: a hub's step is 10,000 rows


def edge_order(edge: dict[str, Any]) -> tuple[str, str, str]:
    """How edges() and adjacent() sort what they report."""
    return edge["source"], edge["target"], edge["key"]


#: per relationship type, the columns naming its endpoints: nodes, not relationship properties
_ENDPOINT_COLS = {rel: {a, b} for rel, (_, a), (_, b) in EDGE_TABLES.values()}


def edge_props(rel: Rel, props: Row) -> dict[str, Any]:
    """A relationship's own properties (its endpoint columns left out), as neighbours()
    reports them."""
    skip = _ENDPOINT_COLS.get(rel, set())
    return compact({k: v for k, v in props.items() if k not in skip})


def trade_record(firm: Row, supply: Row, product: Mapping[str, Any]) -> dict[str, Any]:
    """A supplier or customer of a firm: the other firm, what goes between them, how much.

    >>> trade_record({"id": "E1", "name": "甲", "region_id": "ningbo"},
    ...              {"product_id": "pta", "volume": 12000, "unit": "t"}, {"name": "精对苯二甲酸"})
    {'id': 'E1', 'name': '甲', 'product_id': 'pta', 'product_name': '精对苯二甲酸',
     'region_id': 'ningbo', 'unit': 't', 'volume': 12000}
    """
    return compact(
        {
            "id": firm["id"],
            "name": firm["name"],
            "region_id": firm.get("region_id"),
            "product_id": supply["product_id"],
            "product_name": product.get("name"),
            "volume": supply.get("volume"),
            "unit": supply.get("unit"),
            "since": supply.get("since"),
        }
    )


def maker_record(
    product_id: str, firm: Row, edge: Row, amount: str, amount_base: str
) -> dict[str, Any]:
    """A producer or consumer of a product: the firm, and its ``amount`` column (capacity or
    annual demand) as given and in base units; as :func:`compact` gives it (keys sorted,
    ``None`` left out), made so directly: a common material has thousands of makers.

    >>> maker_record("pta", {"id": "E1", "name": "甲", "stage": None}, {"capacity": 5,
    ...     "unit": "t"}, "capacity", "capacity_base")
    {'amount': 5, 'id': 'E1', 'name': '甲', 'product_id': 'pta', 'unit': 't'}
    """
    get, at = firm.get, edge.get
    found = {
        "amount": at(amount),
        "amount_base": at(amount_base),
        "base_unit": at("base_unit"),
        "chain_id": get("chain_id"),
        "id": firm["id"],
        "name": firm["name"],
        "product_id": product_id,
        "region_id": get("region_id"),
        "scale": get("scale"),
        "stage": get("stage"),
        "unit": at("unit"),
    }
    if None in found.values():
        return {k: v for k, v in found.items() if v is not None}
    return found


def table_stats(tables: Tables, as_of: str | None = None) -> Stats:
    """What the store holds, counted (the store contract's ``stats``); only the facts that
    hold on ``as_of`` (an ISO date; ``None``: every fact) are counted."""

    firms = {k: r for k, r in tables[Table.ENTERPRISES].items() if member(r, as_of)}

    def current(table: Table) -> list[Row]:
        cols = FIRM_COLUMNS[EDGE_TABLES[table][0]]
        return [
            r
            for r in tables[table].values()
            if holds(r, as_of) and all((r[c],) in firms for c in cols)
        ]

    supplies, coops = current(Table.SUPPLIES), current(Table.COOPERATIONS)
    ends = [(r["supplier_id"], r["buyer_id"]) for r in supplies]
    ends += [(r["from_id"], r["to_id"]) for r in coops]
    collaborating = {f for a, b in ends if a != b for f in (a, b)}  # with *another* firm
    return {
        "enterprises": len(firms),
        "collaborating_enterprises": len(collaborating),
        "supplied_products": len({r["product_id"] for r in supplies}),
        "chains": len(tables[Table.CHAINS]),
        "regions": len(tables[Table.REGIONS]),
        "products": len(tables[Table.PRODUCTS]),
        "supply_edges": len(supplies),
        "cooperation_edges": len(coops),
        "produces_edges": len(current(Table.PRODUCES)),
        "needs_edges": len(current(Table.NEEDS)),
        "route_edges": len(tables[Table.PRODUCT_INPUTS]),
    }
