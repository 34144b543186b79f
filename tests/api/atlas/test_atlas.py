"""The Python front door: each method answers as its route does (same dict), on both stores,
and answers lay themselves out as typed DataFrames, networkx graphs and the offline view."""

from __future__ import annotations

import io
import re
import subprocess
import sys
from collections.abc import Callable, Iterator
from datetime import date
from html import unescape
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import chainatlas
from chainatlas.api.atlas import Atlas, GraphAnswer
from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import InvalidOption, QueryRefused
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Table
from chainatlas.graph.queries.strengthen import strengthen
from chainatlas.graph.store import GraphStore
from tests.support import ROOT, networks
from tests.support.api import TestClient, auth, client, ok, reference_tables, same, settings
from tests.support.surveys import counting

#: (operation id, route, query parameters, the method's arguments)
CALLS: list[tuple[str, str, dict[str, Any], dict[str, Any]]] = [
    ("get_stats", "/api/stats", {}, {}),
    (
        "search",
        "/api/search",
        {"q": "化", "limit": 2, "offset": 1},
        {"q": "化", "limit": 2, "offset": 1},
    ),
    ("search", "/api/search", {"q": "pta", "kind": "product"}, {"q": "pta", "kind": "product"}),
    ("list_enterprises", "/api/enterprises", {"region": "keqiao"}, {"region": "keqiao"}),
    ("list_products", "/api/products", {"stage": "上游"}, {"stage": "上游"}),
    ("list_products", "/api/products", {"chain": "textile"}, {"chain": "textile"}),
    ("get_enterprise", "/api/enterprises/E3", {}, {"id": "E3"}),
    ("list_enterprise_suppliers", "/api/enterprises/E3/suppliers", {}, {"id": "E3"}),
    ("list_enterprise_customers", "/api/enterprises/E3/customers", {}, {"id": "E3"}),
    ("enterprise_tiers", "/api/enterprises/E5/tiers", {"depth": 2}, {"id": "E5", "depth": 2}),
    ("get_product", "/api/products/pta", {}, {"id": "pta"}),
    (
        "product_tiers",
        "/api/products/pet/tiers",
        {"direction": "downstream"},
        {"id": "pet", "direction": "downstream"},
    ),
    ("match_suppliers", "/api/match/suppliers", {"enterprise": "E5"}, {"enterprise": "E5"}),
    (
        "match_buyers",
        "/api/match/buyers",
        {"enterprise": "E3", "limit": 1},
        {"enterprise": "E3", "limit": 1},
    ),
    (
        "supply_paths",
        "/api/paths/supply",
        {"source": "E1", "target": "E5"},
        {"source": "E1", "target": "E5"},
    ),
    (
        "weighted_paths",
        "/api/paths/weighted",
        {"source": "E2", "target": "E5"},
        {"source": "E2", "target": "E5"},
    ),
    (
        "product_routes",
        "/api/paths/route",
        {"source": "px", "target": "fabric"},
        {"source": "px", "target": "fabric"},
    ),
    ("list_chains", "/api/chains", {}, {}),
    ("get_chain", "/api/chains/poly", {}, {"id": "poly"}),
    ("list_gaps", "/api/gaps", {}, {}),
    ("list_single_sourced", "/api/risk/single-source", {"offset": 1}, {"offset": 1}),
    ("impact", "/api/risk/impact", {"enterprise": "E1"}, {"enterprise": "E1"}),
    ("impact", "/api/risk/impact", {"product": "yarn"}, {"product": "yarn"}),
    ("centrality", "/api/analytics/centrality", {"measure": "degree"}, {"measure": "degree"}),
    ("pagerank", "/api/analytics/pagerank", {"ties": "cooperation"}, {"ties": "cooperation"}),
    ("communities", "/api/analytics/communities", {"seed": 2}, {"seed": 2}),
    ("fill_targets", "/api/targets/fill", {"limit": 5}, {"limit": 5}),
    ("strengthen_targets", "/api/targets/strengthen", {}, {}),
    ("extend_targets", "/api/targets/extend", {}, {}),
    ("get_kpis", "/api/kpis", {}, {}),
    ("get_geo", "/api/geo", {"flows": 1, "chain": "poly"}, {"flows": True, "chain": "poly"}),
    ("list_changes", "/api/changes", {"limit": 5}, {"limit": 5}),
    (
        "get_digest",
        "/api/changes/digest",
        {"since": "2019-01-01", "until": "2026-01-01"},
        {"since": date(2019, 1, 1), "until": date(2026, 1, 1)},
    ),
]


ON_BOTH = {
    "list_enterprises",
    "enterprise_tiers",
    "weighted_paths",
    "list_single_sourced",
    "pagerank",
    "communities",
}


@pytest.fixture(scope="module")
def memory() -> MemoryStore:
    store = MemoryStore()
    store.write_tables(reference_tables())
    return store


@pytest.fixture(scope="module")
def atlas(memory: MemoryStore) -> Atlas:
    return Atlas(memory, settings())


