"""The committee's answers (issue 10): the whole panorama, 补链 / 强链 / 延链, KPIs, outside firms.

The demo's figures on the embedded store here (tests/graph/queries/test_demo.py checks that
Neo4j answers alike); the reference network with firms outside the cluster on both stores.
"""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Rel, Table
from chainatlas.graph.queries import cluster, window
from chainatlas.graph.queries.briefing import briefing
from chainatlas.graph.queries.cluster import Survey
from chainatlas.graph.queries.committee_lists import committee, first
from chainatlas.graph.queries.kpis import kpis
from chainatlas.graph.queries.matching import match_suppliers
from chainatlas.graph.queries.panorama import drawn_counts, panorama
from chainatlas.graph.queries.risk import gaps
from chainatlas.graph.queries.strengthen import strengthen
from chainatlas.graph.queries.targets import extend_targets, fill_targets
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import read_bundle
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.generate import generate_bundle
from chainatlas.loaders.stores import bundle_store
from tests.support import reference


@pytest.fixture(scope="module")
def demo() -> MemoryStore:
    return bundle_store(demo_bundle_path())


def test_the_all_chains_panorama_draws_every_supply(demo: MemoryStore) -> None:
    g = panorama(demo)
    supplies = [e for e in g["edges"] if e["rel"] == "SUPPLIES"]
    assert len(supplies) == len(demo.edges(Rel.SUPPLIES)) == 221
    cross = [e for e in supplies if e.get("cross_chain")]
    assert len(cross) == 92
    sulphur = [
        e for e in cross if (e["source"], e["target"]) == ("Enterprise:E0080", "Enterprise:E0001")
    ]
    assert [(e["key"], e["props"]["volume"]) for e in sulphur] == [("sulfur", 63000)]
    assert sum(1 for e in supplies if e["source"] == "Enterprise:E0001") == 15
    # fluorspar: needed by 3 firms, made by none: drawn as one outside source feeding them
    fluorspar = [e for e in g["edges"] if e["source"] == "Outside:fluorspar"]
    assert len(fluorspar) == 3
    assert sum(e["props"]["demand_base"] for e in fluorspar) == 261_500
    assert {n["key"] for n in g["nodes"]} >= {e["source"] for e in g["edges"]}


def test_a_chain_panorama_shows_its_inputs_from_other_chains(demo: MemoryStore) -> None:
    g = panorama(demo, chain_id="fluorine")
    guests = {n["id"] for n in g["nodes"] if n.get("cross_chain")}
    assert "E0080" in guests and all(
        n.get("chain_id") != "fluorine" for n in g["nodes"] if n["id"] in guests
    )
    into = {e["target"] for e in g["edges"] if e["rel"] == "SUPPLIES"}
    members = {n["key"] for n in g["nodes"] if n.get("chain_id") == "fluorine"}
    assert into <= members  # inputs only: what the chain's firms buy
    assert drawn_counts(g)["outside_sources"] == 2


def test_fill_lists_every_gap_with_its_demand(demo: MemoryStore) -> None:
    fill = fill_targets(demo, limit=100)
    expected = {g["product_id"]: g for g in gaps(demo, limit=100)["gaps"]}
    assert fill["total"] == len(expected) == 13
    for row in fill["targets"]:
        gap = expected[row["product_id"]]
        assert (row["buyers"], row["demand_base"]) == (gap["firms"], gap["demand_base"])
        assert row["reasons"] and all(r["zh"] and r["en"] for r in row["reasons"])
    assert [r["rank"] for r in fill["targets"]] == list(range(1, 14))
    scores = [r["score"] for r in fill["targets"]]
    assert scores == sorted(scores, reverse=True)


def test_strengthen_and_extend_rank_with_reasons(demo: MemoryStore) -> None:
    s = Survey(demo)
    weak = strengthen(demo, limit=5, survey=s)
    assert weak["total_products"] > 5 and len(weak["products"]) == 5 and weak["firms"]
    top = weak["products"][0]
    # nitric acid: one producer (E0093), 8 firms need it, capacity 150,000 t of 458,520 t
    assert top["product_id"] == "nitric_acid" and top["producers"] == ["E0093"]
    assert top["parts"]["single_source"] == 1.0
    assert top["parts"]["shortfall"] == round(1 - 150_000 / 458_520, 4)
    for row in [*weak["products"], *weak["firms"]]:
        assert row["reasons"] and all(r["zh"] and r["en"] for r in row["reasons"])
    extend = extend_targets(demo, survey=s)
    assert {r["product_id"] for r in extend["targets"]} == {"fk5112", "ptfe_fiber"}
    assert all(r["input_share"] == 1.0 and r["reasons"] for r in extend["targets"])


