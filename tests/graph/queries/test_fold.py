"""The folding rules the view and the folded panorama share (graph/queries/fold.py)."""

from __future__ import annotations

from chainatlas.graph.queries.fold import folding, group_node, group_of


def test_the_largest_groups_fold_first_until_the_graph_fits() -> None:
    sizes = {"a": 50, "b": 30, "c": 30, "d": 2}
    # 120 nodes: folding a (-49) leaves 71, then b (ties by key before c) leaves 42
    assert folding(sizes, total=120, limit=50, expand=()) == {"a", "b"}
    assert folding(sizes, total=120, limit=120, expand=()) == set()


def test_a_group_asked_open_stays_open_unless_it_alone_is_too_large() -> None:
    sizes = {"a": 50, "b": 30, "c": 30}
    assert folding(sizes, total=110, limit=60, expand=("a",)) == {"b", "c"}
    # a group larger than the limit cannot be drawn whole: it folds whoever asks
    assert "a" in folding(sizes, total=110, limit=40, expand=("a",))


def test_groups_of_firms_and_products() -> None:
    firm = {"label": "Enterprise", "region_id": "hangzhou", "stage": "上游"}
    assert group_of(firm) == "Group:Enterprise:other.upstream"
    assert group_of({"label": "Product", "chain_id": "polymer"}) == "Group:Product:polymer.unstaged"
    assert group_of({"label": "Chain", "id": "polymer"}) is None
    node = group_node("Group:Product:polymer.upstream", 7, {"polymer": ("高分子材料", "Polymers")})
    assert node["name"] == "高分子材料 · 上游产品 ×7" and node["members"] == 7
    assert node["chain_id"] == "polymer" and node["stage"] == "上游"