@pytest.fixture(scope="module")
def analyst(memory: MemoryStore) -> Iterator[TestClient]:
    with client(memory) as c:
        c.headers.update(auth("analyst"))
        yield c


@pytest.mark.parametrize(
    ("op", "path", "params", "kwargs"), CALLS, ids=[f"{c[0]}-{c[1]}" for c in CALLS]
)
def test_a_method_answers_as_its_route(
    atlas: Atlas,
    analyst: TestClient,
    op: str,
    path: str,
    params: dict[str, Any],
    kwargs: dict[str, Any],
) -> None:
    assert same(getattr(atlas, op)(**kwargs).data) == ok(analyst.get(path, params=params))


def test_export_is_the_routes_file(atlas: Atlas, analyst: TestClient) -> None:
    queries = {"chain": "poly", "enterprise": "E3", "product": "pta", "impact": "E2"}
    asked = [{"format": "json"}, {"format": "graphml", "query": "chain", "id": "poly"}]
    asked += [{"format": "json", "query": q, "id": id} for q, id in queries.items()]
    asked += [{"format": "csv", "query": q} for q in ("gaps", "single-source")]
    for params in asked:
        got = atlas.export_graph(**params)  # type: ignore[arg-type]
        assert len(got) > 200 and got == analyst.get("/api/export", params=params).content
    with pytest.raises(InvalidOption):
        atlas.export_graph("json", "chain")
    with pytest.raises(InvalidOption):
        atlas.export_graph("json", "nothing")  # type: ignore[arg-type]


def test_bad_options_are_invalid_options(atlas: Atlas) -> None:
    for call in (
        lambda: atlas.search("化", limit=0),
        lambda: atlas.search("", limit=5),
        lambda: atlas.list_chains(offset=-1),
        lambda: atlas.list_products(stage="sideways"),
        lambda: atlas.impact(),
        lambda: atlas.match_suppliers("E5", limit=101),
    ):
        with pytest.raises(InvalidOption):
            call()
    with pytest.raises(QueryRefused):
        atlas.run_cypher("MATCH (n) RETURN n")  # the embedded store runs no Cypher


