"""Enterprise and product profiles on the reference network (tests/reference.py)."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Table
from chainatlas.graph.queries import enterprise_profile, product_profile
from chainatlas.graph.queries.profiles import CONTACT_FIELDS
from chainatlas.graph.store import GraphStore
from tests.support import reference


def test_enterprise_profile_of_e3(ref_store: GraphStore) -> None:
    p = enterprise_profile(ref_store, "E3")
    assert p["enterprise"]["name"] == "浙江丙化纤股份有限公司"
    assert p["region"] == {"id": "shangyu", "name": "上虞", "name_en": "Shangyu", "role": "core"}
    assert p["chain"] == {
        "id": "poly",
        "name": "高分子材料",
        "name_en": "Polymer materials",
        "stage": "中游",
    }
    assert [x["product_id"] for x in p["produces"]] == ["pet", "yarn"]
    # E3 needs meg (made by E2, bought from E2) and pta (made by E1, bought from E1)
    assert [
        (n["product_id"], [f["id"] for f in n["local_producers"]], n["suppliers"])
        for n in p["needs"]
    ] == [("meg", ["E2"], ["E2"]), ("pta", ["E1"], ["E1"])]
    assert p["needs"][1]["demand_base"] == 170000.0
    assert [(s["id"], s["product_id"]) for s in p["suppliers"]] == [("E2", "meg"), ("E1", "pta")]
    assert [(c["id"], c["product_id"]) for c in p["customers"]] == [("E4", "yarn")]
    assert p["partners"] == {"技术": [{"id": "E6", "name": "浙江己染料有限公司"}]}
    assert p["needs_without_local_supply"] == []


def test_enterprise_profile_graph(ref_store: GraphStore) -> None:
    g = enterprise_profile(ref_store, "E3")["graph"]
    # E3, its 10 neighbours (E1 E2 E4 E6, meg pet pta yarn, poly, shangyu) and 10 edges
    assert [n["key"] for n in g["nodes"]] == [
        "Chain:poly",
        "Enterprise:E1",
        "Enterprise:E2",
        "Enterprise:E3",
        "Enterprise:E4",
        "Enterprise:E6",
        "Product:meg",
        "Product:pet",
        "Product:pta",
        "Product:yarn",
        "Region:shangyu",
    ]
    assert len(g["edges"]) == 10
    assert {
        "source": "Enterprise:E1",
        "target": "Enterprise:E3",
        "rel": "SUPPLIES",
        "key": "pta",
        "props": {
            "product_id": "pta",
            "volume": 12000,
            "unit": "t",
            "volume_base": 12000.0,
            "base_unit": "t",
            "since": 2018,
        },
    } in g["edges"]
    e1 = next(n for n in g["nodes"] if n["key"] == "Enterprise:E1")
    assert e1 == {
        "key": "Enterprise:E1",
        "label": "Enterprise",
        "id": "E1",
        "name": "宁波甲石化有限公司",
        "region_id": "ningbo",
        "chain_id": "poly",
        "stage": "上游",
    }


def test_contacts_only_when_asked(ref_store: GraphStore) -> None:
    with_phone = dict(reference.ENTERPRISES[2], contact_person="王工", phone="0575-0000000")
    ref_store.upsert(Table.ENTERPRISES, [with_phone])
    assert "phone" not in enterprise_profile(ref_store, "E3")["enterprise"]
    # the stored properties, contacts included: more than EntityProps names
    shown: Mapping[str, Any] = enterprise_profile(ref_store, "E3", contacts=True)["enterprise"]
    assert (shown["contact_person"], shown["phone"]) == ("王工", "0575-0000000")
    assert "search_text" not in shown


def _contact_keys(value: Any) -> set[str]:
    """Contact field names anywhere in ``value``."""
    if isinstance(value, dict):
        return (set(value) & set(CONTACT_FIELDS)).union(*map(_contact_keys, value.values()))
    if isinstance(value, list):
        return set().union(*map(_contact_keys, value))
    return set()


@pytest.mark.parametrize("firm", ["E3", "E1", "E5"])
def test_no_firm_s_contacts_anywhere_unless_asked(ref_store: GraphStore, firm: str) -> None:
    """The profile is the one gate for contacts (the API route trusts it: api/routers/
    entities.py): with every firm carrying them, none appears anywhere in the answer, in its
    partners, suppliers, customers, makers or graph; asked, the firm's own do."""
    ref_store.upsert(
        Table.ENTERPRISES,
        [{**f, **dict.fromkeys(CONTACT_FIELDS, "x")} for f in reference.ENTERPRISES],
    )
    assert _contact_keys(enterprise_profile(ref_store, firm, limit=None)) == set()
    shown = enterprise_profile(ref_store, firm, contacts=True)
    assert _contact_keys(shown["enterprise"]) == set(CONTACT_FIELDS)


def test_firm_without_trade(ref_store: GraphStore) -> None:
    p = enterprise_profile(ref_store, "E7")
    assert (p["suppliers"], p["customers"], p["needs"], p["partners"]) == ([], [], [], {})
    assert [x["product_id"] for x in p["produces"]] == ["pet"]


def test_product_profile_of_pet(ref_store: GraphStore) -> None:
    p = product_profile(ref_store, "pet")
    assert p["product"]["name"] == "聚酯切片" and "search_text" not in p["product"]
    assert p["chain"] is not None and p["chain"]["stage"] == "中游"
    assert [(x["id"], x["amount_base"]) for x in p["producers"]] == [
        ("E3", 200000.0),
        ("E7", 50000.0),
    ]
    assert p["consumers"] == []
    assert [x["id"] for x in p["inputs"]] == ["meg", "pta"]
    assert [x["id"] for x in p["outputs"]] == ["yarn"]
    keys = [n["key"] for n in p["graph"]["nodes"]]
    assert keys == [
        "Chain:poly",
        "Enterprise:E3",
        "Enterprise:E7",
        "Product:meg",
        "Product:pet",
        "Product:pta",
        "Product:yarn",
    ]
    assert len(p["graph"]["edges"]) == 6  # IN_CHAIN, 3 INPUT_TO, 2 PRODUCES


def test_unknown_ids(ref_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        enterprise_profile(ref_store, "E404")
    with pytest.raises(UnknownEntity):
        product_profile(ref_store, "nope")
