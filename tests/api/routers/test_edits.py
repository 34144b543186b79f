"""POST /api/edits on the demo: an editor ends and changes a supply (one change set each, in
the history, revertible), located 422s, the 409 naming both change sets, who may edit, and a
region editor's scope. The demo loads as change set 1; each edit here is worked out in order
within its test (one app per test: edits change the graph)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from tests.support.api import KEYS, TestClient, assert_problem, client
from tests.support.board import demo_store

SHANGYU = "editor-shangyu-key-0123456789"
EDIT_KEYS = {**KEYS, SHANGYU: "editor@shangyu"}
KEY = {role: key for key, role in EDIT_KEYS.items()}
#: 澜晟氟化 (E0001) supplies sulfuric acid to 沐川氟化 (E0002), both in 上虞, since 2019
SULFURIC = {"supplier_id": "E0001", "buyer_id": "E0002", "product_id": "sulfuric_acid"}
#: two 柯桥 firms: E0110 supplies PET chips to E0112
PET = {"supplier_id": "E0110", "buyer_id": "E0112", "product_id": "pet_chip"}


@pytest.fixture
def api() -> Iterator[TestClient]:
    with client(demo_store(), keys=EDIT_KEYS) as c:
        yield c


def post(c: TestClient, who: str, action: str, fields: dict[str, Any], **more: Any) -> Any:
    body = {"table": "supplies", "action": action, "fields": fields, **more}
    return c.post("/api/edits", json=body, headers={"X-API-Key": KEY[who]})


def test_an_end_is_a_change_set_in_the_history_and_reverts(api: TestClient) -> None:
    ended = post(api, "editor", "end", {**SULFURIC, "until": "2025-12-31"}, base=1)
    assert ended.status_code == 200, ended.text
    answer = ended.json()
    assert answer["key"] == ["E0001", "E0002", "sulfuric_acid"] and answer["warnings"] == []
    record = answer["change_set"]
    assert (record["id"], record["kind"], record["source"]) == (2, "edit", "edit")
    assert record["author"].startswith("editor key ")
    assert record["counts"]["supplies"]["ended"] == 1
    history = api.get("/api/changes", headers={"X-API-Key": KEY["viewer"]}).json()
    assert [c["id"] for c in history["items"]] == [2, 1]
    view = {"X-API-Key": KEY["viewer"]}
    for day, holds in (("2025-12-30", True), ("2026-01-01", False)):
        url = f"/api/enterprises/E0002/suppliers?as_of={day}&limit=500"
        items = api.get(url, headers=view).json()["items"]
        found = {(s["id"], s["product_id"]) for s in items}
        assert (("E0001", "sulfuric_acid") in found) is holds, day
    back = api.post("/api/changes/2/revert", headers={"X-API-Key": KEY["editor"]})
    assert back.status_code == 200 and back.json()["reverts"] == 2


def test_a_stale_base_is_409_with_both_change_sets(api: TestClient) -> None:
    assert post(api, "editor", "change", {**SULFURIC, "volume": "16000"}, base=1).status_code == 200
    late = post(api, "admin", "end", SULFURIC, base=1)
    body = assert_problem(late, 409, "conflict")
    assert (body["change_set"], body["blocking_change_set"]) == (1, 2)
    assert post(api, "admin", "end", SULFURIC, base=2).status_code == 200


def test_bad_fields_are_located_and_write_nothing(api: TestClient) -> None:
    bad = post(api, "editor", "add", {**SULFURIC, "buyer_id": "E0003", "since": "2099"})
    body = assert_problem(bad, 422, "edit-invalid")
    assert [(e["file"], e["column"], e["code"]) for e in body["errors"]] == [
        ("supplies", "since", "future-date")
    ]
    unknown = assert_problem(
        post(api, "editor", "end", {**PET, "buyer_id": "E0001"}), 422, "edit-invalid"
    )
    assert unknown["errors"][0]["code"] == "unknown-fact"
    assert_problem(
        post(api, "editor", "end", {"supplier_id": "E0001"}, base="x"), 422, "validation"
    )
    raw = api.post(
        "/api/edits",
        content=b"{not json",
        headers={"X-API-Key": KEY["editor"], "content-type": "application/json"},
    )
    assert_problem(raw, 422, "validation")
    assert api.get("/api/changes", headers={"X-API-Key": KEY["viewer"]}).json()["total"] == 1


@pytest.mark.parametrize("who", ["viewer", "analyst"])
def test_only_editors_edit(api: TestClient, who: str) -> None:
    assert_problem(post(api, who, "end", SULFURIC), 403, "forbidden")


def test_a_region_editor_edits_its_region_only(api: TestClient) -> None:
    outside = post(api, "editor@shangyu", "end", PET)
    assert_problem(outside, 403, "out-of-scope")
    assert post(api, "editor@shangyu", "end", SULFURIC).status_code == 200
    product = {"table": "products", "action": "change", "fields": {"id": "pta", "name_en": "x"}}
    shared = api.post("/api/edits", json=product, headers={"X-API-Key": SHANGYU})
    assert_problem(shared, 403, "out-of-scope")
