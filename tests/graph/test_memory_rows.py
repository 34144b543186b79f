"""The embedded store's answer records (graph/memory_rows.py) are made as ``compact`` gives
them: keys sorted, ``None`` left out."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from chainatlas.graph.memory_rows import maker_record
from chainatlas.graph.rows import compact

FIRM = ("chain_id", "region_id", "scale", "stage")
EDGE = ("capacity", "capacity_base", "unit", "base_unit", "annual_demand", "demand_base")
VALUE = st.none() | st.integers() | st.text(max_size=3)


@settings(max_examples=300, deadline=None)
@given(
    firm=st.fixed_dictionaries(
        {"id": st.text(min_size=1), "name": st.text()}, optional=dict.fromkeys(FIRM, VALUE)
    ),
    edge=st.fixed_dictionaries({}, optional=dict.fromkeys(EDGE, VALUE)),
    made=st.booleans(),
)
def test_a_maker_record_is_the_compact_map_of_its_columns(
    firm: dict[str, object], edge: dict[str, object], made: bool
) -> None:
    amount, base = ("capacity", "capacity_base") if made else ("annual_demand", "demand_base")
    plain = {
        "product_id": "pta",
        "id": firm["id"],
        "name": firm["name"],
        **{k: firm.get(k) for k in FIRM},
        "amount": edge.get(amount),
        "unit": edge.get("unit"),
        "amount_base": edge.get(base),
        "base_unit": edge.get("base_unit"),
    }
    got = maker_record("pta", firm, edge, amount, base)
    assert got == compact(plain)
    assert list(got) == list(compact(plain))
