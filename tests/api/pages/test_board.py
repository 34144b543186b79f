"""/board and /board/{post_id}: filters, the committee's view, matches with reasons, text shown
as text, contacts only for roles that may see them."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from tests.support.api import TestClient, client
from tests.support.board import BOARD_KEYS, KEY, demo_store, need


@pytest.fixture(scope="module")
def board() -> Iterator[TestClient]:
    with client(demo_store(), keys=BOARD_KEYS) as c:
        yield c


def test_the_board_filters_by_kind_chain_and_district(board: TestClient) -> None:
    page = board.get(
        "/board?kind=人才&chain=fluorine&region=shangyu", headers={"X-API-Key": KEY["viewer"]}
    )
    assert page.status_code == 200
    assert "BP016" in page.text and "BP018" not in page.text and "BP001" not in page.text
    assert 'id="nav-board"' in page.text and 'id="board-open-needs"' in page.text


def test_a_post_shows_its_matches_with_reasons(board: TestClient) -> None:
    page = board.get("/board/BP037", headers={"X-API-Key": KEY["viewer"]})
    assert page.status_code == 200
    assert "E0045" in page.text and "BP036" in page.text and "改性PPS（玻纤增强）" in page.text


def test_text_is_text_and_contacts_follow_the_role(board: TestClient) -> None:
    title = '<script>alert(1)</script>=HYPERLINK("x")'
    made = board.post(
        "/api/board/posts",
        json=need("E0102", title=title, phone="0574-1234567"),
        headers={"X-API-Key": KEY["member@E0102"]},
    ).json()
    for who, sees in (("viewer", False), ("member@E0102", True), ("analyst", True)):
        for path in ("/board", f"/board/{made['id']}"):
            text = board.get(path, headers={"X-API-Key": KEY[who]}).text
            assert "<script>alert(1)" not in text and "&lt;script&gt;alert(1)" in text
            assert ("0574-1234567" in text) == sees, (who, path)
