"""Names for people and security as it is, in the OpenAPI document (issue 17, items 4 and 5):
short stable operation ids and schema names, an ASCII title, servers, the package's version;
keys required where the server requires them, and the roles each operation needs."""

from __future__ import annotations

import re
from importlib import metadata
from typing import Any

import pytest

from chainatlas.api.app import create_app
from chainatlas.api.openapi import OPERATION_IDS
from tests.support.api import KEY_OF, TestClient, client, reference_store, settings

#: every operation's id, pinned: changing one breaks every generated client's call sites
IDS = {
    ("GET", "/api/health"): "get_health",
    ("GET", "/api/stats"): "get_stats",
    ("GET", "/api/search"): "search",
    ("GET", "/api/enterprises"): "list_enterprises",
    ("GET", "/api/enterprises/{id}"): "get_enterprise",
    ("GET", "/api/enterprises/{id}/suppliers"): "list_enterprise_suppliers",
    ("GET", "/api/enterprises/{id}/customers"): "list_enterprise_customers",
    ("GET", "/api/enterprises/{id}/tiers"): "enterprise_tiers",
    ("GET", "/api/products"): "list_products",
    ("GET", "/api/products/{id}"): "get_product",
    ("GET", "/api/products/{id}/tiers"): "product_tiers",
    ("GET", "/api/match/suppliers"): "match_suppliers",
    ("GET", "/api/match/buyers"): "match_buyers",
    ("GET", "/api/paths/supply"): "supply_paths",
    ("GET", "/api/paths/route"): "product_routes",
    ("GET", "/api/chains"): "list_chains",
    ("GET", "/api/chains/{id}"): "get_chain",
    ("GET", "/api/chains/{id}/firms"): "list_chain_firms",
    ("GET", "/api/gaps"): "list_gaps",
    ("GET", "/api/risk/single-source"): "list_single_sourced",
    ("GET", "/api/risk/impact"): "impact",
    ("GET", "/api/analytics/centrality"): "centrality",
    ("GET", "/api/analytics/pagerank"): "pagerank",
    ("GET", "/api/analytics/communities"): "communities",
    ("GET", "/api/paths/weighted"): "weighted_paths",
    ("GET", "/api/geo"): "get_geo",
    ("GET", "/api/export"): "export_graph",
    ("POST", "/api/cypher"): "run_cypher",
    ("POST", "/api/bundles"): "upload_bundle",
    ("GET", "/api/targets/fill"): "fill_targets",
    ("GET", "/api/targets/strengthen"): "strengthen_targets",
    ("GET", "/api/targets/extend"): "extend_targets",
    ("GET", "/api/kpis"): "get_kpis",
    ("GET", "/api/board/posts"): "list_board_posts",
    ("POST", "/api/board/posts"): "create_board_post",
    ("GET", "/api/board/posts/{post_id}"): "get_board_post",
    ("GET", "/api/board/posts/{post_id}/matches"): "board_matches",
    ("POST", "/api/board/posts/{post_id}/accept"): "accept_board_match",
    ("POST", "/api/board/posts/{post_id}/withdraw"): "withdraw_board_post",
    ("GET", "/api/changes"): "list_changes",
    ("GET", "/api/changes/digest"): "get_digest",
    ("GET", "/api/changes/{change_id}"): "get_change",
    ("POST", "/api/changes/{change_id}/revert"): "revert_change",
}
#: the least role of each operation that is not for every viewer
ABOVE_VIEWER = {"run_cypher": "analyst", "upload_bundle": "editor", "revert_change": "editor"}
SNAKE = re.compile(r"[a-z][a-z0-9]*(_[a-z0-9]+)*")


def document(*, anonymous: bool) -> dict[str, Any]:
    doc: dict[str, Any] = create_app(settings(anonymous=anonymous)).openapi()
    return doc


