"""The store contract of a product's makers as a profile lists them (``producer_pages``): the
same assertions on the memory and the Neo4j store (the reference network of tests/support)."""

from __future__ import annotations

import pytest

from chainatlas.graph.model import Label
from chainatlas.graph.store import GraphStore

E3 = {"id": "E3", "name": "浙江丙化纤股份有限公司", "region_id": "shangyu"}
E7 = {"id": "E7", "name": "浙江庚新材料有限公司", "region_id": "shangyu"}


def test_producer_pages_count_every_maker_and_list_a_page(ref_store: GraphStore) -> None:
    assert ref_store.producer_pages(["pta", "pet", "nope", "pet"]) == {
        "pet": {"total": 2, "items": [E3, E7]},
        "pta": {
            "total": 1,
            "items": [{"id": "E1", "name": "宁波甲石化有限公司", "region_id": "ningbo"}],
        },
    }
    assert ref_store.producer_pages(["pet"], limit=1) == {"pet": {"total": 2, "items": [E3]}}
    # a firm's own product is not a local maker of its need; nobody else: no page at all
    assert ref_store.producer_pages(["pet", "pta"], exclude="E3") == {
        "pet": {"total": 1, "items": [E7]},
        "pta": {
            "total": 1,
            "items": [{"id": "E1", "name": "宁波甲石化有限公司", "region_id": "ningbo"}],
        },
    }
    assert ref_store.producer_pages(["pta"], exclude="E1") == {}
    assert ref_store.producer_pages([]) == {}


@pytest.mark.parametrize(("exclude", "limit"), [(None, None), ("E3", 1), ("E1", 2), ("E9", None)])
def test_producer_pages_are_the_producers_cut(
    ref_store: GraphStore, exclude: str | None, limit: int | None
) -> None:
    """Every product's page is what producers() gives, less the excluded firm, cut at limit."""
    products = [n["id"] for n in ref_store.nodes(Label.PRODUCT)]
    makers: dict[str, list[dict[str, object]]] = {}
    for p in ref_store.producers(products):
        if p["id"] != exclude:
            makers.setdefault(p["product_id"], []).append(
                {"id": p["id"], "name": p["name"], "region_id": p.get("region_id")}
            )
    expected = {k: {"total": len(v), "items": v[:limit]} for k, v in makers.items()}
    assert ref_store.producer_pages(products, exclude=exclude, limit=limit) == expected
