"""Matchmaking: candidates, their score parts and reasons, worked out by hand.

score = 100 × Σ weight × value / Σ weight, defaults region 0.30, capacity 0.20, trade 0.15,
chain 0.15, cooperation 0.10, shared_partners 0.10 (graph/queries/matching.py).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import pytest

from chainatlas.graph.errors import InvalidOption, UnknownEntity
from chainatlas.graph.model import Label, Table
from chainatlas.graph.queries import MatchWeights, match_buyers, match_suppliers
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import bundle_store
from tests.support.networks import EXTENDED


@pytest.fixture
def ext_store(store: GraphStore) -> GraphStore:
    store.write_tables(EXTENDED)
    return store


def ranked(answer: Mapping[str, Any]) -> list[tuple[str, str, float]]:
    return [(c["product_id"], c["id"], c["score"]) for c in answer["candidates"]]


def values(candidate: Mapping[str, Any]) -> dict[str, float]:
    return {part: p["value"] for part, p in candidate["parts"].items()}


def test_suppliers_of_the_dyehouse(ref_store: GraphStore) -> None:
    # E5 (柯桥, textile 下游) needs fabric (E4 makes it) and dye (E6 makes it).
    # E4: same district 1.0, 5000万m ≥ 3000万m 1.0, supplies E5 already 1.0, same chain and
    #     中游 ≤ 下游 1.0, 人才 cooperation 1.0, shared partners: E4 {E3, E5} ∩ E5 {E4, E6} = ∅
    #     → .30 + .20 + .15 + .15 + .10 = 0.90 → 90.0
    # E6: 上虞 is the core district 0.5, 20000 t ≥ 800 t 1.0, supplies E5 1.0, chain 1.0,
    #     no cooperation, no shared partner → .15 + .20 + .15 + .15 = 0.65 → 65.0
    answer = match_suppliers(ref_store, "E5")
    assert ranked(answer) == [("fabric", "E4", 90.0), ("dye", "E6", 65.0)]
    e4, e6 = answer["candidates"]
    assert values(e4) == {
        "region": 1.0,
        "capacity": 1.0,
        "trade": 1.0,
        "chain": 1.0,
        "cooperation": 1.0,
        "shared_partners": 0.0,
    }
    assert values(e6)["region"] == 0.5 and e4["current"] is True
    assert e4["parts"]["region"]["weight"] == 0.3
    assert e4["reasons"] == [
        {"zh": "与您同在柯桥，就近对接", "en": "In Keqiao, like you: close at hand"},
        {
            "zh": "产能5000万米，可满足您年需求3000万米的100%",
            "en": "Capacity of 50,000,000 m covers 100% of your annual demand of 30,000,000 m",
        },
        {"zh": "已在向您供应坯布", "en": "Already supplies you: Grey fabric"},
        {"zh": "与您有人才合作", "en": "Cooperates with you on talent"},
        {
            "zh": "同属染料与纺织新材料产业链",
            "en": "In the same chain: Dyes & textile new materials",
        },
        {
            "zh": "处于中游环节，可向您所在的下游环节供货",
            "en": "At the midstream stage, feeding your downstream stage",
        },
    ]
    assert e6["reasons"][0] == {
        "zh": "位于集群核心区上虞",
        "en": "In Shangyu, a core district of the cluster",
    }


def test_capacity_short_of_demand(ref_store: GraphStore) -> None:
    # E3 needs 170000 t PTA; E1 makes 1.5万t = 15000 t: 15000 / 170000 = 0.0882
    # E2 (meg): .15 + .20 + .15 + .15 = 65.0; E1 (pta): .15 + .2 × .0882 + .15 + .15 = 46.8
    answer = match_suppliers(ref_store, "E3")
    assert ranked(answer) == [("meg", "E2", 65.0), ("pta", "E1", 46.8)]
    assert values(answer["candidates"][1])["capacity"] == 0.0882
    assert [n["product_id"] for n in answer["needs"]] == ["meg", "pta"]


def test_exclude_current_and_region(ref_store: GraphStore) -> None:
    assert match_suppliers(ref_store, "E5", exclude_current=True)["candidates"] == []
    assert match_suppliers(ref_store, "E3", region="shangyu")["candidates"] == []
    assert [c["id"] for c in match_suppliers(ref_store, "E3", region="ningbo")["candidates"]] == [
        "E2",
        "E1",
    ]


def test_exclude_same_product_or_any_partner(ext_store: GraphStore) -> None:
    # E3 buys meg from E2 and E1, pta from E1, and sells yarn to E4. Now E2 also makes pta
    # (it does not supply E3 pta yet) and E4 makes meg (E4 buys from E3, supplies nothing).
    ext_store.write_tables(
        {
            Table.PRODUCES: [
                {"enterprise_id": "E2", "product_id": "pta", "capacity": 1000, "unit": "t"},
                {"enterprise_id": "E4", "product_id": "meg", "capacity": 1000, "unit": "t"},
            ]
        }
    )

    def pairs(**options: Any) -> list[tuple[str, str]]:
        answer = match_suppliers(ext_store, "E3", **options)
        return sorted((c["product_id"], c["id"]) for c in answer["candidates"])

    assert pairs() == [("meg", "E1"), ("meg", "E2"), ("meg", "E4"), ("pta", "E1"), ("pta", "E2")]
    # same_product: E2 stays for pta, which it does not supply yet; E4 stays too
    assert pairs(exclude="same_product") == [("meg", "E4"), ("pta", "E2")]
    assert pairs(exclude_current=True) == pairs(exclude="same_product")  # deprecated alias
    # with exclude too, the alias adds nothing: any_partner leaves out what same_product does
    assert pairs(exclude_current=True, exclude="same_product") == pairs(exclude="same_product")
    assert pairs(exclude_current=True, exclude="any_partner") == pairs(exclude="any_partner")
    # any_partner: E1, E2 supply E3, E4 buys from it: every trading partner is left out
    assert pairs(exclude="any_partner") == []
    # cooperation alone is no trade: E7 (信息 with E3) stays
    assert pairs(product_id="pet", exclude="any_partner") == [("pet", "E7")]


@pytest.mark.parametrize(
    "options",
    [{"exclude": "everyone"}, {"offset": -1}],
)
def test_bad_exclude_or_offset(ref_store: GraphStore, options: dict[str, Any]) -> None:
    with pytest.raises(InvalidOption, match=next(iter(options))):
        match_suppliers(ref_store, "E3", **options)


def test_match_answers_are_pages(ext_store: GraphStore) -> None:
    whole = match_suppliers(ext_store, "E7")
    assert (whole["total"], whole["offset"], whole["limit"]) == (3, 0, 20)
    page = match_suppliers(ext_store, "E7", limit=1, offset=1)
    assert ranked(page) == [("meg", "E2", 53.3)] and page["total"] == 3
    assert [n["id"] for n in page["graph"]["nodes"] if n["label"] == "Enterprise"] == ["E2", "E7"]
    assert match_suppliers(ext_store, "E7", offset=3)["candidates"] == []


def test_one_product_not_needed_yet(ref_store: GraphStore) -> None:
    # E3 does not need PET; E7 makes it (E3 makes it too, but a firm is not its own candidate):
    # same district 1.0, demand unknown 0.5, same chain and stage 1.0 → .30 + .10 + .15 = 55.0
    answer = match_suppliers(ref_store, "E3", product_id="pet")
    assert ranked(answer) == [("pet", "E7", 55.0)]
    assert (
        answer["candidates"][0]["reasons"][1]["en"]
        == "Capacity or demand unknown: scored as neutral"
    )


def test_buyers_of_e3_and_e6(ref_store: GraphStore) -> None:
    # E3 sells yarn to E4 (柯桥 0.5, 150000 t ≥ 30000 t 1.0, trade 1.0, another chain: the
    # chain part is 0, since stages of two chains do not compare) → .15 + .20 + .15 = 50.0;
    # nobody needs PET
    answer = match_buyers(ref_store, "E3")
    assert ranked(answer) == [("yarn", "E4", 50.0)]
    assert values(answer["candidates"][0])["chain"] == 0.0
    assert not any("环节" in r["zh"] for r in answer["candidates"][0]["reasons"])
    # E6's dye to E5: .15 + .20 + .15 + .15 = 65.0
    answer = match_buyers(ref_store, "E6")
    assert ranked(answer) == [("dye", "E5", 65.0)]
    assert answer["candidates"][0]["reasons"][1]["zh"] == "年需求800吨，您的产能2万吨可满足其100%"
    assert [p["product_id"] for p in answer["products"]] == ["dye"]


def test_shared_partners(ext_store: GraphStore) -> None:
    # EXTENDED: E7 needs meg (15000 t) and pta (40000 t); E7, E1 and E2 each partner with E3
    # only, so each candidate shares one partner: 1/3.
    # E1 meg: .3 × .5 + .2 × 1 + .15 × 1 + .1 × .3333 = 53.3; E2 meg the same;
    # E1 pta: 15000 / 40000 = .375 → .15 + .075 + .15 + .0333 = 40.8
    answer = match_suppliers(ext_store, "E7")
    assert ranked(answer) == [("meg", "E1", 53.3), ("meg", "E2", 53.3), ("pta", "E1", 40.8)]
    assert values(answer["candidates"][0])["shared_partners"] == 0.3333
    assert {"zh": "与您有1家共同合作伙伴", "en": "1 partner in common with you"} in answer[
        "candidates"
    ][0]["reasons"]


def test_weights_change_the_ranking(ref_store: GraphStore) -> None:
    only_capacity = MatchWeights(
        region=0, capacity=1, trade=0, chain=0, cooperation=0, shared_partners=0
    )
    answer = match_suppliers(ref_store, "E3", weights=only_capacity)
    assert ranked(answer) == [("meg", "E2", 100.0), ("pta", "E1", 8.8)]
    assert answer["weights"]["capacity"] == 1.0


def test_weights_from_settings() -> None:
    w = MatchWeights.from_mapping({"region": 0.5})
    assert (w.region, w.capacity) == (0.5, 0.2)
    with pytest.raises(ValueError, match="unknown"):
        MatchWeights.from_mapping({"distance": 1})
    with pytest.raises(ValueError):
        MatchWeights(region=-1)
    with pytest.raises(ValueError):
        MatchWeights(0, 0, 0, 0, 0, 0)


def test_match_graph(ref_store: GraphStore) -> None:
    g = match_suppliers(ref_store, "E5")["graph"]
    assert [n["key"] for n in g["nodes"]] == [
        "Enterprise:E4",
        "Enterprise:E5",
        "Enterprise:E6",
        "Product:dye",
        "Product:fabric",
    ]
    assert [(e["source"], e["target"], e["rel"], e["key"]) for e in g["edges"]] == [
        ("Enterprise:E4", "Enterprise:E5", "COOPERATES", "人才"),
        ("Enterprise:E4", "Enterprise:E5", "SUPPLIES", "fabric"),
        ("Enterprise:E4", "Product:fabric", "PRODUCES", ""),
        ("Enterprise:E5", "Product:dye", "NEEDS", ""),
        ("Enterprise:E5", "Product:fabric", "NEEDS", ""),
        ("Enterprise:E6", "Enterprise:E5", "SUPPLIES", "dye"),
        ("Enterprise:E6", "Product:dye", "PRODUCES", ""),
    ]


@pytest.mark.parametrize(
    "options",
    [
        {"enterprise_id": "E404"},
        {"enterprise_id": "E3", "product_id": "nope"},
        {"enterprise_id": "E3", "region": "mars"},
    ],
)
def test_unknown_ids(ref_store: GraphStore, options: dict[str, Any]) -> None:
    with pytest.raises(UnknownEntity):
        match_suppliers(ref_store, **options)


def test_limit(ref_store: GraphStore) -> None:
    assert ranked(match_suppliers(ref_store, "E5", limit=1)) == [("fabric", "E4", 90.0)]
    with pytest.raises(ValueError):
        match_suppliers(ref_store, "E5", limit=0)


@pytest.mark.parametrize(
    "weights",
    [MatchWeights(), MatchWeights(0.05, 0.7, 0.33, 0.21, 0.9, 0.13)],
    ids=["default", "odd"],
)
def test_every_candidate_is_ranked_by_the_score_it_is_explained_with(weights: MatchWeights) -> None:
    """Ranking scores every candidate without its reasons; the page is explained. Over every
    firm of the demo, both sides: the order is the explained scores', and each score is its
    parts' (so the ranking's arithmetic is the explanation's)."""
    store = bundle_store(demo_bundle_path())
    total = sum(weights.as_dict().values())
    seen = 0
    for firm in store.nodes(Label.ENTERPRISE, fields=["id"]):
        for match in (match_suppliers, match_buyers):
            answer = match(store, firm["id"], weights=weights, limit=500)
            keys = [(-c["score"], c["product_id"], c["id"]) for c in answer["candidates"]]
            assert keys == sorted(keys) and len(keys) == answer["total"]
            for c in answer["candidates"]:
                parts = c["parts"]
                mine = sum(parts[p]["weight"] * parts[p]["value"] for p in weights.as_dict())
                assert c["score"] == round(100 * mine / total, 1)
                seen += 1
    assert seen > 1000