def operations(doc: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {op["operationId"]: op for item in doc["paths"].values() for op in item.values()}


# -- names ------------------------------------------------------------------------------------
def test_operation_ids_are_the_pinned_ones() -> None:
    doc = document(anonymous=False)
    found = {
        (m.upper(), p): op["operationId"] for p, i in doc["paths"].items() for m, op in i.items()
    }
    assert found == IDS


def test_operation_ids_are_unique_short_snake_case_and_stable() -> None:
    ids = list(IDS.values())
    assert len(set(ids)) == len(ids)
    assert all(SNAKE.fullmatch(i) and len(i) <= 32 for i in ids)
    # the same app twice, and one with other settings: the same ids
    again = operations(document(anonymous=True))
    assert sorted(again) == sorted(operations(document(anonymous=False))) == sorted(ids)


def test_every_renamed_route_exists() -> None:
    """A stale entry in the table would silently stop naming anything."""
    assert set(OPERATION_IDS.values()) <= set(IDS.values())


def test_schema_names_are_short_words() -> None:
    names = list(document(anonymous=False)["components"]["schemas"])
    assert [n for n in names if not re.fullmatch(r"[A-Z][A-Za-z0-9]*", n) or len(n) > 32] == []
    assert {"SearchHitPage", "UploadBundleBody", "ProblemDetails"} <= set(names)


def test_the_document_is_built_once_per_app() -> None:
    app = create_app(settings())
    assert app.openapi() is app.openapi()


def test_info_title_servers_and_version() -> None:
    doc = document(anonymous=False)
    assert doc["info"]["title"] == "ChainAtlas"
    assert doc["info"]["title"].isascii()
    assert "产业链图谱" in doc["info"]["description"]
    assert doc["info"]["version"] == metadata.version("chainatlas")
    assert re.fullmatch(r"\d+\.\d+\.\d+([-+.].*)?", doc["info"]["version"])
    assert doc["servers"] == [{"url": "/", "description": "This server"}]


def test_a_root_path_is_served_first_without_changing_other_apps() -> None:
    with TestClient(create_app(settings(), reference_store()), root_path="/atlas") as api:
        assert api.get("/api/openapi.json").json()["servers"][0] == {"url": "/atlas"}
    assert document(anonymous=False)["servers"] == [{"url": "/", "description": "This server"}]


# -- security as it is ------------------------------------------------------------------------
KEYS: list[dict[str, list[str]]] = [{"ApiKey": []}, {"Bearer": []}]


@pytest.mark.parametrize("anonymous", [True, False])
def test_reading_needs_a_key_only_where_the_server_says_so(anonymous: bool) -> None:
    ops = operations(document(anonymous=anonymous))
    for op_id, op in ops.items():
        if op_id == "get_health":
            assert "security" not in op
            assert op["x-roles"] == []
        elif op_id in ABOVE_VIEWER:
            assert op["security"] == KEYS, op_id
        else:
            assert op["security"] == ([*KEYS, {}] if anonymous else KEYS), op_id


def test_each_operation_states_its_roles() -> None:
    roles = ["viewer", "analyst", "editor", "admin"]
    for op_id, op in operations(document(anonymous=False)).items():
        if op_id == "get_health":
            assert "**Roles:** none" in op["description"]
            continue
        least = ABOVE_VIEWER.get(op_id, "viewer")
        assert op["x-roles"] == roles[roles.index(least) :], op_id
        assert f"**Roles:** {least} or above" in op["description"], op_id


def test_the_stated_roles_are_the_enforced_ones() -> None:
    """A viewer's key is refused where the document says viewers may not go; an anonymous
    reader is let in where the document offers ``{}``."""
    viewer = {"X-API-Key": KEY_OF["viewer"]}
    api: TestClient
    with client() as api:
        assert (
            api.post("/api/cypher", json={"query": "RETURN 1"}, headers=viewer).status_code == 403
        )
        upload = api.post("/api/bundles", files={"file": ("b.zip", b"x")}, headers=viewer)
        assert upload.status_code == 403
        assert api.get("/api/stats").status_code == 401
    with client(anonymous=True) as api:
        assert api.get("/api/stats").status_code == 200
        assert api.post("/api/cypher", json={"query": "RETURN 1"}).status_code == 401
