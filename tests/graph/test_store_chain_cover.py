"""A chain's supplies and needs, its members by place and its links, counted by the store
(``GraphStore.chain_cover``, ``chain_member_counts``, ``chain_links``; Neo4j:
cypher/chain_cover.cypher, chain_member_counts.cypher, chain_links.cypher), on both stores, by
hand on the reference network with firm lifetimes (tests/support/lifetimes.py), and on every
day as the default counts them."""

from __future__ import annotations

import pytest

from chainatlas.graph import neo4j_projections
from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import UnknownEntity
from chainatlas.graph.model import Table
from chainatlas.graph.store import GraphStore
from chainatlas.graph.store_counts import ChainCover, ChainLinks, NeedCount, StoreCounts
from tests.support import lifetimes
from tests.support.lifetimes import BEFORE, EARLY, LATER

#: needs of firms that make the product themselves: E3 pet (E7 makes it too), E6 dye (its
#: only maker), E7 pet (which it makes from 2025-03-01 only)
OWN_NEEDS = [
    {"enterprise_id": f, "product_id": p, "annual_demand": 1, "unit": "t"}
    for f, p in (("E3", "pet"), ("E6", "dye"), ("E7", "pet"))
]
#: a need that ended when 2025 began: E4's of dye, which nobody sells it
ENDED_NEED = {"enterprise_id": "E4", "product_id": "dye", "unit": "t", "until": 2025}
#: a firm of poly with neither stage nor region, in the map since 2024
PLACELESS = {
    "id": "E8",
    "name": "浙江辛材料有限公司",
    "credit_code": "91330604MA2BD0008K",
    "chain_id": "poly",
    "joined": 2024,
}


@pytest.fixture
def firms_store(store: GraphStore) -> GraphStore:
    store.write_tables(lifetimes.FIRMS)
    store.upsert(Table.NEEDS, [*OWN_NEEDS, ENDED_NEED])
    store.upsert(Table.ENTERPRISES, [PLACELESS])
    store.upsert(Table.CHAINS, [{"id": "bare", "name": "空链"}])  # no member
    return store


def test_a_chain_s_links_and_needs_by_hand(firms_store: GraphStore) -> None:
    # every fact and firm: poly's links E1 → E3 pta, E2 → E3 meg; E3 needs pta and meg
    # (bought), and pet (its own, as E7's)
    assert firms_store.chain_cover("poly") == ChainCover(
        2, {"meg": NeedCount(1, 0, 1), "pet": NeedCount(2, 2, 0), "pta": NeedCount(1, 0, 1)}
    )
    # BEFORE: E7 is in the map (since 2023) and does not make pet yet
    assert firms_store.chain_cover("poly", as_of=BEFORE).needs["pet"] == NeedCount(2, 1, 0)
    # textile's links E4 → E5 fabric, E6 → E5 dye (E3 → E4 yarn comes from poly); dye is
    # needed by E5 (bought from E6), E6 (its own) and E4 (until 2025)
    assert firms_store.chain_cover("textile") == ChainCover(
        2, {"dye": NeedCount(3, 1, 1), "fabric": NeedCount(1, 0, 1), "yarn": NeedCount(1, 0, 1)}
    )
    # LATER: E1 left and E2 closed, so poly has no link and E3 no supplier; E6's dye sale
    # ended when 2025 began
    assert firms_store.chain_cover("poly", as_of=LATER) == ChainCover(
        0, {"meg": NeedCount(1, 0, 0), "pet": NeedCount(2, 2, 0), "pta": NeedCount(1, 0, 0)}
    )
    assert firms_store.chain_cover("textile", as_of=LATER) == ChainCover(
        1, {"dye": NeedCount(2, 1, 0), "fabric": NeedCount(1, 0, 1), "yarn": NeedCount(1, 0, 1)}
    )


