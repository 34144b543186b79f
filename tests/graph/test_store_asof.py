"""The store contract with valid time: every primitive filters by ``as_of`` alike on both stores.

The network is tests/support/lifetimes.py (the reference with a few facts ended or begun
late); its docstring works out each answer by hand.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date
from typing import cast

import pytest

from chainatlas.graph import neo4j_projections
from chainatlas.graph.dated import on_day
from chainatlas.graph.model import PARTNER_RELS, Label, Rel, Table
from chainatlas.graph.store import EDGE_RELS, GraphStore
from chainatlas.graph.store_counts import StoreCounts
from tests.support import lifetimes, reference
from tests.support.lifetimes import BEFORE, EARLY, LATER


@pytest.fixture
def dated_store(store: GraphStore) -> GraphStore:
    store.write_tables(lifetimes.DATED)
    return store


def test_stats_count_what_holds_on_the_day(dated_store: GraphStore) -> None:
    assert dated_store.stats(as_of=LATER) == lifetimes.STATS_LATER
    assert dated_store.stats(as_of=EARLY) == lifetimes.STATS_EARLY
    for day in (None, BEFORE, EARLY, LATER):  # the firms alone, as the figures count them
        assert dated_store.firm_count(as_of=day) == dated_store.stats(as_of=day)["enterprises"]
    assert dated_store.stats(as_of=BEFORE) == {**reference.EXPECTED_STATS, "produces_edges": 7}


def test_without_a_day_every_fact_counts(dated_store: GraphStore) -> None:
    assert dated_store.stats() == {**reference.EXPECTED_STATS, "produces_edges": 8}
    assert len(dated_store.edges(Rel.SUPPLIES)) == 5


def test_a_firm_supplying_itself_alone_does_not_collaborate(dated_store: GraphStore) -> None:
    """On every day and without one (on Neo4j two statements: stats.cypher and, without a
    day, stats_every_fact.cypher): a loop is an edge and a product, not a collaboration."""
    before = {day: dated_store.stats(as_of=day) for day in (None, LATER)}
    loop = {"supplier_id": "E8", "buyer_id": "E8", "product_id": "nylon"}
    dated_store.write_tables({Table.ENTERPRISES: [{"id": "E8", "name": "自供企业"}]})
    dated_store.write_tables({Table.SUPPLIES: [loop]})
    added = {"enterprises": 1, "supply_edges": 1, "supplied_products": 1}
    for day, figures in before.items():
        expected = {k: cast(int, v) + added.get(k, 0) for k, v in figures.items()}
        assert dated_store.stats(as_of=day) == expected


def test_suppliers_and_customers_on_a_day(dated_store: GraphStore) -> None:
    assert [(s["id"], s["product_id"]) for s in dated_store.suppliers("E3", as_of=LATER)] == [
        ("E2", "meg")
    ]
    assert [s["id"] for s in dated_store.suppliers("E5", as_of=LATER)] == ["E4"]
    assert dated_store.customers("E1", as_of=LATER) == []
    assert [c["id"] for c in dated_store.customers("E1", as_of=BEFORE)] == ["E3"]


def test_an_ended_fact_keeps_its_dates(dated_store: GraphStore) -> None:
    (pta,) = [s for s in dated_store.suppliers("E3") if s["product_id"] == "pta"]
    assert pta["since"] == 2018
    (edge,) = dated_store.supplies_of(["pta"])
    assert (edge["props"]["since"], edge["props"]["until"]) == (2018, "2024-07-01")


def test_neighbours_on_a_day(dated_store: GraphStore) -> None:
    def keys(as_of: date | None) -> set[tuple[str, str, str, str]]:
        found = dated_store.neighbours(Label.ENTERPRISE, "E3", as_of=as_of)
        return {(n["rel"], n["direction"], n["id"], n["key"]) for n in found}

    assert keys(None) - keys(LATER) == {
        ("SUPPLIES", "in", "E1", "pta"),
        ("COOPERATES", "out", "E6", "技术"),
    }
    assert keys(LATER) <= keys(None)


def test_edges_and_pairs_on_a_day(dated_store: GraphStore) -> None:
    supplies = dated_store.edges(Rel.SUPPLIES, as_of=LATER)
    assert [(e["source"], e["target"], e["key"]) for e in supplies] == [
        ("E2", "E3", "meg"),
        ("E3", "E4", "yarn"),
        ("E4", "E5", "fabric"),
    ]
    assert dated_store.supply_pairs(as_of=LATER) == [("E2", "E3"), ("E3", "E4"), ("E4", "E5")]
    pairs = dated_store.pair_counts(Rel.SUPPLIES, as_of=LATER).triples()
    assert pairs == [("E2", "E3", 1), ("E3", "E4", 1), ("E4", "E5", 1)]
    assert dated_store.pair_counts(Rel.COOPERATES, as_of=LATER).triples() == [("E4", "E5", 1)]
    assert len(dated_store.edges(Rel.INPUT_TO, as_of=EARLY)) == 5  # routes have no lifetime
    coops = dated_store.edges(Rel.COOPERATES, as_of=LATER)
    assert [(e["source"], e["target"]) for e in coops] == [("E4", "E5")]


def test_adjacent_on_a_day(dated_store: GraphStore) -> None:
    made = dated_store.adjacent(Rel.PRODUCES, ["E2"], direction="out", as_of=LATER)
    assert made == []
    made = dated_store.adjacent(Rel.PRODUCES, ["E2"], direction="out", as_of=BEFORE)
    assert [e["target"] for e in made] == ["meg"]
    sold = dated_store.adjacent(Rel.SUPPLIES, ["E5"], direction="in", as_of=LATER)
    assert [e["source"] for e in sold] == ["E4"]


@pytest.mark.parametrize("day", [None, BEFORE, EARLY, LATER])
@pytest.mark.parametrize("rel", [Rel.SUPPLIES, Rel.INPUT_TO, Rel.PRODUCES, Rel.NEEDS])
def test_adjacent_keys_are_adjacent_without_props(
    dated_store: GraphStore, rel: Rel, day: date | None
) -> None:
    """The id-only read a path search makes (Neo4j: its own statements for SUPPLIES,
    INPUT_TO, NEEDS out and PRODUCES both ways; the rest through adjacent) answers what adjacent
    does, on every day."""
    firms = [n["id"] for n in dated_store.nodes(Label.ENTERPRISE)]
    products = [n["id"] for n in dated_store.nodes(Label.PRODUCT)]
    for direction in ("out", "in"):
        on_products = rel is Rel.INPUT_TO or (
            rel in (Rel.PRODUCES, Rel.NEEDS) and direction == "in"
        )
        ids = products if on_products else firms
        whole = dated_store.adjacent(rel, ids, direction=direction, as_of=day)
        keys = dated_store.adjacent_keys(rel, ids, direction=direction, as_of=day)
        assert keys == [(e["source"], e["target"], e["key"]) for e in whole]
        assert keys


@pytest.mark.parametrize("day", [None, BEFORE, LATER])
@pytest.mark.parametrize("rel", [Rel.SUPPLIES, Rel.PRODUCES, Rel.NEEDS])
def test_adjacent_with_fields_is_adjacent_with_its_props_cut(
    dated_store: GraphStore, rel: Rel, day: date | None
) -> None:
    """Given fields, adjacent keeps those of each edge's properties it has, never a stamp
    (Neo4j: statements of their own for NEEDS and PRODUCES out, the rest cut here)."""
    fields = ["volume", "capacity_base", "demand_base", "base_unit", "until", "added_by", "x"]
    firms = [n["id"] for n in dated_store.nodes(Label.ENTERPRISE)]
    for direction in ("out", "in"):
        ids = firms if direction == "out" or rel is Rel.SUPPLIES else ["pta", "meg", "pet"]
        whole = dated_store.adjacent(rel, ids, direction=direction, as_of=day)
        cut = dated_store.adjacent(rel, ids, direction=direction, fields=fields, as_of=day)
        assert cut == [
            e | {"props": {k: e["props"][k] for k in fields if k in e["props"]}} for e in whole
        ]
        assert [list(e["props"]) for e in cut] == [sorted(e["props"]) for e in cut]
        assert any(e["props"] for e in cut)
    assert on_day(dated_store, day).adjacent(rel, firms, direction="out", fields=()) == [
        e | {"props": {}} for e in dated_store.adjacent(rel, firms, direction="out", as_of=day)
    ]


def test_adjacent_keys_in_chunks_answer_as_in_one_read(
    dated_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Neo4j reads a long id list, and a whole table's edges, in chunks of ids (one bounded
    record each): chunks of 2 give the very answer of one read."""
    firms = [n["id"] for n in dated_store.nodes(Label.ENTERPRISE)]
    whole = dated_store.adjacent_keys(Rel.SUPPLIES, firms, direction="out")
    edges = {rel: dated_store.edges(rel, as_of=EARLY) for rel in EDGE_RELS}
    around = dated_store.adjacent(Rel.SUPPLIES, firms, direction="in")
    records = dated_store.nodes(Label.ENTERPRISE, as_of=EARLY)
    pairs = dated_store.supply_pairs(as_of=LATER)
    monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 2)
    assert dated_store.supply_pairs(as_of=LATER) == pairs and len(pairs) > 2
    assert dated_store.nodes(Label.ENTERPRISE, as_of=EARLY) == records
    ids = [n["id"] for n in records]
    assert ids == sorted(ids) and len(ids) > 2
    assert dated_store.adjacent_keys(Rel.SUPPLIES, firms, direction="out") == whole
    assert len({s for s, _, _ in whole}) > 2
    assert {rel: dated_store.edges(rel, as_of=EARLY) for rel in EDGE_RELS} == edges
    assert dated_store.adjacent(Rel.SUPPLIES, firms, direction="in") == around
    assert edges[Rel.SUPPLIES] and edges[Rel.PRODUCES] and edges[Rel.INPUT_TO]