def test_targets_name_their_first_firms_and_count_them_all(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A 补链 target's buyers and a 延链 target's downstream firms are named up to
    window.FIRMS_SHOWN, the first by id; the counts and scores are every firm's (a generated
    map: the demo's 延链 targets have no downstream firms)."""
    generate_bundle(tmp_path, enterprises=400, seed=3)
    s = Survey(bundle_store(tmp_path))
    fill, extend = fill_targets(s.store, limit=100, survey=s), extend_targets(s.store, survey=s)
    monkeypatch.setattr(window, "FIRMS_SHOWN", 2)
    assert fill_targets(s.store, limit=100, survey=s)["targets"] == [
        t | {"needed_by": t["needed_by"][:2]} for t in fill["targets"]
    ]
    assert extend_targets(s.store, survey=s)["targets"] == [
        t | {"downstream_firms": t["downstream_firms"][:2]} for t in extend["targets"]
    ]
    assert max(t["buyers"] for t in fill["targets"]) > 2
    assert max(t["downstream"] for t in extend["targets"]) > 2
    assert all(t["needed_by"] == sorted(t["needed_by"]) for t in fill["targets"])


@pytest.mark.parametrize("limit", [1, 7, 1000])
def test_a_kept_answer_cut_to_a_limit_is_the_list_with_it(demo: MemoryStore, limit: int) -> None:
    answers = committee(demo)
    assert first(answers, "fill", limit) == fill_targets(demo, limit=limit)
    assert first(answers, "strengthen", limit) == strengthen(demo, limit=limit)
    assert first(answers, "extend", limit) == extend_targets(demo, limit=limit)
    assert answers["kpis"] == kpis(demo)
    with pytest.raises(ValueError, match="limit"):
        first(answers, "fill", 1001)


def test_kpis_count_the_demo(demo: MemoryStore) -> None:
    rows = {(r["scope"], r["id"]): r for r in kpis(demo)["rows"]}
    everything = rows[("all", "all")]
    stats = demo.stats()
    assert (everything["firms"], everything["collaborating"]) == (155, 90)
    assert everything["supplied_products"] == stats["supplied_products"] == 56
    assert everything["gaps"] == 13
    assert sum(r["firms"] for (scope, _), r in rows.items() if scope == "region") == 155
    assert 0 < everything["coverage"] < 1


def test_the_briefing_holds_every_table(demo: MemoryStore) -> None:
    brief = briefing(demo, limit=3)
    assert brief["panorama"]["supplies"] == 221
    assert len(brief["fill"]["targets"]) == 3 and brief["fill"]["total"] == 13
    assert brief["risks"] == brief["strengthen"]["products"][:3]


def test_the_briefing_tells_the_board_without_contacts(demo: MemoryStore) -> None:
    from datetime import date

    from chainatlas.graph.board.committee import board_summary

    today = date(2026, 12, 1)
    board, full = briefing(demo, limit=3, today=today)["board"], board_summary(demo, today=today)
    assert board["open_needs"] == full["open_needs"] != []
    assert [p["id"] for p in board["stale_needs"]] == [p["id"] for p in full["stale_needs"]] != []
    told = board["stale_needs"] + board["accepted_this_month"]
    assert not any(k in p for p in told for k in ("contact_person", "phone", "email"))


@pytest.mark.parametrize("bad", [0, 1001])
def test_a_limit_out_of_range_is_refused(demo: MemoryStore, bad: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        fill_targets(demo, limit=bad)


# -- firms outside the cluster, on both stores -------------------------------------------------
def outside_tables() -> dict[Table, list[dict[str, Any]]]:
    """The reference network plus 钛白粉 (ti), needed by 己染料 E6 and 壬染料 X3 (outside), made
    by 辛钛业 X1 (an outside region) and 癸钛业 X2 (no known place) only."""
    t = {k: [dict(r) for r in v] for k, v in reference.TABLES.items()}
    t[Table.REGIONS].append({"id": "jiangxi", "name": "江西", "role": "outside"})
    t[Table.PRODUCTS].append({"id": "ti", "name": "钛白粉", "unit": "t", "chain_id": "textile"})
    firm = {"credit_code": None, "chain_id": "textile", "stage": "上游"}
    t[Table.ENTERPRISES] += [
        {"id": "X1", "name": "江西辛钛业有限公司", "region_id": "jiangxi", **firm},
        {"id": "X2", "name": "癸钛业有限公司", **firm},
        {"id": "X3", "name": "江西壬染料有限公司", "region_id": "jiangxi", **firm},
    ]
    t[Table.PRODUCES] += [
        {"enterprise_id": x, "product_id": "ti", "capacity": 5000, "unit": "t"}
        for x in ("X1", "X2")
    ]
    t[Table.NEEDS] += [
        {"enterprise_id": x, "product_id": "ti", "annual_demand": 800, "unit": "t"}
        for x in ("E6", "X3")
    ]
    return t


def test_outside_firms_are_leads_not_local_supply(store: GraphStore) -> None:
    store.write_tables(outside_tables())
    fill = fill_targets(store)
    assert [(r["product_id"], r["buyers"], r["outside_producers"]) for r in fill["targets"]] == [
        ("ti", 1, ["X1", "X2"])
    ]
    assert "钛白粉" not in str(strengthen(store))  # no local producer: a gap, not a weak link
    everything = kpis(store)["rows"][0]
    assert (everything["firms"], everything["gaps"]) == (7, 1)


def test_no_same_region_credit_outside_the_cluster(store: GraphStore) -> None:
    store.write_tables(outside_tables())
    found = match_suppliers(store, "X3", product_id="ti")["candidates"]
    assert {c["id"] for c in found} == {"X1", "X2"}
    assert all(c["parts"]["region"]["value"] == 0.0 for c in found)


def test_a_survey_read_by_chunks_answers_as_read_whole(
    store: GraphStore, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A survey reads a province's edges chunk by chunk of firms and counts partners from its
    supply triples: the lists answer as they do in one chunk, and what it holds is the
    store's own (SUPPLIES keys, distinct partners of supply_pairs, edges by product)."""
    generate_bundle(tmp_path, enterprises=300, seed=5)
    tables = {t: list(rows) for t, rows in read_bundle(tmp_path).tables.items()}
    made: dict[str, list[str]] = defaultdict(list)
    for r in tables[Table.PRODUCES]:
        made[r["product_id"]].append(r["enterprise_id"])
    needed = {r["product_id"] for r in tables[Table.NEEDS]}
    sole = sorted((p, f[0]) for p, f in made.items() if len(f) == 1 and p not in needed)
    # a firm needing what it alone makes: not single-sourced for it (nobody else makes it)
    tables[Table.NEEDS] += [
        tables[Table.NEEDS][0] | {"enterprise_id": f, "product_id": p} for p, f in sole[:3]
    ]
    assert len(sole) >= 3
    store.write_tables(tables)

    def lists(s: Survey) -> list[Any]:
        return [
            strengthen(store, limit=100, survey=s),
            fill_targets(store, limit=100, survey=s),
            extend_targets(store, limit=100, survey=s),
            kpis(store, survey=s),
        ]

    whole = lists(Survey(store))
    monkeypatch.setattr(cluster, "SURVEY_CHUNK", 7)
    s = Survey(store)
    assert lists(s) == whole
    assert s.supplies == store.adjacent_keys(Rel.SUPPLIES, s.firms, direction="out")
    partners: dict[str, set[str]] = defaultdict(set)
    for a, b in store.supply_pairs():
        if a != b:
            partners[a].add(b)
            partners[b].add(a)
    assert s.partners == {f: len(p) for f, p in sorted(partners.items())}
    assert max(s.partners.values()) > 1 and whole[0]["total_firms"] > 0
    makers: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for e in store.edges(Rel.PRODUCES):
        props = {k: e["props"][k] for k in cluster.AMOUNT_FIELDS if k in e["props"]}
        makers[e["target"]].append({"source": e["source"], "target": e["target"], "props": props})
    assert s.makers == makers
    for row in whole[3]["rows"]:  # each scope's needs counted as the KPIs define them
        assert {k: row[k] for k in NEED_KPIS} == need_kpis(s, scope_firms(s, row)), row["id"]


NEED_KPIS = ("needs", "coverage", "gaps", "single_source", "outside_dependency")


def scope_firms(s: Survey, row: dict[str, Any]) -> set[str]:
    if row["scope"] == "all":
        return s.local
    return {f for f in s.local if s.firms[f].get(f"{row['scope']}_id") == row["id"]}


def need_kpis(s: Survey, firms: set[str]) -> dict[str, Any]:
    needs = [(e["source"], p) for p, es in s.needs.items() for e in es if e["source"] in firms]
    makers = {p: {e["source"] for e in s.local_makers(p)} for _, p in needs}
    gaps = {p for _, p in needs if not makers[p]}
    return {
        "needs": len(needs),
        "coverage": cluster.share(sum(n in s.bought for n in needs), len(needs)),
        "gaps": len(gaps),
        "single_source": len({p for f, p in needs if len(makers[p] - {f}) == 1 == len(makers[p])}),
        "outside_dependency": cluster.share(sum(p in gaps for _, p in needs), len(needs)),
    }
