"""The reference network with valid time: some facts have ended, one began late.

DATED = tests/support/reference.py (every ``since`` as there: supplies 2016–2021,
cooperations 2022 and 2023; produces and needs without dates) plus:

- E1 → E3 PTA ``until 2024-07-01`` (the contract ran out in mid-2024);
- E6 → E5 dye ``until 2025`` (ended when 2025 began);
- E3 ─技术─► E6 ``until 2025-06-30``;
- E2 stopped making MEG: its PRODUCES meg ``until 2025``;
- E7 began making PET ``since 2025-03-01``.

Hand-worked answers (the tests repeat them):

On 2024-06-30 (BEFORE: the last day of the PTA contract) every fact of the reference holds
and E7's PET has not begun: the reference answers, except that pet has one producer (E3).

On 2025-06-30 (LATER):
- supplies that hold: E2 → E3 meg, E3 → E4 yarn, E4 → E5 fabric; cooperations: E4 → E5 人才;
  produces 7 (the reference's 8 without E2 meg: E1 px, E1 pta, E3 pet, E3 yarn, E4 fabric,
  E6 dye, E7 pet); needs 5.
- stats: enterprises 7; collaborating 4 (E2, E3, E4, E5); supplied products 3 (meg, yarn,
  fabric); supply edges 3; cooperation edges 1; produces 7; needs 5; routes 5.
- suppliers(E3): [E2 meg]; suppliers(E5): [E4 fabric]; customers(E1): [].
- neighbours(E3) lose SUPPLIES in from E1 (pta) and COOPERATES out to E6.
- supply_paths(E1, E5): none (E1 sells nothing); supply_pairs: E2→E3, E3→E4, E4→E5.
- tiers(E5, upstream): 1 E4 (fabric); 2 E3 (yarn); 3 E2 (meg).
- gaps: meg (nobody makes it; E3 needs 60000 t); single_source: dye, fabric, pta, yarn.
- impact(E1): nobody (E1 supplies nobody); impact(E2): E3 (meg), then E4 (yarn), E5 (fabric).
- match_suppliers(E3): only E1 for pta (nobody makes MEG).
- betweenness on the line E2 → E3 → E4 → E5 among 7 firms (normalised by 6·5 = 30):
  E3 2/30 (E2→E4, E2→E5), E4 2/30 (E2→E5, E3→E5).

On 2017-06-30 (EARLY): only E6 → E5 dye (since 2016) of the supplies, no cooperation;
produces 7 (E7's PET not begun); collaborating 2 (E5, E6), supplied products 1.

With no day (``as_of=None``) every fact counts: the history.

FIRMS = DATED plus firm lifetimes (docs/bundle.md, "Firms in the map"):

- E2 closed ``2025-03-01`` (its MEG sale to E3 has no ``until``: it ends with the firm);
- E1 left the cluster ``2025-05-01``;
- E7 joined the cluster in ``2023`` (and was founded in 2012).

On LATER: firms in the map E3, E4, E5, E6, E7 (5). Supplies that hold: E3 → E4 yarn, E4 → E5
fabric (E2's MEG goes with E2); cooperations: E4 → E5 人才; collaborating 3 (E3, E4, E5);
supplied products 2; produces 5 (E3 pet, E3 yarn, E4 fabric, E6 dye, E7 pet: E1's px and
pta leave with E1); needs 5 (none of them E1's, E2's or E7's). suppliers(E3): none;
node(E2), customers(E2), supply_paths(E2, …): unknown on that day, known without one.
producers(pta): none (gap: E3 needs PTA); the polymer chain lists E3 and E7 among firms.

On EARLY: every firm but E7 (6); facts as DATED on EARLY. On BEFORE: every firm (7): the
answers of DATED on BEFORE.
"""

from __future__ import annotations

import copy
from datetime import date

from chainatlas.graph.model import Row, Table
from tests.support import reference

BEFORE = date(2024, 6, 30)
LATER = date(2025, 6, 30)
EARLY = date(2017, 6, 30)


def _dated() -> dict[Table, list[Row]]:
    tables = copy.deepcopy(reference.TABLES)

    def find(table: Table, **key: str) -> Row:
        (row,) = [r for r in tables[table] if all(r[k] == v for k, v in key.items())]
        return row

    find(Table.SUPPLIES, supplier_id="E1", buyer_id="E3")["until"] = "2024-07-01"
    find(Table.SUPPLIES, supplier_id="E6", buyer_id="E5")["until"] = 2025
    find(Table.COOPERATIONS, from_id="E3", to_id="E6")["until"] = "2025-06-30"
    find(Table.PRODUCES, enterprise_id="E2", product_id="meg")["until"] = 2025
    find(Table.PRODUCES, enterprise_id="E7", product_id="pet")["since"] = "2025-03-01"
    return tables


DATED: dict[Table, list[Row]] = _dated()


def _firms() -> dict[Table, list[Row]]:
    tables = copy.deepcopy(DATED)
    firms = {r["id"]: r for r in tables[Table.ENTERPRISES]}
    firms["E2"]["closed"] = "2025-03-01"
    firms["E1"]["left"] = "2025-05-01"
    firms["E7"] |= {"founded": 2012, "joined": 2023}
    return tables


FIRMS: dict[Table, list[Row]] = _firms()

#: stats() of FIRMS on LATER and EARLY (the module docstring)
FIRM_STATS_LATER = {
    **reference.EXPECTED_STATS,
    "enterprises": 5,
    "collaborating_enterprises": 3,
    "supplied_products": 2,
    "supply_edges": 2,
    "cooperation_edges": 1,
    "produces_edges": 5,
}

#: stats() on LATER, counted by hand (the module docstring)
STATS_LATER = {
    **reference.EXPECTED_STATS,
    "collaborating_enterprises": 4,
    "supplied_products": 3,
    "supply_edges": 3,
    "cooperation_edges": 1,
    "produces_edges": 7,
}
#: stats() on EARLY
STATS_EARLY = {
    **reference.EXPECTED_STATS,
    "collaborating_enterprises": 2,
    "supplied_products": 1,
    "supply_edges": 1,
    "cooperation_edges": 0,
    "produces_edges": 7,
}
FIRM_STATS_EARLY = {**STATS_EARLY, "enterprises": 6}
