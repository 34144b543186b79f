"""The reference network with a few more facts, for the queries the reference leaves flat
(gaps, coverage below 100 %, shared partners, two suppliers of one product, parallel edges).

EXTENDED = tests/reference.py plus:

- E1 甲石化 also produces MEG (100000 t) and supplies E3 with MEG (10000 t, since 2022): E3 now
  has two MEG suppliers (E1, E2), and E1 → E3 carries two products (pta, meg).
- E7 庚新材 (PET chips, 上虞) needs PTA 40000 t and MEG 15000 t, and shares information (信息)
  with E3 (a COOPERATES edge E7 → E3).
- Two products nobody in the map makes: 对硝基苯胺 p-nitroaniline (pna, CAS 100-01-6, a diazo
  component of disperse dyes; route pna → dye), needed by E6 (500 t); 扩散剂NNO dispersant
  NNO (nno, CAS 36290-04-7), needed by E6 (200 t) and E5 (50 t).

Hand-worked answers on EXTENDED (the tests repeat them where they assert):
- gaps: nno (2 firms: E5, E6; 250 t), then pna (1 firm: E6; 500 t); total 2.
- single_source: meg has two producers now, so dye (E6 → E5), fabric (E4 → E5), pta (E1 →
  E3, E7), yarn (E3 → E4); pta has 2 consumers and comes first: pta, dye, fabric, yarn.
- impact(E2): E3 still has E1 for MEG: nobody is affected.
- impact(E1): tier 1 E3 (pta; its MEG has E2 left), tier 2 E4 (yarn), tier 3 E5 (fabric).
- supply_paths(E1, E5): [E1, E3, E4, E5] twice: products [meg, yarn, fabric] then
  [pta, yarn, fabric] (same nodes, products ordered).
- chain_panorama(poly) coverage: needs E3 pta, E3 meg, E7 pta, E7 meg = 4; all producible;
  supplied 2 (E3's) → shares 1.0 and 0.5.
- chain_panorama(textile) coverage: needs E4 yarn, E5 dye, E5 fabric, E5 nno, E6 nno, E6 pna
  = 6; producible 3 (yarn, dye, fabric), supplied 3 → 0.5 and 0.5; unmet nno (2), pna (1).
- match_suppliers(E7): the partners of E7, E1 and E2 are each {E3}: one shared partner per
  candidate → shared_partners 1/3. See test_queries_matching.py for the scores.
"""

from __future__ import annotations

from chainatlas.graph.model import Row, Table
from tests.support import reference

EXTRA_PRODUCTS: list[Row] = [
    {
        "id": "pna",
        "name": "对硝基苯胺",
        "name_en": "p-Nitroaniline",
        "cas": "100-01-6",
        "unit": "t",
        "chain_id": "textile",
        "stage": "上游",
    },
    {
        "id": "nno",
        "name": "扩散剂NNO",
        "name_en": "Dispersant NNO",
        "cas": "36290-04-7",
        "unit": "t",
        "aliases": ["NNO"],
        "chain_id": "textile",
        "stage": "上游",
    },
]
EXTRA_PRODUCES: list[Row] = [
    {"enterprise_id": "E1", "product_id": "meg", "capacity": 100000, "unit": "t"},
]
EXTRA_NEEDS: list[Row] = [
    {"enterprise_id": "E7", "product_id": "pta", "annual_demand": 40000, "unit": "t"},
    {"enterprise_id": "E7", "product_id": "meg", "annual_demand": 15000, "unit": "t"},
    {"enterprise_id": "E6", "product_id": "pna", "annual_demand": 500, "unit": "t"},
    {"enterprise_id": "E6", "product_id": "nno", "annual_demand": 200, "unit": "t"},
    {"enterprise_id": "E5", "product_id": "nno", "annual_demand": 50, "unit": "t"},
]
EXTRA_SUPPLIES: list[Row] = [
    {
        "supplier_id": "E1",
        "buyer_id": "E3",
        "product_id": "meg",
        "volume": 10000,
        "unit": "t",
        "since": 2022,
    },
]
EXTRA_COOPERATIONS: list[Row] = [
    {"from_id": "E7", "to_id": "E3", "kind": "信息", "since": 2024},
]
EXTRA_INPUTS: list[Row] = [{"input_id": "pna", "output_id": "dye", "note": "重氮化偶合"}]

EXTENDED: dict[Table, list[Row]] = {
    **reference.TABLES,
    Table.PRODUCTS: reference.PRODUCTS + EXTRA_PRODUCTS,
    Table.PRODUCES: reference.PRODUCES + EXTRA_PRODUCES,
    Table.NEEDS: reference.NEEDS + EXTRA_NEEDS,
    Table.SUPPLIES: reference.SUPPLIES + EXTRA_SUPPLIES,
    Table.COOPERATIONS: reference.COOPERATIONS + EXTRA_COOPERATIONS,
    Table.PRODUCT_INPUTS: reference.PRODUCT_INPUTS + EXTRA_INPUTS,
}


def random_network(
    seed: int, *, firms: int = 12, products: int = 5, supplies: int = 30
) -> dict[Table, list[Row]]:
    """A seeded random supply network (parallel edges with different products included) in the
    bundle's table format, for comparing the stores with networkx's own algorithms."""
    import random

    rng = random.Random(seed)
    regions = [
        {"id": r, "name": r, "role": role} for r, role in (("r0", "core"), ("r1", "partner"))
    ]
    prods = [{"id": f"p{i}", "name": f"产品{i}", "unit": "t"} for i in range(products)]
    firm_rows = [
        {
            "id": f"F{i:02d}",
            "name": f"企业{i}",
            "credit_code": f"X{i:017d}",
            "region_id": rng.choice(["r0", "r1"]),
        }
        for i in range(firms)
    ]
    trade = set()
    for _ in range(supplies):
        s, b = rng.sample(range(firms), 2)
        trade.add((f"F{s:02d}", f"F{b:02d}", f"p{rng.randrange(products)}"))
    return {
        Table.REGIONS: regions,
        Table.PRODUCTS: prods,
        Table.ENTERPRISES: firm_rows,
        Table.SUPPLIES: [
            {"supplier_id": s, "buyer_id": b, "product_id": p} for s, b, p in sorted(trade)
        ],
        Table.PRODUCT_INPUTS: [
            {"input_id": f"p{i}", "output_id": f"p{j}"}
            for i in range(products)
            for j in range(products)
            if i != j and rng.random() < 0.35
        ],
    }
