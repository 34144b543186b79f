"""``?as_of=YYYY-MM-DD`` on the JSON routes and the views that mirror them: the answers of the
query functions on that day (network and hand-worked answers: tests/support/lifetimes.py);
default today; a malformed day is a 422 problem naming ``as_of``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from tests.support import lifetimes
from tests.support.api import TestClient, anonymous_client_of, invalid, ok

LATER, BEFORE = lifetimes.LATER.isoformat(), lifetimes.BEFORE.isoformat()


@pytest.fixture(scope="module")
def api() -> Iterator[TestClient]:
    with anonymous_client_of(lifetimes.DATED) as c:
        yield c


def test_stats_on_a_day(api: TestClient) -> None:
    assert ok(api.get(f"/api/stats?as_of={LATER}")) == lifetimes.STATS_LATER
    assert ok(api.get(f"/api/stats?as_of={lifetimes.EARLY}")) == lifetimes.STATS_EARLY


def test_the_default_day_is_today(api: TestClient) -> None:
    today = date.today().isoformat()
    assert ok(api.get("/api/stats")) == ok(api.get(f"/api/stats?as_of={today}"))
    # every ending of the network is before 2026: today sees them all
    assert today >= "2026" and ok(api.get("/api/stats")) == lifetimes.STATS_LATER


@pytest.mark.parametrize("bad", ["2025-13-01", "2025-02-30", "30.06.2025", "yesterday", "2025"])
def test_a_malformed_day_is_a_validation_problem(api: TestClient, bad: str) -> None:
    invalid(api.get(f"/api/stats?as_of={bad}"), "as_of")


def test_routes_answer_on_the_day(api: TestClient) -> None:
    suppliers = ok(api.get(f"/api/enterprises/E3/suppliers?as_of={LATER}"))
    assert [i["id"] for i in suppliers["items"]] == ["E2"]
    suppliers = ok(api.get(f"/api/enterprises/E3/suppliers?as_of={BEFORE}"))
    assert [i["id"] for i in suppliers["items"]] == ["E2", "E1"]
    gaps = ok(api.get(f"/api/gaps?as_of={LATER}"))
    assert [i["id"] for i in gaps["items"]] == ["meg"]
    assert ok(api.get(f"/api/gaps?as_of={BEFORE}"))["items"] == []
    impact = ok(api.get(f"/api/risk/impact?enterprise=E1&as_of={BEFORE}"))
    assert [a["id"] for a in impact["affected"]] == ["E3", "E4", "E5"]
    assert ok(api.get(f"/api/risk/impact?enterprise=E1&as_of={LATER}"))["affected"] == []
    tiers = ok(api.get(f"/api/enterprises/E5/tiers?as_of={LATER}"))
    assert [n["id"] for n in tiers["nodes"]] == ["E4", "E3", "E2"]
    match = ok(api.get(f"/api/match/suppliers?enterprise=E3&as_of={LATER}"))
    assert [c["id"] for c in match["candidates"]] == ["E1"]


def test_paths_end_with_the_facts(api: TestClient) -> None:
    assert len(ok(api.get(f"/api/paths/supply?source=E1&target=E5&as_of={BEFORE}"))["paths"]) == 1
    answer = api.get(f"/api/paths/supply?source=E1&target=E5&as_of={LATER}")
    assert answer.status_code == 404 and answer.json()["type"].endswith("no-path")


def test_a_view_mirrors_the_route_on_the_day(api: TestClient) -> None:
    url = f"/risk/impact?enterprise=E1&as_of={BEFORE}"
    body = ok(api.get(f"/view{url}&format=json"))
    assert body["answer"] == ok(api.get(f"/api{url}"))
    assert [a["id"] for a in body["answer"]["affected"]] == ["E3", "E4", "E5"]
    gaps = ok(api.get(f"/view/gaps?as_of={LATER}&format=json"))
    assert [g["product_id"] for g in gaps["answer"]["gaps"]] == ["meg"]
