"""``/api/paths/supply`` and ``/api/paths/route`` (routers/paths.py): the path queries' answers,
no path as a problem, unknown ends as 404s."""

from __future__ import annotations

from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries import product_routes, supply_paths
from chainatlas.graph.queries.flows import weighted_paths
from chainatlas.graph.store import MAX_HOPS, ROUTE_MAX_HOPS
from tests.support.api import TestClient, assert_problem, invalid, ok, same, unknown


def test_supply_paths(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/paths/supply", params={"source": "E1", "target": "E5"}))
    assert body == same(supply_paths(store, "E1", "E5"))
    assert [p["nodes"] for p in body["paths"]] == [["E1", "E3", "E4", "E5"]]


def test_supply_paths_options(viewer: TestClient, store: MemoryStore) -> None:
    params = {"source": "E2", "target": "E4", "k": 1, "max_hops": 2}
    body = ok(viewer.get("/api/paths/supply", params=params))
    assert body == same(supply_paths(store, "E2", "E4", k=1, max_hops=2))


def test_supply_paths_none(viewer: TestClient) -> None:
    body = assert_problem(
        viewer.get("/api/paths/supply", params={"source": "E1", "target": "E5", "max_hops": 2}),
        404,
        "no-path",
    )
    assert (body["source"], body["target"]) == ("E1", "E5")


def test_supply_paths_unknown(viewer: TestClient) -> None:
    unknown(
        viewer.get("/api/paths/supply", params={"source": "E1", "target": "E0"}), "Enterprise", "E0"
    )


def test_product_routes(viewer: TestClient, store: MemoryStore) -> None:
    body = ok(viewer.get("/api/paths/route", params={"source": "px", "target": "fabric"}))
    assert body == same(product_routes(store, "px", "fabric"))
    assert [r["nodes"] for r in body["routes"]] == [["px", "pta", "pet", "yarn", "fabric"]]


def test_product_routes_none(viewer: TestClient) -> None:
    body = assert_problem(
        viewer.get("/api/paths/route", params={"source": "fabric", "target": "px"}), 404, "no-path"
    )
    assert "shortest" not in body  # no route of any length


def test_product_routes_beyond_the_bound_name_the_shortest(viewer: TestClient) -> None:
    # px → fabric takes 4 steps; a bound of 3 stops short of it, and the problem says so
    params = {"source": "px", "target": "fabric", "max_hops": 3}
    body = assert_problem(viewer.get("/api/paths/route", params=params), 404, "no-path")
    assert body["shortest"] == 4 and "takes 4 steps" in body["detail"]


def test_routes_walk_further_than_supply_paths(viewer: TestClient) -> None:
    params = {"source": "px", "target": "fabric", "max_hops": MAX_HOPS + 1}
    ok(viewer.get("/api/paths/route", params=params))
    invalid(viewer.get("/api/paths/supply", params=params | {"source": "E1"}), "max_hops")


def test_product_routes_unknown(viewer: TestClient) -> None:
    unknown(
        viewer.get("/api/paths/route", params={"source": "px", "target": "gold"}), "Product", "gold"
    )


@pytest.mark.parametrize("kind", ["supply", "route"])
@pytest.mark.parametrize(
    "params, name",
    [
        ({"source": "E1"}, "target"),
        ({"source": "E1", "target": "E5", "k": 0}, "k"),
        ({"source": "E1", "target": "E5", "max_hops": ROUTE_MAX_HOPS + 1}, "max_hops"),
        ({"source": "E 1", "target": "E5"}, "source"),
    ],
)
def test_paths_bad_parameters(
    viewer: TestClient, kind: str, params: dict[str, Any], name: str
) -> None:
    invalid(viewer.get(f"/api/paths/{kind}", params=params), name)


def test_path_to_itself_is_refused_by_the_query(viewer: TestClient) -> None:
    body = assert_problem(
        viewer.get("/api/paths/supply", params={"source": "E1", "target": "E1"}), 422, "validation"
    )
    assert "same" in body["detail"]


def test_weighted_paths(viewer: TestClient, store: MemoryStore) -> None:
    params = {"source": "E1", "target": "E5", "k": 2, "max_hops": 3}
    body = ok(viewer.get("/api/paths/weighted", params=params))
    assert body == same(weighted_paths(store, "E1", "E5", k=2, max_hops=3))
    assert [(p["nodes"], p["share"]) for p in body["paths"]] == [(["E1", "E3", "E4", "E5"], 1.0)]
    assert_problem(
        viewer.get("/api/paths/weighted", params=params | {"max_hops": 2}), 404, "no-path"
    )
