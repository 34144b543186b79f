"""``GET /api/changes/digest``, the ``/changes`` page and the briefing's digest section: the
demo a month later (tests/support/changes.py) loaded as change set 2, on both stores."""

from __future__ import annotations

import io
from datetime import timedelta
from pathlib import Path

import pandas as pd
import pytest

from chainatlas.api.atlas import Atlas
from chainatlas.api.pages.committee import BOARD_TITLES, DIGEST_TITLES, TITLES
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.queries.digest import digest
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import load_bundle
from chainatlas.loaders.diff import parse_scope
from tests.support import changes
from tests.support.api import assert_problem, auth, client, ok, settings

VIEWER = auth("viewer")
DAY = changes.DAY
BEFORE = DAY - timedelta(days=1)
SPAN = {"since": BEFORE.isoformat(), "until": DAY.isoformat()}


@pytest.fixture(scope="module")
def month(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return changes.changed(tmp_path_factory.mktemp("digest") / "2026-12")


def loaded(store: GraphStore, month: Path) -> GraphStore:
    load_bundle(store, changes.DEMO, author="li", day=DAY)
    load_bundle(store, month, author="wang", scope=parse_scope("all"), day=DAY)
    return store


@pytest.fixture
def two_months(store: GraphStore, month: Path) -> GraphStore:
    return loaded(store, month)


@pytest.fixture
def two_months_embedded(month: Path) -> GraphStore:
    """Pages and the atlas read through the store contract the route tests hold on both
    stores: the embedded store suffices for them."""
    return loaded(MemoryStore(), month)


def test_the_route_answers_the_digest(two_months: GraphStore) -> None:
    last = changes.through_now()  # the capacity change is dated by its change set
    span = {"since": BEFORE.isoformat(), "until": last.isoformat()}
    with client(two_months) as c:
        answer = ok(c.get("/api/changes/digest", headers=VIEWER, params=span))
        assert answer == digest(two_months, since=BEFORE, until=last)
        assert answer["counts"]["firm_left"] == 3 and answer["counts"]["capacity_changed"] == 1
        (left,) = [i for i in answer["items"] if i["id"] == "E0003"]
        assert (left["label"], left["label_en"], left["name"]) == (
            "退出企业",
            "Firm left",
            "绍兴岱禾化工有限公司",
        )
        strict = ok(
            c.get("/api/changes/digest", headers=VIEWER, params=span | {"capacity_threshold": 1.5})
        )
        assert strict["counts"]["capacity_changed"] == 0  # doubled: +100 %, under 150 %
        backwards = {"since": DAY.isoformat(), "until": BEFORE.isoformat()}
        assert_problem(
            c.get("/api/changes/digest", headers=VIEWER, params=backwards), 422, "validation"
        )
        assert_problem(c.get("/api/changes/digest", headers=VIEWER), 422, "validation")


def test_the_page_and_the_briefing_show_it(two_months_embedded: GraphStore) -> None:
    two_months = two_months_embedded
    with client(two_months) as c:
        page = c.get("/changes", headers=VIEWER, params=SPAN)
        assert page.status_code == 200
        for text in ("变更摘要", "What changed", "绍兴岱禾化工有限公司", 'id="nav-changes"'):
            assert text in page.text
        assert 'data-kind="firm_joined">' in page.text
        book = pd.read_excel(
            io.BytesIO(c.get("/changes", headers=VIEWER, params=SPAN | {"format": "xlsx"}).content),
            sheet_name=None,
        )
        assert len(book["变更 Changes"]) == sum(
            digest(two_months, since=BEFORE, until=DAY)["counts"].values()
        )
        report = c.get("/report", headers=VIEWER, params={"since": BEFORE.isoformat()})
        assert 'id="section-digest"' in report.text and "绍兴岱禾化工有限公司" in report.text
        xlsx = c.get("/report", headers=VIEWER, params={"format": "xlsx"}).content
        sheets = list(pd.read_excel(io.BytesIO(xlsx), sheet_name=None))
        assert sheets == [s for s, _, _ in TITLES + BOARD_TITLES + DIGEST_TITLES]


def test_the_atlas_pages_the_history(two_months_embedded: GraphStore) -> None:
    two_months = two_months_embedded
    atlas = Atlas(two_months, settings())
    listed = atlas.list_changes(limit=1)
    assert listed.to_pandas()[["id", "author", "ended"]].values.tolist() == [[2, "wang", 17]]
    one = atlas.get_change(2, limit=2, offset=1)
    assert one["facts_total"] == 24 and len(one.to_pandas()) == 2
    frame = atlas.get_digest(BEFORE, DAY).to_pandas()
    assert frame["kind"].tolist().count("supply_started") == 4
    for bad in ({"limit": 0}, {"offset": -1}):
        with pytest.raises(InvalidOption):
            atlas.list_changes(**bad)