def test_until_is_the_first_day_without_the_fact(dated_store: GraphStore) -> None:
    assert len(dated_store.supplies_of(["pta"], as_of=date(2024, 6, 30))) == 1
    assert dated_store.supplies_of(["pta"], as_of=date(2024, 7, 1)) == []


def test_a_year_means_its_first_day(dated_store: GraphStore) -> None:
    # E6 → E5 dye: since 2016, until 2025
    assert len(dated_store.supplies_of(["dye"], as_of=date(2024, 12, 31))) == 1
    assert dated_store.supplies_of(["dye"], as_of=date(2025, 1, 1)) == []
    assert dated_store.supplies_of(["dye"], as_of=date(2015, 12, 31)) == []
    assert len(dated_store.supplies_of(["dye"], as_of=date(2016, 1, 1))) == 1


def test_since_is_the_first_day_with_the_fact(dated_store: GraphStore) -> None:
    # E7 makes PET since 2025-03-01
    assert [p["id"] for p in dated_store.producers(["pet"], as_of=date(2025, 2, 28))] == ["E3"]
    assert [p["id"] for p in dated_store.producers(["pet"], as_of=date(2025, 3, 1))] == [
        "E3",
        "E7",
    ]
    assert [c["id"] for c in dated_store.consumers(["pta"], as_of=EARLY)] == ["E3"]
    pages = dated_store.producer_pages(["pet"], as_of=date(2025, 2, 28))
    assert pages["pet"]["total"] == 1 and [f["id"] for f in pages["pet"]["items"]] == ["E3"]
    view = on_day(dated_store, date(2025, 3, 1))  # a view binds its day
    assert view.producer_pages(["pet"], exclude="E3", limit=5)["pet"]["total"] == 1
    assert on_day(dated_store, date(2025, 2, 28)).producer_pages(["pet"], exclude="E3") == {}


