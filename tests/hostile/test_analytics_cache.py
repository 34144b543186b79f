"""Issue 12, finding 7: global analytics computed once per version of the graph, on both
stores; a write (any upsert or clear) gives a new version and a fresh answer."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chainatlas.api.app import create_app
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.queries.paths import tiers
from chainatlas.graph.queries.risk import impact
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle
from chainatlas.loaders.generate import generate_bundle
from tests.support import reference
from tests.support.api import TestClient, settings
from tests.support.hostile_service import guards, key
from tests.support.surveys import counting

ROUTES = [
    "/api/analytics/centrality",
    "/api/chains",
    "/api/gaps",
    "/api/risk/single-source",
    "/api/stats",
]
NEW_FIRM = {"id": "E99", "name": "新企业有限公司"}


def test_the_version_changes_with_every_write_and_never_comes_back(store: GraphStore) -> None:
    seen = {store.version()}
    store.write_tables(reference.TABLES)
    seen.add(store.version())
    assert store.version() == store.version()  # reading changes nothing
    store.upsert(Table.ENTERPRISES, [NEW_FIRM])
    seen.add(store.version())
    store.clear()
    seen.add(store.version())
    assert len(seen) == 4


def test_the_memory_version_is_saved_with_the_graph(tmp_path: object) -> None:
    path = Path(str(tmp_path)) / "graph.json"
    store = MemoryStore()
    store.write_tables(reference.TABLES)
    store.save(path)
    again = MemoryStore.open(path)
    assert again.version() == store.version()
    staged = again.staging()
    staged.upsert(Table.ENTERPRISES, [NEW_FIRM])
    assert int(staged.version()) > int(again.version())


def test_each_global_answer_is_computed_once_per_version(store: GraphStore) -> None:
    store.write_tables(reference.TABLES)
    app = create_app(settings(guards=guards(rate_limit=0)), store)
    with TestClient(app) as c:
        first = [c.get(r, headers=key("viewer")).json() for r in ROUTES]
        cache: AnalyticsCache = app.state.analytics
        assert (cache.misses, cache.hits) == (len(ROUTES), 0)
        again = [c.get(r, headers=key("viewer")).json() for r in ROUTES]
        assert again == first and cache.hits == len(ROUTES)
        paged = c.get("/api/gaps?limit=1&offset=1", headers=key("viewer")).json()
        assert paged["items"] == first[2]["items"][1:2] and cache.misses == len(ROUTES)
        store.upsert(Table.ENTERPRISES, [NEW_FIRM])  # a write: the next answers are new
        after = c.get(ROUTES[0], headers=key("viewer"), params={"measure": "degree"}).json()
        assert after["total"] == first[0]["total"] + 1


COMMITTEE = ["/api/targets/fill", "/api/targets/strengthen", "/api/targets/extend", "/api/kpis"]
#: the committee's pages (the briefing last)
PAGES = ["/targets?list=fill", "/targets?list=firms", "/kpis", "/centrality", "/report"]


def test_the_committee_reads_one_survey_per_version(
    store: GraphStore, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    """补链, 强链, 延链 and the KPIs, their pages and the briefing all cut their answers from
    one survey kept per version (a province's takes minutes), whatever the limit."""
    generate_bundle(tmp_path, enterprises=300, seed=3)
    store.write_tables(read_bundle(tmp_path).tables)
    surveys = counting(monkeypatch)
    app = create_app(settings(guards=guards(rate_limit=0)), store)
    with TestClient(app) as c:

        def ask(path: str, **params: Any) -> Any:
            answer = c.get(path, params=params, headers=key("viewer"))
            assert answer.status_code == 200, (path, answer.text)
            return answer

        whole = {r: ask(r, limit=500).json() for r in COMMITTEE[:3]}
        for r, answer in whole.items():
            members = ["products", "firms"] if "strengthen" in r else ["targets"]
            assert ask(r, limit=1).json() == answer | {m: answer[m][:1] for m in members}
            assert all(len(answer[m]) > 1 for m in members), r  # the cut cuts
        kpis = ask(COMMITTEE[3]).json()
        ask("/api/analytics/centrality", measure="degree")
        for page in PAGES[:-1]:
            ask(page)
        assert len(surveys) == 1 and kpis["rows"]
        ask("/report")  # its digest compares two days' KPIs: two surveys of their own
        ask("/changes")  # the same digest, kept
        assert len(surveys) == 3
        cache: AnalyticsCache = app.state.analytics
        misses = cache.misses
        for page in PAGES:  # all kept: the centrality page's the route's
            ask(page)
        assert (len(surveys), cache.misses) == (3, misses)
        store.upsert(Table.ENTERPRISES, [NEW_FIRM])  # a new version: a new survey
        ask(COMMITTEE[1], limit=3)
        assert len(surveys) == 4


def test_a_cache_of_size_zero_computes_every_time() -> None:
    cache, calls = AnalyticsCache(0), []
    store = MemoryStore()
    for _ in range(3):
        cache.get(store, "x", (), lambda: calls.append(1))
    assert len(calls) == 3 and cache.misses == 0


def test_the_oldest_entries_fall_out() -> None:
    cache = AnalyticsCache(2)
    store = MemoryStore()
    for n in range(3):
        cache.get(store, "x", (n,), lambda n=n: str(n))  # type: ignore[misc]
    assert cache.get(store, "x", (0,), lambda: "again") == "again"
    assert cache.get(store, "x", (2,), lambda: "again") == "2"


@pytest.mark.parametrize("as_of", ["2019-01-01", "2030-01-01"])
def test_the_day_is_part_of_the_key(as_of: str) -> None:
    store = MemoryStore()
    store.write_tables(reference.TABLES)
    app = create_app(settings(guards=guards(rate_limit=0)), store)
    with TestClient(app) as c:
        dated = c.get("/api/risk/single-source", params={"as_of": as_of}, headers=key("viewer"))
        today = c.get("/api/risk/single-source", headers=key("viewer"))
        assert app.state.analytics.misses == 2
        assert dated.status_code == today.status_code == 200


def test_an_error_leaves_no_gate_behind() -> None:
    cache, store = AnalyticsCache(4), MemoryStore()

    def unknown() -> None:
        raise LookupError("no such product")

    for n in range(3):
        with pytest.raises(LookupError):
            cache.get(store, "x", (n,), unknown)
    assert cache._computing == {} and cache.misses == 0


def test_the_map_on_the_ground_is_encoded_once_per_version() -> None:
    store = MemoryStore()
    store.write_tables(reference.TABLES)
    app = create_app(settings(guards=guards(rate_limit=0)), store)
    with TestClient(app) as c:
        first = c.get("/api/geo?flows=1", headers=key("viewer"))
        again = c.get("/api/geo?flows=1", headers=key("viewer"))
        cache: AnalyticsCache = app.state.analytics
        assert first.content == again.content and (cache.misses, cache.hits) == (1, 1)
        assert first.headers["content-type"] == "application/geo+json"
        store.upsert(Table.ENTERPRISES, [NEW_FIRM])  # a write: the answer is computed again
        c.get("/api/geo?flows=1", headers=key("viewer"))
        assert cache.misses == 2


def test_every_change_set_and_its_revert_is_a_new_version(store: GraphStore) -> None:
    """One version for the cache and the history alike: a change set moves it on, so does
    the revert of one, and a change set that changes nothing leaves it (both stores)."""
    from chainatlas.graph.changes import change_set
    from chainatlas.graph.revert import revert

    store.write_tables(reference.TABLES)
    app = create_app(settings(guards=guards(rate_limit=0)), store)
    with TestClient(app) as c:
        before = c.get(ROUTES[0], headers=key("viewer"), params={"measure": "degree"}).json()
        seen = [store.version()]
        with change_set(store, author="t", source="new") as cs:
            cs.upsert(Table.ENTERPRISES, [NEW_FIRM])
        seen.append(store.version())
        with change_set(store, author="t", source="same") as cs:
            cs.upsert(Table.ENTERPRISES, [NEW_FIRM])
        assert cs.record is None and store.version() == seen[-1]
        added = c.get(ROUTES[0], headers=key("viewer"), params={"measure": "degree"}).json()
        assert added["total"] == before["total"] + 1
        revert(store, store.head(), author="t")
        seen.append(store.version())
        again = c.get(ROUTES[0], headers=key("viewer"), params={"measure": "degree"}).json()
        assert again == before and len(set(seen)) == 3


def test_an_impact_walks_once_for_all_its_pages(store: GraphStore) -> None:
    """Issue 13: a hub's impact reaches tens of thousands of firms; its pages share one walk
    per version of the graph (graph.queries.risk.cascade), a page asked again is kept, and
    a write walks again."""
    store.write_tables(reference.TABLES)
    app = create_app(settings(guards=guards(rate_limit=0)), store)
    with TestClient(app) as c:

        def page(offset: int) -> dict[str, object]:
            params = {"enterprise": "E1", "limit": 1, "offset": offset}
            body: dict[str, object] = c.get(
                "/api/risk/impact", params=params, headers=key("viewer")
            ).json()
            return body

        pages = [page(n) for n in range(3)]
        cache: AnalyticsCache = app.state.analytics
        assert (cache.misses, cache.hits) == (4, 2)  # one walk, three pages drawn from it
        assert page(1) == pages[1] and (cache.misses, cache.hits) == (4, 3)
        whole = impact(store, enterprise_id="E1")
        assert [a for p in pages for a in p["affected"]] == whole["affected"]  # type: ignore[attr-defined]
        assert [p["next"] for p in pages] == [1, 2, None] and whole["total"] == 3
        second = {"supplier_id": "E6", "buyer_id": "E3", "product_id": "pta"}
        store.upsert(Table.SUPPLIES, [second])  # E3 keeps a supplier of pta: nothing breaks
        assert page(0)["total"] == 0 and cache.misses == 6


@pytest.mark.parametrize("path", ["/api/enterprises/E1/tiers", "/api/products/px/tiers"])
def test_tiers_walk_once_for_all_their_pages(store: GraphStore, path: str) -> None:
    """A hub's tiers, too, share one walk per version (graph.queries.paths.tier_walk)."""
    store.write_tables(reference.TABLES)
    app = create_app(settings(guards=guards(rate_limit=0)), store)
    with TestClient(app) as c:

        def page(offset: int) -> dict[str, Any]:
            params = {"direction": "downstream", "limit": 1, "offset": offset}
            body: dict[str, Any] = c.get(path, params=params, headers=key("viewer")).json()
            return body

        pages = [page(n) for n in range(3)]
        cache: AnalyticsCache = app.state.analytics
        assert (cache.misses, cache.hits) == (4, 2)  # one walk, three pages drawn from it
        assert page(2) == pages[2] and (cache.misses, cache.hits) == (4, 3)
        label, id = ("Enterprise", "E1") if "E1" in path else ("Product", "px")
        whole = tiers(store, label, id, direction="downstream")
        assert [n for p in pages for n in p["nodes"]] == whole["nodes"][:3]
        assert [p["graph"] for p in pages] == [
            tiers(store, label, id, direction="downstream", limit=1, offset=n)["graph"]
            for n in range(3)
        ]
        shortcut = {  # a write: E5 (fabric) is one step from the root now
            "Enterprise": (
                Table.SUPPLIES,
                {"supplier_id": "E1", "buyer_id": "E5", "product_id": "px"},
            ),
            "Product": (Table.PRODUCT_INPUTS, {"input_id": "px", "output_id": "fabric"}),
        }
        table, row = shortcut[label]
        store.upsert(table, [row])
        again = tiers(store, label, id, direction="downstream", limit=1, offset=1)
        assert page(1)["nodes"] == again["nodes"] != pages[1]["nodes"] and cache.misses == 6
