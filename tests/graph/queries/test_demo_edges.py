"""The edge cases of issue 11 as found on the demo (data/demo), on both stores: each answer
is checked for what it must say, and the two stores must give it alike."""

from __future__ import annotations

import re
from typing import Any

import networkx as nx
import pytest

from chainatlas.graph import queries as q
from chainatlas.graph.model import Label, Rel, Row, Table
from chainatlas.graph.store import ROUTE_MAX_HOPS, GraphStore

pytestmark = pytest.mark.neo4j

Stores = tuple[GraphStore, GraphStore]


def alike(stores: Stores, f: Any) -> Any:
    """``f``'s answer on the memory store, once the Neo4j store has given the same."""
    memory, neo4j = stores
    answer = f(memory)
    assert f(neo4j) == answer
    return answer


def test_fluorspar_becomes_a_garment_in_seven_steps(stores: Stores) -> None:
    answer = alike(stores, lambda s: q.product_routes(s, "fluorspar", "garment"))
    assert answer["routes"][0]["length"] == 7


def test_the_longest_route_in_the_data_is_reached(
    stores: Stores, demo_tables: dict[Table, list[Row]]
) -> None:
    g = nx.DiGraph([(r["input_id"], r["output_id"]) for r in demo_tables[Table.PRODUCT_INPUTS]])
    longest = nx.dag_longest_path(g)
    assert len(longest) - 1 == 11 < ROUTE_MAX_HOPS  # crude oil → … → garment
    found = alike(
        stores,
        lambda s: s.route_paths(longest[0], longest[-1], max_hops=ROUTE_MAX_HOPS, limit=10_000),
    )
    assert {"nodes": longest} in found


def test_lansheng_finds_lansheng_fluorochemicals(stores: Stores) -> None:
    hits = alike(stores, lambda s: q.search(s, "lansheng"))
    assert [(h["id"], h["matched"]) for h in hits] == [("E0001", "pinyin")]


EXPONENT = re.compile(r"\d[eE][+-]?\d")


@pytest.mark.parametrize("firm", ["E0034", "E0118"])
def test_reasons_write_hundreds_of_millions_in_yi(stores: Stores, firm: str) -> None:
    answer = alike(stores, lambda s: q.match_buyers(s, firm, limit=500))
    said = [r["zh"] + r["en"] for c in answer["candidates"] for r in c["reasons"]]
    assert any("亿" in s for s in said)
    assert not [s for s in said if EXPONENT.search(s)]


def test_e0118_sees_a_demand_of_197_million_metres(stores: Stores) -> None:
    answer = alike(stores, lambda s: q.match_buyers(s, "E0118", limit=500))
    zh = {r["zh"] for c in answer["candidates"] for r in c["reasons"]}
    assert "年需求1.97亿米，您的产能5000万米可满足其25%" in zh


@pytest.mark.parametrize("firm", ["E0022", "E0088"])
def test_stages_of_two_chains_do_not_compare(stores: Stores, firm: str) -> None:
    # E0022's and E0088's buyers of other chains used to earn 0.5 for a stage "fit"
    answer = alike(stores, lambda s: q.match_buyers(s, firm, limit=500))
    me = stores[0].node(Label.ENTERPRISE, firm)
    others = [c for c in answer["candidates"] if c.get("chain_id") != me.get("chain_id")]
    assert len(others) >= 10
    assert {c["parts"]["chain"]["value"] for c in others} == {0.0}
    assert not [r for c in others for r in c["reasons"] if "环节" in r["zh"]]


def test_any_partner_leaves_out_every_trading_partner(stores: Stores) -> None:
    memory = stores[0]
    for firm in ("E0001", "E0005", "E0118"):
        around = memory.neighbours(Label.ENTERPRISE, firm)
        trading = {n["id"] for n in around if n["rel"] == Rel.SUPPLIES.value}
        assert trading
        for side in (q.match_suppliers, q.match_buyers):
            whole, same, anyp = (
                alike(stores, lambda s: side(s, firm, exclude=x, limit=500))  # noqa: B023
                for x in (None, "same_product", "any_partner")
            )
            ids = {c["id"] for c in anyp["candidates"]}
            assert not ids & trading
            assert ids == {c["id"] for c in whole["candidates"]} - trading
            assert len(anyp["candidates"]) <= len(same["candidates"]) <= len(whole["candidates"])