def test_product_counts_on_a_day(dated_store: GraphStore) -> None:
    counts = {c["product_id"]: c for c in dated_store.product_counts(as_of=LATER)}
    assert (counts["meg"]["producers"], counts["meg"]["consumers"]) == (0, 1)
    assert counts["pet"]["producers"] == 2
    before = {c["product_id"]: c for c in dated_store.product_counts(as_of=BEFORE)}
    assert (before["meg"]["producers"], before["pet"]["producers"]) == (1, 1)


def test_supply_paths_on_a_day(dated_store: GraphStore) -> None:
    assert dated_store.supply_paths("E1", "E5", max_hops=4, limit=5, as_of=BEFORE) == [
        {"nodes": ["E1", "E3", "E4", "E5"], "products": ["pta", "yarn", "fabric"]}
    ]
    assert dated_store.supply_paths("E1", "E5", max_hops=4, limit=5, as_of=LATER) == []
    assert dated_store.supply_paths("E2", "E5", max_hops=4, limit=5, as_of=LATER) == [
        {"nodes": ["E2", "E3", "E4", "E5"], "products": ["meg", "yarn", "fabric"]}
    ]


def test_the_reference_is_the_same_on_any_day_after_its_last_since(ref_store: GraphStore) -> None:
    # no fact of the reference has an until, and the last since is 2023
    today = date(2026, 6, 30)
    assert ref_store.stats(as_of=today) == ref_store.stats() == reference.EXPECTED_STATS
    assert ref_store.edges(Rel.SUPPLIES, as_of=today) == ref_store.edges(Rel.SUPPLIES)
    assert ref_store.neighbours(Label.ENTERPRISE, "E3", as_of=today) == ref_store.neighbours(
        Label.ENTERPRISE, "E3"
    )


