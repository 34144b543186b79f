"""Supply from outside the map: the firms needing a product that neither make it nor buy it
from a firm in the map. Impact (:mod:`.risk`) answers it for a removed product, so a product
no local firm makes (萤石 fluorspar in the demo) reads "its whole supply comes from outside
the map; 3 firms need it, 261,500 t a year" instead of a bare "0 firms affected".
"""

from __future__ import annotations

from collections.abc import Collection
from typing import cast

from chainatlas.graph.model import Label, Rel
from chainatlas.graph.queries.answers_impact import OutsideSupply
from chainatlas.graph.queries.reasons import qty
from chainatlas.graph.queries.subgraph import NODE_FIELDS, Subgraph, ref
from chainatlas.graph.store import GraphStore


def outside_supply(
    store: GraphStore, product_id: str, supplied: Collection[str], g: Subgraph
) -> OutsideSupply | None:
    """The firms needing ``product_id`` that neither make it nor buy it from a firm in the
    map (``supplied``: the buyers with a current supplier in it), with their annual demand
    and a sentence in both languages, ``None`` when there is none; their NEEDS edges join
    ``g``. ``store`` is already seen on the answer's day."""
    makers = {e["source"] for e in store.adjacent(Rel.PRODUCES, [product_id], direction="in")}
    needs = [
        e
        for e in store.adjacent(Rel.NEEDS, [product_id], direction="in")
        if e["source"] not in makers and e["source"] not in supplied
    ]
    if not needs:
        return None
    asking = {e["source"] for e in needs}
    firms = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, asking, fields=NODE_FIELDS)}
    product = store.node(Label.PRODUCT, product_id)
    pk = g.node(Label.PRODUCT, product)
    for e in needs:
        g.edge(Rel.NEEDS, g.node(Label.ENTERPRISE, firms[e["source"]]), pk, props=e["props"])
    known = [e["props"] for e in needs if e["props"].get("demand_base") is not None]
    units = {p.get("base_unit") for p in known}
    unit = units.pop() if len(units) == 1 else None
    demand = float(sum(p["demand_base"] for p in known))
    item = {
        "producers": len(makers),
        "firms": len(needs),
        "needed_by": [ref(Label.ENTERPRISE, firms[e["source"]]) for e in needs],
        "demand_base": demand,
        "base_unit": unit,
        "note": _note(product, len(makers), len(needs), qty(demand, unit) if unit else None),
    }
    return cast(OutsideSupply, {k: v for k, v in item.items() if v is not None})


def _note(
    product: dict[str, str], makers: int, n: int, amount: tuple[str, str] | None
) -> dict[str, str]:
    zh = product.get("name") or product["id"]
    en = product.get("name_en") or product["id"]
    firms = f"{n} firm" if n == 1 else f"{n} firms"
    dz = f"，年需求{amount[0]}" if amount else ""
    de = f", {amount[1]} a year" if amount else ""
    if makers:
        return {
            "zh": f"{n} 家需要{zh}的企业在图谱内没有在供供应商，其供应来自图谱以外{dz}",
            "en": f"{firms} needing {en} {'has' if n == 1 else 'have'} no current supplier "
            f"in the map: {'its' if n == 1 else 'their'} supply comes from outside{de}",
        }
    return {
        "zh": f"图谱内没有企业生产{zh}，全部供应来自图谱以外：{n} 家企业需要它{dz}",
        "en": f"No firm in the map makes {en}: its whole supply comes from outside the map; "
        f"{firms} {'needs' if n == 1 else 'need'} it{de}",
    }
