"""Tables of the answers about chains, weak links and key firms: chain figures and
panoramas, gaps, single-source products, impact, centrality, PageRank, communities, and an
analyst's Cypher rows."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from chainatlas.graph.tables.core import BOOL, FLOAT, INT, STR, Names, Tabular, items, joined


def chain_firms(answer: Mapping[str, Any], names: Names) -> Tabular:
    """One row per firm of a chain, busiest first: stage, region, scale, supply links."""
    cols = {"id": STR, "name": STR, "stage": STR, "region_id": STR, "scale": STR}
    return Tabular.of(cols | {"links": INT}, items(answer))


def chains(answer: Mapping[str, Any], names: Names) -> Tabular:
    """One row per chain: its figures, firms per stage and local-supply coverage."""
    rows = []
    for c in items(answer):
        row = dict(c) | {f"firms_{s['stage']}": s["firms"] for s in c.get("stages", [])}
        cover = c.get("coverage") or {}
        row |= {k: cover.get(k) for k in ("needs", "producible", "supplied")}
        row |= {k: cover.get(k) for k in ("producible_share", "supplied_share")}
        rows.append(row)
    stages = {k: INT for r in rows for k in r if k.startswith("firms_")}
    cols = {"id": STR, "name": STR, "name_en": STR, "firms": INT, "products": INT, "links": INT}
    cover_cols = {"needs": INT, "producible": INT, "supplied": INT}
    shares = {"producible_share": FLOAT, "supplied_share": FLOAT}
    return Tabular.of(cols | stages | cover_cols | shares, rows)


def chain(answer: Mapping[str, Any], names: Names) -> Tabular:
    """A chain's panorama: one row per firm and product of each stage."""
    rows = [
        {"stage": s["stage"], "stage_en": s["stage_en"], "label": label, **x}
        for s in answer.get("stages", [])
        for label, member in (("Enterprise", "firms"), ("Product", "products"))
        for x in s.get(member, [])
    ]
    cols = {"stage": STR, "stage_en": STR, "label": STR, "id": STR, "name": STR}
    return Tabular.of(cols | {"region_id": STR, "scale": STR}, rows)


def gaps(answer: Mapping[str, Any], names: Names) -> Tabular:
    """Products needed and made by nobody in the map, with the firms needing them."""
    rows = [
        g
        | {
            "needed_by": joined([f["id"] for f in g.get("needed_by", [])]),
            "needed_by_names": joined([f.get("name") or f["id"] for f in g.get("needed_by", [])]),
        }
        for g in items(answer, "items" if "items" in answer else "gaps")
    ]
    cols = {"product_id": STR, "name": STR, "name_en": STR, "chain_id": STR, "stage": STR}
    extra = {"firms": INT, "demand_base": FLOAT, "base_unit": STR}
    return Tabular.of(cols | extra | {"needed_by": STR, "needed_by_names": STR}, rows)


def single_source(answer: Mapping[str, Any], names: Names) -> Tabular:
    """Products with one producer that others need, with that producer and the consumers."""
    rows = [
        p
        | {
            "producer_id": p["producer"]["id"],
            "producer_name": p["producer"].get("name"),
            "consumer_ids": joined(p.get("consumer_ids", [])),
            "consumer_names": names.firms(p.get("consumer_ids", [])),
        }
        for p in items(answer, "items" if "items" in answer else "products")
    ]
    cols = {"product_id": STR, "name": STR, "producer_id": STR, "producer_name": STR}
    counts = {"consumers": INT, "consumer_ids": STR, "consumer_names": STR}
    return Tabular.of(
        cols | counts | {"capacity_base": FLOAT, "demand_base": FLOAT, "base_unit": STR}, rows
    )


def impact(answer: Mapping[str, Any], names: Names) -> Tabular:
    """Firms that lose every supplier of something, tier by tier, with what they lose; then
    the firms whose supply of a removed product comes from outside the map (no tier)."""
    rows = [
        a
        | {
            "lost_products": joined([x["product_id"] for x in a.get("lost", [])]),
            "lost_product_names": names.products(x["product_id"] for x in a.get("lost", [])),
            "lost_suppliers": joined(
                sorted({s for x in a.get("lost", []) for s in x["suppliers"]})
            ),
        }
        for a in answer.get("affected", [])
    ]
    rows += [f | {"from_outside": True} for f in (answer.get("outside") or {}).get("needed_by", [])]
    cols = {"tier": INT, "id": STR, "name": STR, "region_id": STR}
    lost = {"lost_products": STR, "lost_product_names": STR, "lost_suppliers": STR}
    return Tabular.of(cols | lost | {"from_outside": BOOL}, rows)


def _ranked(answer: Mapping[str, Any]) -> list[dict[str, Any]]:
    start = int(answer.get("offset", 0))
    return [i | {"rank": start + n} for n, i in enumerate(items(answer), 1)]


def centrality(answer: Mapping[str, Any], names: Names) -> Tabular:
    cols = {"rank": INT, "id": STR, "name": STR, "region_id": STR, "value": FLOAT}
    rest = {"degree": FLOAT, "betweenness": FLOAT, "in_degree": INT, "out_degree": INT}
    return Tabular.of(cols | rest, _ranked(answer))


def pagerank(answer: Mapping[str, Any], names: Names) -> Tabular:
    cols = {"rank": INT, "id": STR, "name": STR, "region_id": STR, "value": FLOAT}
    return Tabular.of(cols | {"relied_on_by": INT, "relies_on": INT}, _ranked(answer))


def communities(answer: Mapping[str, Any], names: Names) -> Tabular:
    """One row per member firm it names (a community names its first 50: graph/queries/
    network.py), with its community's number and size (every member)."""
    rows = [
        m | {"community": c["id"], "size": c["size"]}
        for c in answer.get("communities", [])
        for m in c["members"]
    ]
    cols = {"community": INT, "size": INT, "id": STR, "name": STR, "region_id": STR}
    return Tabular.of(cols, rows)


def cypher(answer: Mapping[str, Any], names: Names) -> Tabular:
    """The query's own columns; values that are not scalars as their text."""
    columns = list(answer.get("columns", []))
    rows = [dict(zip(columns, r, strict=False)) for r in answer.get("rows", [])]
    types = {}
    for c in columns:
        values = [r[c] for r in rows if r.get(c) is not None]
        if values and all(isinstance(v, int) and not isinstance(v, bool) for v in values):
            types[c] = INT
        elif values and all(isinstance(v, int | float) and not isinstance(v, bool) for v in values):
            types[c] = FLOAT
        else:
            types[c] = "object"
    return Tabular.of(types, rows)
