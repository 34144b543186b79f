"""viz.build_view: styling by kind and district, layouts, physics, folding, on hand-made graphs."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeVar

import pytest

from chainatlas.viz import build_view
from chainatlas.viz.aggregate import aggregate
from chainatlas.viz.style import DISTRICT_COLOUR, EDGE_KINDS, KINDS
from tests.support.subgraphs import ref_subgraph, synthetic_subgraph

#: a vis-network node or edge
Item = TypeVar("Item", bound=Mapping[str, Any])


def _by_id(items: Iterable[Item]) -> dict[str, Item]:
    return {i["id"]: i for i in items}


def test_nodes_are_shaped_by_kind_and_coloured_by_district() -> None:
    nodes = _by_id(build_view(ref_subgraph()).nodes)
    assert nodes["Enterprise:E1"]["shape"] == "dot"
    assert nodes["Enterprise:E1"]["color"]["background"] == DISTRICT_COLOUR["ningbo"]
    assert nodes["Enterprise:E3"]["color"]["background"] == DISTRICT_COLOUR["shangyu"]
    assert nodes["Enterprise:E4"]["color"]["background"] == DISTRICT_COLOUR["keqiao"]
    assert nodes["Product:pta"]["shape"] == KINDS["Product"][0]
    assert nodes["Chain:poly"]["shape"] == KINDS["Chain"][0]
    assert nodes["Region:keqiao"]["shape"] == KINDS["Region"][0]
    assert nodes["Region:keqiao"]["color"]["background"] == DISTRICT_COLOUR["keqiao"]


def test_a_region_outside_the_three_districts_is_elsewhere() -> None:
    g = {
        "nodes": [
            {
                "key": "Enterprise:Z",
                "label": "Enterprise",
                "id": "Z",
                "name": "z",
                "region_id": "hangzhou",
            }
        ],
        "edges": [],
    }
    (node,) = build_view(g).nodes
    assert node["district"] == "other" and node["color"]["background"] == DISTRICT_COLOUR["other"]


def test_size_grows_with_degree() -> None:
    nodes = _by_id(build_view(ref_subgraph()).nodes)
    # E3 trades with three firms and cooperates with one; E7 trades with nobody
    assert nodes["Enterprise:E3"]["size"] > nodes["Enterprise:E7"]["size"]


def test_labels_put_chinese_first_and_english_beside() -> None:
    nodes = _by_id(build_view(ref_subgraph()).nodes)
    assert (
        nodes["Product:pta"]["label"] == "精对苯二甲酸\nPurified terephthalic a…"
    )  # cut; whole on hover
    assert (nodes["Product:pta"]["label_zh"], nodes["Product:meg"]["label_en"]) == (
        "精对苯二甲酸",
        "Ethylene glycol",
    )
    assert nodes["Enterprise:E3"]["label"] == "丙化纤"  # place and company form dropped
    assert nodes["Enterprise:E3"]["data"]["name"] == "浙江丙化纤股份有限公司"  # full name on hover


def test_supplies_edges_are_labelled_with_their_product_name() -> None:
    edges = _by_id(build_view(ref_subgraph()).edges)
    supply = edges["Enterprise:E1>Enterprise:E3:SUPPLIES:pta"]
    assert supply["label"] == "精对苯二甲酸"
    assert supply["arrows"]["to"]["enabled"] is True
    assert supply["color"]["color"] == EDGE_KINDS["SUPPLIES"].colour


def test_edge_kinds_differ_in_style() -> None:
    edges = build_view(ref_subgraph()).edges
    style = {
        e["rel"]: (e["color"]["color"], str(e["dashes"])) for e in edges if e["rel"] != "COOPERATES"
    }
    assert len(set(style.values())) == len(style)  # each kind looks different
    coop = next(e for e in edges if e["rel"] == "COOPERATES" and e["data"]["key"] == "技术")
    assert coop["label"] == "技术" and coop["dashes"]


def test_edge_width_grows_with_volume() -> None:
    edges = _by_id(build_view(ref_subgraph()).edges)
    big = edges["Enterprise:E2>Enterprise:E3:SUPPLIES:meg"]["width"]  # 50,000 t
    small = edges["Enterprise:E6>Enterprise:E5:SUPPLIES:dye"]["width"]  # 600 t
    assert big > small


def test_dangling_edges_are_dropped() -> None:
    g = ref_subgraph()
    g["edges"].append(
        {
            "source": "Enterprise:E1",
            "target": "Enterprise:NOPE",
            "rel": "SUPPLIES",
            "key": "pta",
            "props": {},
        }
    )
    view = build_view(g)
    assert all(e["to"] != "Enterprise:NOPE" for e in view.edges)


def test_each_item_keeps_its_answer_record() -> None:
    g = ref_subgraph()
    view = build_view(g)
    assert [n["data"] for n in view.nodes] == g["nodes"]
    assert sorted((e["data"] for e in view.edges), key=str) == sorted(g["edges"], key=str)


def test_the_input_is_not_modified() -> None:
    g = ref_subgraph()
    before = repr(g)
    build_view(g, layout="stages", limit=5)
    assert repr(g) == before


# -- layouts ---------------------------------------------------------------------------------
def test_force_layout_is_deterministic() -> None:
    a = build_view(ref_subgraph())
    b = build_view(ref_subgraph())
    assert [(n["x"], n["y"]) for n in a.nodes] == [(n["x"], n["y"]) for n in b.nodes]
    assert len({(n["x"], n["y"]) for n in a.nodes}) == len(a.nodes)


def test_stage_layout_runs_upstream_to_downstream_left_to_right() -> None:
    view = build_view(ref_subgraph(), layout="stages")
    nodes = _by_id(view.nodes)
    up, mid, down = (
        nodes["Enterprise:E1"]["x"],
        nodes["Enterprise:E3"]["x"],
        nodes["Enterprise:E5"]["x"],
    )
    assert up < mid < down
    assert nodes["Product:px"]["x"] < nodes["Product:pet"]["x"] < nodes["Product:fabric"]["x"]
    titles = [lane["zh"] for lane in view.lanes if lane["kind"] == "layer"]
    assert titles[:4] == ["区域", "上游", "中游", "下游"]


def test_stage_layout_shows_districts_as_bands() -> None:
    view = build_view(ref_subgraph(), layout="stages")
    bands = {lane["key"]: lane for lane in view.lanes if lane["kind"] == "band"}
    assert {"shangyu", "ningbo", "keqiao", "product"} <= set(bands)
    for node in view.nodes:
        if node["kind"] == "Enterprise":
            band = bands[node["district"]]
            assert band["y"] <= node["y"] <= band["y"] + band["h"]
    assert (
        bands["shangyu"]["y"] < bands["ningbo"]["y"] < bands["keqiao"]["y"] < bands["product"]["y"]
    )


def test_layers_layout_puts_nodes_in_their_columns() -> None:
    g = ref_subgraph()
    layers = {"Enterprise:E1": 0, "Enterprise:E3": 1, "Enterprise:E4": 2, "Enterprise:E5": 3}
    sub = {
        "nodes": [n for n in g["nodes"] if n["key"] in layers],
        "edges": [e for e in g["edges"] if e["source"] in layers and e["target"] in layers],
    }
    view = build_view(sub, layout="layers", layers=layers, layer_titles={0: ("起点", "start")})
    xs = [_by_id(view.nodes)[k]["x"] for k in sorted(layers, key=layers.__getitem__)]
    assert xs == sorted(xs) and len(set(xs)) == 4


def test_given_positions_win() -> None:
    view = build_view(ref_subgraph(), positions={"Enterprise:E1": (12.0, -34.0)})
    e1 = _by_id(view.nodes)["Enterprise:E1"]
    assert (e1["x"], e1["y"]) == (12.0, -34.0)
    assert view.meta["layout"] == "given" and view.meta["physics"] is False


# -- physics and folding ---------------------------------------------------------------------
def test_physics_is_on_for_small_force_views_only() -> None:
    assert build_view(ref_subgraph()).options["physics"]["enabled"] is True
    assert build_view(ref_subgraph(), layout="stages").options["physics"]["enabled"] is False
    big = build_view(synthetic_subgraph(400, 60))
    assert big.options["physics"]["enabled"] is False
    assert big.options["layout"]["improvedLayout"] is False


def test_a_view_over_the_limit_folds_the_largest_groups() -> None:
    g = synthetic_subgraph(300, 60)
    view = build_view(g, limit=200)
    assert view.meta["nodes"] <= 200 and view.meta["source_nodes"] == 364
    groups = [n for n in view.nodes if n["kind"] == "Group"]
    assert groups and all(n["shape"] == "square" for n in groups)
    assert set(view.meta["folded"]) == {n["id"] for n in groups}
    # the meta says how many each group stands for (not who: a province's map has millions)
    members = aggregate(g, limit=200).folded
    assert view.meta["folded"] == {g: len(m) for g, m in members.items()}
    assert sum(view.meta["folded"].values()) - len(groups) == 364 - view.meta["nodes"]
    # members of folded groups are gone, their links counted between groups
    folded = {m for ms in members.values() for m in ms}
    assert not folded & {n["id"] for n in view.nodes}
    assert any(e["data"].get("aggregate") and e["label"].startswith("×") for e in view.edges)


def test_expanding_a_group_keeps_it_open() -> None:
    g = synthetic_subgraph(300, 60)
    first = build_view(g, limit=200)
    group = sorted(first.meta["folded"])[0]
    second = build_view(g, limit=200, expand=[group])
    assert group not in second.meta["folded"]
    members = aggregate(g, limit=200).folded[group]
    assert set(members) <= {n["id"] for n in second.nodes}


def test_a_group_larger_than_the_limit_stays_folded_when_asked_open() -> None:
    g = synthetic_subgraph(300, 60)
    first = build_view(g, limit=30)
    group, size = max(first.meta["folded"].items(), key=lambda kv: kv[1])
    assert size > 30
    second = build_view(g, limit=30, expand=[group])
    assert second.meta["folded"][group] == size and second.meta["unopened"] == [group]
    assert first.meta["unopened"] == []


def test_below_the_limit_nothing_folds() -> None:
    view = build_view(ref_subgraph(), limit=2000)
    assert view.meta["folded"] == {} and not any(n["kind"] == "Group" for n in view.nodes)


@pytest.mark.slow
def test_two_thousand_nodes_build_unfolded() -> None:
    # how long it takes is measured in bench/bench_views.py, not asserted here
    g = synthetic_subgraph(1700, 296)  # 2,000 nodes with the chains
    view = build_view(g)
    assert view.meta["nodes"] == 2000 and view.meta["folded"] == {}