def test_the_committee_answers_read_one_survey_per_version(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    surveys = counting(monkeypatch)
    store = MemoryStore()
    store.write_tables(networks.EXTENDED)
    atlas = Atlas(store)
    with pytest.raises(InvalidOption):
        atlas.fill_targets(limit=501)
    assert surveys == []  # refused before any survey
    got = [atlas.fill_targets(limit=1), atlas.strengthen_targets(), atlas.extend_targets()]
    assert atlas.get_kpis().data["rows"] and len(surveys) == 1
    assert got[1].data == strengthen(on_day(store, date.today()), limit=50)
    store.write_tables(networks.EXTENDED)  # a write: a new version, a new survey
    assert atlas.strengthen_targets().data == got[1].data and len(surveys) == 2


def test_the_global_answers_are_kept_per_version_as_the_routes_keep_them() -> None:
    store = MemoryStore()
    store.write_tables(networks.EXTENDED)
    atlas = Atlas(store, settings())
    calls: list[Callable[[], Any]] = [
        atlas.get_stats,
        atlas.list_chains,
        lambda: atlas.get_chain("poly"),
        atlas.list_gaps,
        atlas.list_single_sourced,
        lambda: atlas.centrality("degree"),
        atlas.centrality,
    ]
    first = [call().data for call in calls]
    assert atlas.analytics.misses == len(calls)  # each computed once
    assert [call().data for call in calls] == first
    atlas.list_gaps(limit=1, offset=1)  # another page of the same ranking
    assert atlas.analytics.misses == len(calls)
    assert first[3]["total"] > 1  # a ranking with a second page
    store.write_tables({Table.ENTERPRISES: [{"id": "E99", "name": "新增企业"}]})  # a new version
    assert atlas.list_gaps().data == first[3] and atlas.analytics.misses == len(calls) + 1


def test_the_same_answers_and_tables_on_both_stores(store: GraphStore) -> None:
    store.write_tables(networks.EXTENDED)
    reference = MemoryStore()
    reference.write_tables(networks.EXTENDED)
    here, there = Atlas(store, settings()), Atlas(reference, settings())
    # the catalogue's answers are compared store to store in tests/graph/queries; here the
    # methods of the new analytics and one answer of each table family
    for op, _, _, kwargs in [c for c in CALLS if c[0] in ON_BOTH]:
        mine, theirs = getattr(here, op)(**kwargs), getattr(there, op)(**kwargs)
        assert mine.data == theirs.data, op
        pd.testing.assert_frame_equal(mine.to_pandas(), theirs.to_pandas())


def test_frames_have_named_typed_columns_with_names_beside_ids(atlas: Atlas) -> None:
    paths = atlas.supply_paths("E1", "E5").to_pandas()
    assert list(paths.columns) == [
        "path",
        "length",
        "step",
        "from",
        "from_name",
        "to",
        "to_name",
        "product_id",
        "product_name",
    ]
    assert paths["from_name"].tolist() == [
        "宁波甲石化有限公司",
        "浙江丙化纤股份有限公司",
        "绍兴柯桥丁纺织有限公司",
    ]
    assert str(paths["step"].dtype) == "Int64" and str(paths["to"].dtype) == "string"
    ranks = atlas.centrality(limit=3).to_pandas()
    assert str(ranks["value"].dtype) == "Float64" and ranks["rank"].tolist() == [1, 2, 3]
    tiers = atlas.enterprise_tiers("E5").to_pandas()
    assert tiers.loc[tiers["id"] == "E3", "via_names"].item() == "绍兴柯桥丁纺织有限公司"
    single = atlas.list_single_sourced().to_pandas()
    assert "浙江丙化纤股份有限公司" in single["consumer_names"].tolist()  # named from the store


def test_graph_answers_become_networkx_and_an_offline_view(atlas: Atlas) -> None:
    answer = atlas.supply_paths("E1", "E5")
    assert isinstance(answer, GraphAnswer) and answer["source"]["id"] == "E1"
    g = answer.to_networkx()
    assert sorted(g) == ["Enterprise:E1", "Enterprise:E3", "Enterprise:E4", "Enterprise:E5"]
    assert g.nodes["Enterprise:E3"]["label"] == "浙江丙化纤股份有限公司"
    html = answer._repr_html_()
    assert html.startswith("<iframe srcdoc=") and 'sandbox="allow-scripts"' in html
    page = unescape(html.split('srcdoc="', 1)[1].split('" sandbox', 1)[0])
    assert page == answer.to_html()
    assert "vis.Network" in page or "vis-network" in page
    # nothing fetched: no script, style or image from anywhere (licence comments name URLs)
    assert re.findall(r"(?:src|href)=[\"']?https?://", page) == []
    assert "<script src=" not in page and 'rel="stylesheet"' not in page


def test_tables_show_as_html_and_leave_as_files(atlas: Atlas, tmp_path: Path) -> None:
    gaps = atlas.list_gaps()
    assert "<table" in gaps._repr_html_() and repr(gaps).startswith("<Answer gaps")
    assert dict(gaps)["total"] == len(gaps["items"]) and len(gaps) == 4
    csv = gaps.to_csv(tmp_path / "gaps.csv")
    assert csv.startswith(b"\xef\xbb\xbf") and (tmp_path / "gaps.csv").read_bytes() == csv
    xlsx = atlas.pagerank().to_xlsx(tmp_path / "rank.xlsx")
    frame = pd.read_excel(io.BytesIO(xlsx))
    assert frame["id"].tolist() == atlas.pagerank().to_pandas()["id"].tolist()
    assert '"total": 7' in atlas.pagerank().to_json()


def test_the_whole_graph_keeps_every_property(atlas: Atlas) -> None:
    g = atlas.to_networkx()
    e3 = g.nodes["Enterprise:E3"]
    assert (e3["kind"], e3["entity_id"], e3["phone"]) == ("Enterprise", "E3", "0575-82000000")
    supply = g.edges["Enterprise:E1", "Enterprise:E3", "SUPPLIES:pta"]
    assert (supply["volume"], supply["since"], supply["rel"]) == (12000, 2018, "SUPPLIES")
    assert g.has_edge("Enterprise:E3", "Chain:poly", "IN_CHAIN:")
    assert g.has_edge("Enterprise:E3", "Region:shangyu", "LOCATED_IN:")


def test_open_reads_a_bundle_or_the_configured_store(tmp_path: Path) -> None:
    with chainatlas.open(bundle=ROOT / "tests" / "data" / "good") as atlas:
        assert atlas.store.kind == "memory" and atlas.get_stats()["enterprises"] > 0
    with chainatlas.open(settings=settings(home=tmp_path)) as atlas:  # nothing saved: the demo
        assert atlas.get_stats()["enterprises"] == 155 and "memory" in repr(atlas)


def test_importing_chainatlas_stays_light() -> None:
    heavy = "('fastapi', 'pandas', 'neo4j', 'uvicorn')"
    code = f"import sys, chainatlas; print(sorted(m for m in {heavy} if m in sys.modules))"
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert done.stdout.strip() == "[]"


@pytest.mark.parametrize("op, kwargs", [(c[0], c[3]) for c in CALLS], ids=[c[1] for c in CALLS])
def test_every_answer_has_a_typed_table(atlas: Atlas, op: str, kwargs: dict[str, Any]) -> None:
    answer = getattr(atlas, op)(**kwargs)
    frame = answer.to_pandas()
    table = answer.table()
    assert list(frame.columns) == table.columns and len(frame) == len(table.rows)
    assert {str(t) for t in frame.dtypes} <= {"string", "Int64", "Float64", "boolean", "object"}
    assert answer.to_csv().decode("utf-8-sig").splitlines()[0].split(",") == table.columns