@pytest.mark.parametrize("day", [None, BEFORE, EARLY, LATER])
def test_supplier_counts_count_the_suppliers_adjacent_answers(
    dated_store: GraphStore, day: date | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """How many firms supply each (buyer, product) asked, on every day; pairs without one (an
    unknown buyer, a product not bought) are left out; chunks of one id answer alike."""
    firms = [n["id"] for n in dated_store.nodes(Label.ENTERPRISE)]
    dated_store.write_tables(
        {Table.SUPPLIES: [{"supplier_id": "E6", "buyer_id": "E3", "product_id": "pta"}]}
    )
    edges = dated_store.adjacent(Rel.SUPPLIES, firms, direction="in", as_of=day)
    expected = Counter((e["target"], e["key"]) for e in edges)
    asked = [*expected, ("E3", "dye"), ("nobody", "pta")]
    assert dated_store.supplier_counts(asked, as_of=day) == expected
    assert max(expected.values()) == (2 if day in (None, BEFORE) else 1)
    monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 1)
    assert dated_store.supplier_counts(reversed(asked), as_of=day) == expected


def test_shared_partners_count_the_other_ends_of_every_firm_to_firm_edge(
    dated_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For each firm of ``among``, how many firms of ``ids`` (not itself) are at the other end
    of its live SUPPLIES and COOPERATES edges, either direction, on every day: a firm's
    partners walked from either side (a few ``ids`` among many firms, or many among a few),
    Neo4j's chunks of ``ids`` summed; firms sharing none and unknown ids left out."""
    assert PARTNER_RELS == (Rel.SUPPLIES, Rel.COOPERATES)
    firms = [n["id"] for n in dated_store.nodes(Label.ENTERPRISE)]
    answers = []
    for day in (None, BEFORE, EARLY, LATER):
        partners: dict[str, set[str]] = defaultdict(set)
        for rel in PARTNER_RELS:
            for e in dated_store.edges(rel, as_of=day):
                partners[e["source"]].add(e["target"])
                partners[e["target"]].add(e["source"])
        for ids, among in (
            (firms, firms),
            (firms[:1], [*firms, "nobody"]),
            ([*firms, "nobody"], firms[-2:]),
            (firms[1::2], firms[::2]),
        ):
            expected = {
                c: n
                for c in among
                if (n := sum(1 for x in set(ids) if x != c and c in partners[x]))
            }
            assert dated_store.shared_partners(ids, among, as_of=day) == expected
        answers.append(dated_store.shared_partners(firms, firms, as_of=day))
    assert answers[0] != answers[-1]  # the days differ: facts ended and begun count
    assert max(answers[0].values()) > 1
    monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 1)
    assert dated_store.shared_partners(firms, firms) == answers[0]
    assert dated_store.shared_partners([], firms) == {} == dated_store.shared_partners(firms, [])


