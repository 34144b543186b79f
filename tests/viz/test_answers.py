"""viz.answers: each answer kind becomes a title, a side panel and layout options, and survives
answers with members missing (a presenter must never be why a view fails)."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
from types import ModuleType
from typing import Any

import pytest

import chainatlas.api.routers as routers
import chainatlas.graph.queries as queries
from chainatlas.viz import answers, build_view, render_view
from chainatlas.viz.answers import PRESENTERS, present

E1, E3, E5 = "Enterprise:E1", "Enterprise:E3", "Enterprise:E5"


def _node(key: str, name: str, **more: Any) -> dict[str, Any]:
    label, id = key.split(":")
    return {"key": key, "label": label, "id": id, "name": name, **more}


PATHS: dict[str, Any] = {
    "source": {"label": "Enterprise", "id": "E1", "name": "宁波甲石化有限公司"},
    "target": {"label": "Enterprise", "id": "E5", "name": "绍兴柯桥戊印染有限公司"},
    "paths": [
        {
            "length": 2,
            "nodes": ["E1", "E3", "E5"],
            "hops": [
                {"from": "E1", "to": "E3", "product_id": "pta"},
                {"from": "E3", "to": "E5", "product_id": "yarn"},
            ],
        },
    ],
    "graph": {
        "nodes": [
            _node(E1, "宁波甲石化有限公司"),
            _node(E3, "浙江丙化纤股份有限公司"),
            _node(E5, "绍兴柯桥戊印染有限公司"),
        ],
        "edges": [
            {"source": E1, "target": E3, "rel": "SUPPLIES", "key": "pta", "props": {}},
            {"source": E3, "target": E5, "rel": "SUPPLIES", "key": "yarn", "props": {}},
        ],
    },
}


@pytest.mark.parametrize("kind", sorted(PRESENTERS))
def test_an_empty_answer_still_presents(kind: str) -> None:
    shown = present(kind, {})
    assert shown.title[0] and shown.title[1]
    html = render_view(
        build_view({"nodes": [], "edges": []}, **shown.build), title=shown.title, panel=shown.panel
    )
    assert "<h1>" in html


def test_paths_read_by_name_and_lay_out_by_hop() -> None:
    shown = present("supply_paths", PATHS, {"pta": "精对苯二甲酸", "yarn": "涤纶长丝"})
    (item,) = shown.panel[0]["items"]
    assert item["title"] == "甲石化 → 丙化纤 → 戊印染"
    assert "甲石化 → 丙化纤 · 精对苯二甲酸" in item["lines"]
    assert item["keys"] == [E1, E3, E5]
    assert shown.build["layers"] == {E1: 0, E3: 1, E5: 2}
    assert shown.build["layout"] == "layers"


def test_weighted_paths_show_each_hops_share() -> None:
    hops = [h | {"share": s} for h, s in zip(PATHS["paths"][0]["hops"], (0.25, 1.0), strict=True)]
    weighted = {**PATHS, "paths": [{**PATHS["paths"][0], "share": 0.25, "hops": hops}]}
    (item,) = present("weighted_paths", weighted, {"pta": "精对苯二甲酸"}).panel[0]["items"]
    assert "甲石化 → 丙化纤 · 精对苯二甲酸 · 25%" in item["lines"]


def test_a_node_on_paths_of_different_lengths_takes_its_furthest_column() -> None:
    answer = dict(
        PATHS,
        paths=[{"nodes": ["E1", "E5"], "hops": []}, {"nodes": ["E1", "E3", "E5"], "hops": []}],
    )
    assert present("supply_paths", answer).build["layers"][E5] == 2


def test_tiers_put_upstream_to_the_left() -> None:
    answer = {
        "root": {"label": "Enterprise", "id": "E5", "name": "戊"},
        "direction": "upstream",
        "nodes": [
            {
                "tier": 1,
                "label": "Enterprise",
                "id": "E3",
                "name": "丙",
                "via": ["E5"],
                "products": ["yarn"],
            }
        ],
        "graph": {"nodes": [_node(E5, "戊"), _node(E3, "丙")], "edges": []},
    }
    shown = present("tiers", answer, {"yarn": "涤纶长丝"})
    assert shown.build["layers"] == {E5: 0, E3: -1}
    assert shown.build["layer_titles"][-1] == ("1 级供应商", "tier 1 suppliers")
    assert "涤纶长丝" in shown.panel[0]["items"][0]["lines"]


def test_match_ranks_and_explains() -> None:
    answer = {
        "enterprise": {"id": "E3", "name": "丙"},
        "side": "suppliers",
        "needs": [],
        "candidates": [
            {
                "id": "E1",
                "name": "甲",
                "product_id": "pta",
                "score": 90.0,
                "reasons": [{"zh": "同在上虞", "en": "In Shangyu"}],
            }
        ],
    }
    shown = present("match", answer)
    (item,) = shown.panel[0]["items"]
    assert item["badge"] == 1 and ("同在上虞", "In Shangyu") in item["lines"]
    assert shown.build["focus"] == [E3] and shown.build["highlight"] == [E1]


def test_a_need_counts_every_local_maker_not_the_page_listed() -> None:
    page = [{"id": "E1", "name": "甲", "region_id": "ningbo"}]
    answer = {
        "enterprise": {"id": "E3", "name": "丙"},
        "needs": [
            {"product_id": "pta", "local_producers": page, "local_producers_total": 350},
            {"product_id": "meg", "local_producers": page},  # an answer of old: its list
        ],
    }
    needs = next(s for s in present("enterprise", answer).panel if s["heading"][1] == "Needs")
    lines = [item["lines"][-1] for item in needs["items"]]
    assert lines == [
        ("本地生产企业 350 家", "350 local producers"),
        ("本地生产企业 1 家", "1 local producers"),
    ]


def test_the_chain_panorama_uses_the_stage_layout_with_structural_links_hidden() -> None:
    shown = present("chain", {"chain": {"id": "poly", "name": "高分子材料"}, "stages": []})
    assert shown.build == {"layout": "stages", "hide_rels": ["IN_CHAIN", "PRODUCES"]}


def test_impact_columns_follow_tiers() -> None:
    answer = {
        "removed": {"label": "Enterprise", "id": "E1", "name": "甲"},
        "affected": [
            {"tier": 1, "id": "E3", "name": "丙", "lost": [{"product_id": "pta"}]},
            {"tier": 2, "id": "E5", "name": "戊", "lost": [{"product_id": "yarn"}]},
        ],
    }
    shown = present("impact", answer, {"pta": "精对苯二甲酸"})
    assert shown.build["layers"] == {E1: 0, E3: 1, E5: 2}
    assert "精对苯二甲酸" in shown.panel[0]["items"][0]["lines"][0][0]


def _functions_of(package: ModuleType) -> set[str]:
    return {
        name
        for info in pkgutil.iter_modules(package.__path__, f"{package.__name__}.")
        for name, _ in inspect.getmembers(importlib.import_module(info.name), inspect.isfunction)
    }


def test_no_presenter_reuses_the_name_of_a_query_or_an_api_route() -> None:
    """A presenter is named for what it shows: ``supply_paths`` is the query, not its view."""
    taken = _functions_of(queries) | _functions_of(routers)
    assert {"supply_paths", "gap_list"} <= taken  # both families are really being looked at
    assert {p.__name__ for p in PRESENTERS.values()}.isdisjoint(taken)


def test_every_presenter_lives_in_its_family_module() -> None:
    modules = {p.__module__.rsplit(".", 1)[1] for p in PRESENTERS.values()}
    assert modules == {"profiles", "matching", "paths", "chains", "risk"}


def test_the_public_surface_is_present_and_its_types() -> None:
    assert set(answers.__all__) == {
        "PRESENTERS",
        "BuildOptions",
        "Names",
        "Presentation",
        "Presenter",
        "Section",
        "present",
    }