def test_an_unknown_chain_has_no_cover(firms_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        firms_store.chain_cover("nope")


FIRM, PRODUCT = "Enterprise", "Product"
#: poly's products: px, pta, meg upstream, pet midstream (none has a region)
POLY_PRODUCTS = {(PRODUCT, "上游", None): 3, (PRODUCT, "中游", None): 1}


def test_a_chain_s_members_counted_by_place_by_hand(firms_store: GraphStore) -> None:
    # poly: E1, E2 upstream in ningbo, E3, E7 midstream in shangyu, E8 nowhere (since 2024)
    counted = firms_store.chain_member_counts("poly")
    assert list(counted.items()) == [  # sorted, None first
        ((FIRM, None, None), 1),
        ((FIRM, "上游", "ningbo"), 2),
        ((FIRM, "中游", "shangyu"), 2),
        ((PRODUCT, "上游", None), 3),
        ((PRODUCT, "中游", None), 1),
    ]
    # LATER: E1 left and E2 closed; EARLY: E7 (joined 2023) and E8 (2024) not yet in
    assert (
        firms_store.chain_member_counts("poly", as_of=LATER)
        == {
            (FIRM, None, None): 1,
            (FIRM, "中游", "shangyu"): 2,
        }
        | POLY_PRODUCTS
    )
    assert (
        firms_store.chain_member_counts("poly", as_of=EARLY)
        == {
            (FIRM, "上游", "ningbo"): 2,
            (FIRM, "中游", "shangyu"): 1,
        }
        | POLY_PRODUCTS
    )
    assert firms_store.chain_member_counts("textile", as_of=LATER) == {
        (FIRM, "下游", "keqiao"): 1,
        (FIRM, "中游", "keqiao"): 1,
        (FIRM, "中游", "shangyu"): 1,
        (PRODUCT, "下游", None): 1,
        (PRODUCT, "中游", None): 2,
    }


def test_a_chain_without_members_counts_none(firms_store: GraphStore) -> None:
    assert firms_store.chain_member_counts("bare") == {}
    assert firms_store.chain_cover("bare") == ChainCover(0, {})


def test_an_unknown_chain_has_no_member_counts(firms_store: GraphStore) -> None:
    with pytest.raises(UnknownEntity):
        firms_store.chain_member_counts("nope")


#: links of PLACELESS (a loop, and a sale to E3 from March 2024), and E1's PTA sold to E7
#: too (from June 2023): two links of one place and product into two firms
MORE_SUPPLIES = [
    {"supplier_id": "E8", "buyer_id": "E8", "product_id": "pet", "volume": 1, "unit": "t"},
    {"supplier_id": "E8", "buyer_id": "E3", "product_id": "px", "volume": 1, "unit": "t"}
    | {"since": "2024-03-01"},
    {"supplier_id": "E1", "buyer_id": "E7", "product_id": "pta", "volume": 1, "unit": "t"}
    | {"since": "2023-06-01"},
]
UP_NINGBO, MID_SHANGYU, NOWHERE = ("上游", "ningbo"), ("中游", "shangyu"), (None, None)


@pytest.fixture
def linked_store(firms_store: GraphStore) -> GraphStore:
    firms_store.upsert(Table.SUPPLIES, MORE_SUPPLIES)
    return firms_store


def test_a_chain_s_links_counted_by_hand(linked_store: GraphStore) -> None:
    # poly's links: E1 → E3 pta, E1 → E7 pta, E2 → E3 meg, E8 → E8 pet (a loop: twice E8's),
    # E8 → E3 px; E3 → E4 yarn goes to textile
    assert linked_store.chain_links("poly") == ChainLinks(
        {"E1": 2, "E2": 1, "E3": 3, "E7": 1, "E8": 3},
        {
            (*NOWHERE, *NOWHERE, "pet"): 1,
            (*NOWHERE, *MID_SHANGYU, "px"): 1,
            (*UP_NINGBO, *MID_SHANGYU, "meg"): 1,
            (*UP_NINGBO, *MID_SHANGYU, "pta"): 2,
        },
    )
    assert list(linked_store.chain_links("poly").places) == sorted(
        linked_store.chain_links("poly").places, key=lambda k: [(p is not None, p or "") for p in k]
    )
    # LATER: E1 left and E2 closed
    assert linked_store.chain_links("poly", as_of=LATER) == ChainLinks(
        {"E3": 1, "E8": 3}, {(*NOWHERE, *NOWHERE, "pet"): 1, (*NOWHERE, *MID_SHANGYU, "px"): 1}
    )
    # EARLY: E7 and E8 not yet in the map; E1 → E3 and E2 → E3 not yet begun (2018, 2019)
    assert linked_store.chain_links("poly", as_of=EARLY) == ChainLinks({}, {})
    # textile: E4 → E5 fabric, E6 → E5 dye (until 2025)
    fabric = ("中游", "keqiao", "下游", "keqiao", "fabric")
    assert linked_store.chain_links("textile", as_of=LATER) == ChainLinks(
        {"E4": 1, "E5": 1}, {fabric: 1}
    )
    assert linked_store.chain_links("bare") == ChainLinks({}, {})
    with pytest.raises(UnknownEntity):
        linked_store.chain_links("nope")


@pytest.mark.parametrize("count", ["chain_cover", "chain_member_counts", "chain_links"])
def test_a_chain_s_counts_are_the_default_s_on_every_day(
    linked_store: GraphStore, monkeypatch: pytest.MonkeyPatch, count: str
) -> None:
    """Each store's counts equal the default's, in the same order (the reprs), on every day,
    through ``on_day``, and read in chunks of one firm (their sums)."""
    for day in (None, BEFORE, EARLY, LATER):
        for chain in ("poly", "textile", "bare"):
            counted = getattr(linked_store, count)(chain, as_of=day)
            assert repr(counted) == repr(
                getattr(StoreCounts, count)(linked_store, chain, as_of=day)
            )
            assert getattr(on_day(linked_store, day), count)(chain) == counted
            monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 1)  # a chunk a firm
            assert repr(getattr(linked_store, count)(chain, as_of=day)) == repr(counted)
            monkeypatch.undo()
