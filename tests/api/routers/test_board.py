"""/api/board on the demo: the role × route matrix (a firm's own key, other firms' keys, every
role, anonymous), contact hiding, posting with bad input, accept → a cooperation ``stats``
counts, 409s with the post's status, and the rate limit on posting."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

import pytest

from chainatlas.graph.guards import Guards
from tests.support.api import TEST_GUARDS, TestClient, assert_problem, client
from tests.support.board import BOARD_KEYS, KEY, demo_store, need

CONTACTS = ("contact_person", "phone", "email")


@pytest.fixture(scope="module")
def board() -> Iterator[TestClient]:
    with client(demo_store(), keys=BOARD_KEYS) as c:
        yield c


def h(who: str) -> dict[str, str]:
    return {"X-API-Key": KEY[who]}


# -- who may do what -------------------------------------------------------------------------
WRITERS = {"editor", "admin"}


@pytest.mark.parametrize("who", ["viewer", "analyst", "editor", "admin", "member@E0102"])
def test_everyone_with_a_key_reads_and_only_some_see_contacts(board: TestClient, who: str) -> None:
    page = board.get("/api/board/posts?limit=200", headers=h(who)).json()
    assert page["total"] >= 60
    one = board.get("/api/board/posts/BP016", headers=h(who)).json()
    matches = board.get("/api/board/posts/BP016/matches", headers=h(who)).json()
    sees = who != "viewer"
    for answer in (page["items"][0], one, matches["post"]):
        assert any(k in answer for k in CONTACTS) == sees, who
    assert matches["candidates"][0]["reasons"]


@pytest.mark.parametrize("who", ["viewer", "analyst", "editor", "admin", "member@E0102"])
@pytest.mark.parametrize("firm", ["E0102", "E0045"])
def test_posting_matrix(board: TestClient, who: str, firm: str) -> None:
    answer = board.post("/api/board/posts", json=need(firm), headers=h(who))
    if who in WRITERS or who == f"member@{firm}":
        assert answer.status_code == 200, answer.text
        assert answer.json()["status"] == "open" and answer.json()["enterprise_id"] == firm
    else:
        assert_problem(answer, 403, "forbidden")


def test_anonymous_callers_read_but_never_write() -> None:
    with client(demo_store(), keys=BOARD_KEYS, anonymous=True) as c:
        items = c.get("/api/board/posts").json()["items"]
        assert items and not any(k in p for p in items for k in CONTACTS)
        assert_problem(c.post("/api/board/posts", json=need("E0102")), 401, "unauthorized")
        answer = c.post("/api/board/posts/BP037/accept", json={"candidate": "BP036"})
        assert_problem(answer, 401, "unauthorized")
    with client(demo_store(), keys=BOARD_KEYS) as c:
        assert_problem(c.get("/api/board/posts"), 401, "unauthorized")


def test_withdraw_matrix(board: TestClient) -> None:
    made = board.post("/api/board/posts", json=need("E0102"), headers=h("member@E0102")).json()
    path = f"/api/board/posts/{made['id']}/withdraw"
    for who in ("viewer", "analyst", "member@E0045"):
        assert_problem(board.post(path, json={}, headers=h(who)), 403, "forbidden")
    # a moderator needs a reason; the firm itself does not
    assert_problem(board.post(path, json={}, headers=h("editor")), 422, "validation")
    done = board.post(path, json={}, headers=h("member@E0102"))
    assert done.json()["status"] == "withdrawn"
    again = board.post(path, json={"reason": "x"}, headers=h("admin"))
    assert assert_problem(again, 409, "post-conflict")["status_of_post"] == "withdrawn"
    other = board.post("/api/board/posts", json=need("E0045"), headers=h("admin")).json()
    moderated = board.post(
        f"/api/board/posts/{other['id']}/withdraw", json={"reason": "重复发布"}, headers=h("editor")
    )
    assert moderated.json()["withdrawn_reason"] == "重复发布"


# -- accepting a match -------------------------------------------------------------------------
def test_accept_makes_one_cooperation_that_stats_counts() -> None:
    with client(demo_store(), keys=BOARD_KEYS) as c:
        before = c.get("/api/stats", headers=h("viewer")).json()
        path = "/api/board/posts/BP037/accept"
        assert_problem(
            c.post(path, json={"candidate": "BP036"}, headers=h("member@E0001")), 403, "forbidden"
        )
        first = c.post(path, json={"candidate": "BP036"}, headers=h("member@E0045"))
        assert first.status_code == 200, first.text
        coop = first.json()["cooperation"]
        assert (coop["from_id"], coop["to_id"], coop["kind"]) == ("E0102", "E0045", "产能")
        assert coop["since"] == date.today().isoformat() and coop["source_file"] == "BP037|BP036"
        assert first.json()["post"]["status"] == first.json()["candidate_post"]["status"]
        again = c.post(path, json={"candidate": "BP036"}, headers=h("member@E0102"))
        assert again.json()["cooperation"] == {**coop, "created": False}
        after = c.get("/api/stats", headers=h("viewer")).json()
        assert after["cooperation_edges"] == before["cooperation_edges"] + 1
        assert after["collaborating_enterprises"] == before["collaborating_enterprises"] + 1
        # the map's edges carry it
        firm = c.get("/api/enterprises/E0102", headers=h("viewer")).json()
        assert "E0045" in str(firm)
        # matched to another: 409 with its status
        other = c.post(path, json={"candidate": "E0044"}, headers=h("editor"))
        assert assert_problem(other, 409, "post-conflict")["status_of_post"] == "matched"


def test_an_accepted_match_is_a_change_set_the_history_lists_and_a_revert_undoes() -> None:
    with client(demo_store(), keys=BOARD_KEYS) as c:
        before = c.get("/api/stats", headers=h("viewer")).json()
        done = c.post(
            "/api/board/posts/BP037/accept", json={"candidate": "BP036"}, headers=h("member@E0045")
        )
        assert done.status_code == 200, done.text
        newest = c.get("/api/changes", headers=h("viewer")).json()["items"][0]
        assert (newest["kind"], newest["source"]) == ("edit", "board")
        assert newest["author"].startswith("member@E0045 key ")
        assert newest["counts"]["cooperations"]["added"] == 1
        assert newest["counts"]["posts"]["changed"] == 2
        undone = c.post(f"/api/changes/{newest['id']}/revert", headers=h("editor"))
        assert undone.status_code == 200, undone.text
        assert c.get("/api/stats", headers=h("viewer")).json() == before
        post = c.get("/api/board/posts/BP037", headers=h("viewer")).json()
        assert post["status"] == "open"


@pytest.mark.parametrize(
    "post, candidate, status",
    [("BP060", "E0001", "withdrawn"), ("BP040", "E0001", "expired"), ("BP016", "BP001", "foreign")],
)
def test_accepting_what_cannot_be_accepted_is_409(
    board: TestClient, post: str, candidate: str, status: str
) -> None:
    answer = board.post(
        f"/api/board/posts/{post}/accept", json={"candidate": candidate}, headers=h("admin")
    )
    assert assert_problem(answer, 409, "post-conflict")["status_of_post"] == status


# -- bad input ---------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "change, field",
    [
        ({"enterprise_id": "E9999"}, "enterprise_id"),
        ({"kind": "魔法"}, "kind"),
        ({"products": ["unobtainium"]}, "products"),
        ({"valid_from": "2027-01-02", "valid_until": "2027-01-01"}, "valid_until"),
        ({"title": "  "}, "title"),
        ({"description": "长" * 2001}, "description"),
        ({"title": "标\x07题"}, "title"),
        ({"quantity": 0}, "quantity"),
        ({"quantity": -2}, "quantity"),
        ({"quantity": "三吨"}, "quantity"),
    ],
)
def test_a_bad_post_names_its_field_and_writes_nothing(
    board: TestClient, change: dict[str, Any], field: str
) -> None:
    before = board.get("/api/board/posts?limit=1", headers=h("admin")).json()["total"]
    answer = board.post("/api/board/posts", json=need("E0102", **change), headers=h("admin"))
    body = assert_problem(answer, 422, "validation")
    assert field in {e["name"] for e in body["errors"]}, body
    assert board.get("/api/board/posts?limit=1", headers=h("admin")).json()["total"] == before


def test_html_and_formulas_come_back_as_the_text_written(board: TestClient) -> None:
    title = '<script>alert(1)</script>=HYPERLINK("http://x")'
    made = board.post("/api/board/posts", json=need("E0102", title=title), headers=h("admin"))
    assert (
        board.get(f"/api/board/posts/{made.json()['id']}", headers=h("viewer")).json()["title"]
        == title
    )


def test_posting_is_rate_limited_per_key() -> None:
    guards = Guards(**{**TEST_GUARDS.model_dump(), "board_posts_per_hour": 2})
    with client(demo_store(), keys=BOARD_KEYS, guards=guards) as c:
        for _ in range(2):
            ok = c.post("/api/board/posts", json=need("E0102"), headers=h("member@E0102"))
            assert ok.status_code == 200
        late = c.post("/api/board/posts", json=need("E0102"), headers=h("member@E0102"))
        assert_problem(late, 429, "too-many-requests")
        # another key has its own allowance
        other = c.post("/api/board/posts", json=need("E0045"), headers=h("member@E0045"))
        assert other.status_code == 200