@pytest.mark.parametrize("day", [None, BEFORE, EARLY, LATER])
def test_supply_degrees_count_each_firms_distinct_buyers_and_suppliers(
    dated_store: GraphStore, day: date | None, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Each trading firm's distinct buyers and suppliers on every day, by id: the out- and
    in-degree of ``supply_pairs`` without its loops (a loop, and a second product between
    two firms already trading, count for nothing); chunks of one id answer alike."""
    loop = {"supplier_id": "E3", "buyer_id": "E3", "product_id": "pet"}
    again = {"supplier_id": "E2", "buyer_id": "E3", "product_id": "px"}
    dated_store.write_tables({Table.SUPPLIES: [loop, again]})
    pairs = [(a, b) for a, b in dated_store.supply_pairs(as_of=day) if a != b]
    buyers, suppliers = Counter(a for a, _ in pairs), Counter(b for _, b in pairs)
    expected = {f: (buyers[f], suppliers[f]) for f in sorted(buyers.keys() | suppliers.keys())}
    got = dated_store.supply_degrees(as_of=day)
    assert list(got.items()) == list(expected.items())
    if day == LATER:  # E2→E3 (meg, px), E3→E4, E4→E5: tests/support/lifetimes.py
        assert got == {"E2": (1, 0), "E3": (1, 1), "E4": (1, 1), "E5": (0, 1)}
    monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 1)
    assert list(dated_store.supply_degrees(as_of=day).items()) == list(expected.items())


def test_supplies_counted_by_the_places_of_their_ends(
    dated_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folded map's counts between groups of firms (graph/queries/map_fold.py): by hand
    without a day (keqiao not asked for: its firms' region is None); on every day what the
    default counts from every firm and edge (Neo4j: cypher/supply_place_counts.cypher, by
    chunks of firms, summed), in chunks of one firm too."""
    assert dated_store.supply_place_counts(("ningbo", "shangyu")) == {
        (None, "中游", None, "下游"): (1, 0),  # E4 → E5
        ("ningbo", "上游", "shangyu", "中游"): (2, 0),  # E1, E2 → E3
        ("shangyu", "中游", None, "下游"): (1, 0),  # E6 → E5
        ("shangyu", "中游", None, "中游"): (1, 1),  # E3 (poly) → E4 (textile)
    }
    regions = ("keqiao", "ningbo", "shangyu")
    for day in (None, BEFORE, EARLY, LATER):
        counted = dated_store.supply_place_counts(regions, as_of=day)
        assert counted == StoreCounts.supply_place_counts(dated_store, regions, as_of=day)
        assert list(counted) == sorted(counted, key=lambda k: [(p is not None, p) for p in k])
    later = dated_store.supply_place_counts(regions, as_of=LATER)
    assert on_day(dated_store, LATER).supply_place_counts(regions) == later
    monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 1)  # E3's edges, E1's, E2's apart
    assert list(dated_store.supply_place_counts(regions).items()) == list(
        StoreCounts.supply_place_counts(dated_store, regions).items()
    )


def test_makers_counted_by_their_places(
    dated_store: GraphStore, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An opened product group's makers counted by place and chain (graph/queries/map_fold.py):
    by hand with firm lifetimes (E1 left the cluster in 2025 though it still makes PTA, E2
    closed in 2025, E7 joined in 2023 and makes PET from 2025-03-01); on every day what the
    default counts from the edges' keys and the makers' places (Neo4j:
    cypher/maker_place_counts.cypher), in chunks of one product too."""
    dated_store.write_tables(lifetimes.FIRMS)
    asked = ("pet", "meg", "dye", "pta", "no-such-product")
    assert dated_store.maker_place_counts(asked, ("ningbo",)) == {
        ("dye", None, "中游", "textile"): 1,  # E6 (shangyu: not among the regions asked)
        ("meg", "ningbo", "上游", "poly"): 1,  # E2
        ("pet", None, "中游", "poly"): 2,  # E3, E7
        ("pta", "ningbo", "上游", "poly"): 1,  # E1
    }
    regions = ("ningbo", "shangyu")
    assert dated_store.maker_place_counts(asked, regions, as_of=LATER) == {
        ("dye", "shangyu", "中游", "textile"): 1,
        ("pet", "shangyu", "中游", "poly"): 2,  # E2 closed: no MEG; E1 left: no PTA
    }
    assert (
        dated_store.maker_place_counts(asked, regions, as_of=EARLY)[
            ("pet", "shangyu", "中游", "poly")
        ]
        == 1
    )  # E7 not yet in the map
    for day in (None, BEFORE, EARLY, LATER):
        counted = dated_store.maker_place_counts(asked, regions, as_of=day)
        assert counted == StoreCounts.maker_place_counts(dated_store, asked, regions, as_of=day)
        assert on_day(dated_store, day).maker_place_counts(asked, regions) == counted
        monkeypatch.setattr(neo4j_projections, "KEYS_CHUNK", 1)
        assert list(dated_store.maker_place_counts(asked, regions, as_of=day).items()) == list(
            counted.items()
        )
        monkeypatch.undo()
