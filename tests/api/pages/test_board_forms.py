"""/board's form and /board/{post_id}'s Accept buttons and graph: who sees them, the API's
validation shown on the form's fields (nothing written), the cookie's same-origin rule, the
cooperation an accept makes and the 409 message, and the graph explaining each reason."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator

import pytest

from tests.support.api import TestClient, client
from tests.support.board import BOARD_KEYS, KEY, demo_store
from tests.support.session import ORIGIN

#: a 技术 need naming a product: its producers answer it without a post
TECH_NEED = {
    "enterprise_id": "E0102",
    "side": "need",
    "kind": "技术",
    "title": "寻求玻纤增强PPS改性技术合作",
    "products": "pps_compound",
}


@pytest.fixture(scope="module")
def board() -> Iterator[TestClient]:
    with client(demo_store(), keys=BOARD_KEYS) as c:
        yield c


def h(who: str) -> dict[str, str]:
    return {"X-API-Key": KEY[who]}


def total(board: TestClient) -> int:
    answer = board.get("/api/board/posts?status=open&limit=1", headers=h("viewer")).json()
    return int(answer["total"])


@pytest.mark.parametrize(
    ("who", "shown"),
    [("viewer", False), ("analyst", False), ("member@E0102", True), ("editor", True)],
)
def test_only_those_who_may_post_see_the_form(board: TestClient, who: str, shown: bool) -> None:
    page = board.get("/board", headers=h(who))
    assert page.status_code == 200
    assert ('id="board-form"' in page.text) == shown
    if who.startswith("member@"):  # a member posts for its own firm only
        assert (
            re.findall(r'name="enterprise_id".*?</select>', page.text, re.S)[0].count("<option")
            == 1
        )


def test_a_bad_form_shows_located_errors_and_writes_nothing(board: TestClient) -> None:
    before = total(board)
    bad = {**TECH_NEED, "title": "", "quantity": "-3", "products": "no_such_product"}
    page = board.post("/board", data=bad, headers=h("member@E0102"))
    assert page.status_code == 422
    for field in ("title", "quantity"):
        assert f'id="error-{field}"' in page.text, field
    assert 'value="-3"' in page.text  # what was typed stays in the form
    unknown = board.post(
        "/board", data={**TECH_NEED, "products": "no_such_product"}, headers=h("member@E0102")
    )
    assert unknown.status_code == 422 and 'id="error-products"' in unknown.text
    assert "no_such_product" in unknown.text
    shapeless = {**TECH_NEED, "kind": "魔法", "quantity": "abc", "valid_until": "2026-13-45"}
    page = board.post("/board", data=shapeless, headers=h("member@E0102"))
    assert page.status_code == 422
    for field in ("kind", "quantity", "valid_until"):
        assert f'id="error-{field}"' in page.text, field
    assert total(board) == before


def test_a_form_post_opens_the_new_post(board: TestClient) -> None:
    made = board.post("/board", data=TECH_NEED, headers=h("member@E0102"), follow_redirects=False)
    assert made.status_code == 303
    post_id = made.headers["location"].rsplit("/", 1)[1]
    post = board.get(f"/api/board/posts/{post_id}", headers=h("viewer")).json()
    assert (post["title"], post["products"], post["status"]) == (
        TECH_NEED["title"],
        ["pps_compound"],
        "open",
    )


def test_nobody_else_posts_from_the_form(board: TestClient) -> None:
    for who, firm in (("viewer", "E0102"), ("member@E0045", "E0102")):
        refused = board.post("/board", data={**TECH_NEED, "enterprise_id": firm}, headers=h(who))
        assert refused.status_code == 403, who


def test_a_signed_in_form_must_come_from_this_site() -> None:
    with client(demo_store(), keys=BOARD_KEYS) as c:
        signed = c.post("/login", data={"key": KEY["member@E0102"]}, follow_redirects=False)
        assert signed.status_code == 303
        cross = c.post("/board", data=TECH_NEED, headers={"Origin": "http://evil.example"})
        assert cross.status_code == 403
        own = c.post("/board", data=TECH_NEED, headers={"Origin": ORIGIN}, follow_redirects=False)
        assert own.status_code == 303


def test_accept_from_the_page_makes_the_cooperation_and_409_is_a_message() -> None:
    with client(demo_store(), keys=BOARD_KEYS) as c:
        made = c.post("/board", data=TECH_NEED, headers=h("member@E0102"), follow_redirects=False)
        post_id = made.headers["location"].rsplit("/", 1)[1]
        page = c.get(f"/board/{post_id}", headers=h("member@E0102")).text
        buttons = re.findall(r'id="accept-([A-Z0-9_]+)"', page)
        assert buttons, page
        assert "accept-" not in c.get(f"/board/{post_id}", headers=h("viewer")).text
        first = buttons[0]
        before = c.get("/api/stats", headers=h("viewer")).json()
        done = c.post(f"/board/{post_id}/accept", data={"candidate": first}, headers=h("editor"))
        assert done.status_code == 200 and 'id="board-accepted"' in done.text
        assert f"E0102 ↔ {first}" in done.text
        after = c.get("/api/stats", headers=h("viewer")).json()
        assert after["cooperation_edges"] == before["cooperation_edges"] + 1
        firm = c.get("/api/enterprises/E0102", headers=h("viewer")).json()
        assert first in {p["id"] for p in firm["partners"].get("技术", [])}
        assert len(buttons) >= 2
        again = c.post(
            f"/board/{post_id}/accept", data={"candidate": buttons[1]}, headers=h("editor")
        )
        assert again.status_code == 409
        assert 'id="board-refused"' in again.text and "已与其他方撮合" in again.text
        stranger = c.post(
            f"/board/{post_id}/accept", data={"candidate": first}, headers=h("member@E0001")
        )
        assert stranger.status_code == 403


def test_the_matches_are_drawn_with_the_links_behind_each_reason(board: TestClient) -> None:
    page = board.get("/board/BP037", headers=h("viewer")).text
    data = re.search(r'<script type="application/json" id="view-data">(.*?)</script>', page, re.S)
    assert data is not None and 'id="network"' in page
    view = json.loads(data.group(1))
    ids = {n["id"] for n in view["nodes"]}
    assert {"Enterprise:E0102", "Enterprise:E0045", "Post:BP036", "Post:BP037"} <= ids
    assert "Product:pps_compound" in ids
    assert "phone" not in data.group(1) and "contact_person" not in data.group(1)
