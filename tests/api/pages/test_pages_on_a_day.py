"""The map, match, paths and geo pages show the map as it stands today, as the API answers by
default, and on the day their form's date field asks (``as_of``); the views they link to carry
that day. The network is tests/support/lifetimes.py's FIRMS: E1 → E3 PTA ended on 2024-07-01,
E1 left the cluster and E2 closed in 2025."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from tests.support import lifetimes
from tests.support.api import TestClient, anonymous_client_of
from tests.support.pages import view_data

BEFORE = lifetimes.BEFORE.isoformat()  # the last day of the PTA contract


@pytest.fixture(scope="module")
def web() -> Iterator[TestClient]:
    with anonymous_client_of(lifetimes.FIRMS) as c:
        yield c


def _drawn(html: str) -> tuple[set[str], set[tuple[str, str, str]]]:
    """The firms a page draws, and its supply edges as (supplier, buyer, product)."""
    data = view_data(html)
    firms = {n["id"] for n in data["nodes"] if n["id"].startswith("Enterprise:")}
    supplies = {(e["from"], e["to"], e["key"]) for e in data["edges"] if e["rel"] == "SUPPLIES"}
    return firms, supplies


def _day_field(html: str) -> str:
    (value,) = re.findall(r'<input type="date" name="as_of" id="[\w-]+" value="([^"]*)">', html)
    return value


def test_the_map_draws_today_not_every_fact(web: TestClient) -> None:
    firms, supplies = _drawn(web.get("/map").text)
    assert firms == {f"Enterprise:E{i}" for i in (3, 4, 5, 6, 7)}  # E1 left, E2 closed
    assert supplies == {
        ("Enterprise:E3", "Enterprise:E4", "yarn"),
        ("Enterprise:E4", "Enterprise:E5", "fabric"),
    }
    # a blank date field (the form sent as_of=) is today too
    assert _drawn(web.get("/map?as_of=").text) == (firms, supplies)


def test_the_map_on_a_day_the_form_asks(web: TestClient) -> None:
    html = web.get(f"/map?as_of={BEFORE}").text
    firms, supplies = _drawn(html)
    assert firms == {f"Enterprise:E{i}" for i in range(1, 8)}
    assert ("Enterprise:E1", "Enterprise:E3", "pta") in supplies
    assert ("Enterprise:E6", "Enterprise:E5", "dye") in supplies
    assert _day_field(html) == BEFORE
    assert _day_field(web.get("/map").text) == ""  # today: the field left blank


def test_the_paths_page_walks_the_supplies_of_its_day(web: TestClient) -> None:
    today = web.get("/paths?source=E3&target=E5").text
    assert "丙化纤 → 丁纺织 → 戊印染" in today
    assert "as_of=" not in today  # the view links: the view's own default, today
    html = web.get(f"/paths?source=E1&target=E5&as_of={BEFORE}").text
    assert "甲石化 → 丙化纤 → 丁纺织 → 戊印染" in html
    link = f"/view/paths/supply?source=E1&target=E5&k=3&max_hops=6&as_of={BEFORE}"
    assert link.replace("&", "&amp;") in html
    # on that day the chain of contracts held; today E1 is no longer in the map
    assert "甲石化 → 丙化纤" not in web.get("/paths?source=E1&target=E5").text


def test_the_match_page_counts_todays_partners(web: TestClient) -> None:
    # E1 sold E3 its PTA until 2024-07-01: leaving out current suppliers of the product
    # leaves E1 out on that day; today E1 has left the cluster, so it is no candidate at all
    on_the_day = web.get(f"/match?enterprise=E3&product=pta&as_of={BEFORE}").text
    assert "甲石化" in on_the_day and _day_field(on_the_day) == BEFORE
    assert f"as_of={BEFORE}" in on_the_day  # the view links carry the day
    left_out = web.get(f"/match?enterprise=E3&product=pta&exclude=same_product&as_of={BEFORE}")
    assert "No candidates found." in left_out.text
    assert "No candidates found." in web.get("/match?enterprise=E3&product=pta").text


def test_the_geo_page_keeps_its_day(web: TestClient) -> None:
    html = web.get(f"/geo?as_of={BEFORE}").text
    assert _day_field(html) == BEFORE
    assert f"as_of={BEFORE}" in html  # its table links (CSV, XLSX) keep it
    assert web.get(f"/geo?format=csv&as_of={BEFORE}").status_code == 200


@pytest.mark.parametrize("page", ["/map", "/match", "/paths", "/geo"])
@pytest.mark.parametrize("day", ["2024-13-01", "0", "2024/06/30"])
def test_a_malformed_day_is_refused(web: TestClient, page: str, day: str) -> None:
    r = web.get(f"{page}?as_of={day}")
    assert r.status_code == 422 and "as_of" in r.text
