"""The scale generator: determinism, the bundle format, and the invariants of its structure.

Each invariant is checked directly on the CSV files (not through the validator), so a failure
names the rule the generator broke; one test also runs the validator, strictly.
"""

from __future__ import annotations

import csv
import statistics
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest

from chainatlas.graph.model import CLASSIC_KINDS, TABLE_KEYS, Table
from chainatlas.graph.text import pinyin_keys
from chainatlas.graph.vocab import ID_RE
from chainatlas.loaders import check_bundle
from chainatlas.loaders.codes import is_valid_cas, is_valid_credit_code
from chainatlas.loaders.generate import HEADERS, generate_bundle, product_count
from chainatlas.loaders.names import name_key
from chainatlas.loaders.schema import SPECS

Rows = list[dict[str, str]]
KINDS = {k.value for k in CLASSIC_KINDS}


def read(folder: Path, table: str) -> Rows:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


class Bundle:
    """A generated bundle, read back as text rows per table."""

    def __init__(self, folder: Path, counts: dict[str, int]) -> None:
        self.folder, self.counts = folder, counts
        self.t = {table: read(folder, table) for table in HEADERS}
        self.firms = {r["id"]: r for r in self.t["enterprises"]}
        self.products = {r["id"]: r for r in self.t["products"]}
        self.makes = {(r["enterprise_id"], r["product_id"]) for r in self.t["produces"]}
        self.wants = {(r["enterprise_id"], r["product_id"]) for r in self.t["needs"]}


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    out = tmp_path_factory.mktemp("gen300")
    return Bundle(out, generate_bundle(out, enterprises=300, seed=11))


@pytest.fixture(scope="module")
def mid(tmp_path_factory: pytest.TempPathFactory) -> Bundle:
    """3,000 firms: six regions, five tiers, three-character brands."""
    out = tmp_path_factory.mktemp("gen3000")
    return Bundle(out, generate_bundle(out, enterprises=3000, seed=5))


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


# -- determinism and format --------------------------------------------------------------------
def test_same_seed_gives_identical_bytes(tmp_path: Path) -> None:
    generate_bundle(tmp_path / "a", enterprises=250, seed=3)
    generate_bundle(tmp_path / "b", enterprises=250, seed=3)
    assert files(tmp_path / "a") == files(tmp_path / "b")


def test_other_seed_gives_other_bundle(tmp_path: Path) -> None:
    generate_bundle(tmp_path / "a", enterprises=250, seed=3)
    generate_bundle(tmp_path / "b", enterprises=250, seed=4)
    a, b = files(tmp_path / "a"), files(tmp_path / "b")
    assert a["supplies.csv"] != b["supplies.csv"]
    assert a["enterprises.csv"] != b["enterprises.csv"]


def test_writes_every_table_with_the_documented_headers(small: Bundle) -> None:
    assert sorted(p.name for p in small.folder.iterdir()) == sorted(f"{t}.csv" for t in Table)
    for table in Table:
        with (small.folder / f"{table}.csv").open(encoding="utf-8", newline="") as f:
            header = next(csv.reader(f))
        assert header == [c.name for c in SPECS[table]], table


def test_counts_are_the_data_rows_written(small: Bundle) -> None:
    assert small.counts == {table: len(rows) for table, rows in small.t.items()}
    assert small.counts["enterprises"] == 300
    assert small.counts["products"] == product_count(300)


def test_rows_are_sorted_by_key(small: Bundle) -> None:
    # chains and regions keep their reading order (the core region first)
    for table in set(Table) - {Table.CHAINS, Table.REGIONS}:
        keys = [tuple(r[k] for k in TABLE_KEYS[table]) for r in small.t[table]]
        assert keys == sorted(keys), table


def test_rejects_an_empty_bundle(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least 1"):
        generate_bundle(tmp_path, enterprises=0, seed=1)


def test_sizes_grow_sub_linearly() -> None:
    assert product_count(155) == 100  # max(60, 8·√N)
    assert product_count(10) == 60
    assert product_count(100_000) == 2530


# -- identities and references -----------------------------------------------------------------
def test_ids_are_unique_and_well_formed(small: Bundle) -> None:
    for table in ("chains", "regions", "products", "enterprises"):
        ids = [r["id"] for r in small.t[table]]
        assert len(set(ids)) == len(ids), table
        assert all(ID_RE.match(i) for i in ids), table


def test_keys_of_edge_tables_are_unique(small: Bundle) -> None:
    for table in Table:
        keys = [tuple(r[k] for k in TABLE_KEYS[table]) for r in small.t[table]]
        assert len(set(keys)) == len(keys), table


def test_references_resolve(small: Bundle) -> None:
    known = {
        Table(t): {r["id"] for r in small.t[t]}
        for t in ("chains", "regions", "parks", "products", "enterprises")
    }
    for table in Table:
        for col in SPECS[table]:
            if col.ref is not None:
                values = {r[col.name] for r in small.t[table] if r[col.name]}
                assert values <= known[col.ref], (table, col.name)


def test_credit_codes_are_valid_and_unique(small: Bundle) -> None:
    codes = [r["credit_code"] for r in small.t["enterprises"]]
    assert all(is_valid_credit_code(c) for c in codes)
    assert all(c.startswith("91") for c in codes)
    assert len(set(codes)) == len(codes)


def test_credit_codes_carry_the_division_of_the_region(small: Bundle) -> None:
    divisions = {"shangyu": "330604", "ningbo": "330211", "keqiao": "330603"}
    assert all(r["credit_code"][2:8] == divisions[r["region_id"]] for r in small.t["enterprises"])


def test_cas_numbers_are_valid_and_unique(small: Bundle) -> None:
    cas = [r["cas"] for r in small.t["products"] if r["cas"]]
    assert len(cas) > len(small.products) // 2
    assert all(is_valid_cas(c) for c in cas)
    assert len(set(cas)) == len(cas)


def test_names_stay_distinct_without_place_and_legal_form(mid: Bundle) -> None:
    keys = [name_key(r["name"]) for r in mid.t["enterprises"]]
    assert len(set(keys)) == len(keys)
    assert len({pinyin_keys(k)[0] for k in keys}) == len(keys)  # nor sound alike
    short = [r["short_name"] for r in mid.t["enterprises"]]
    assert len(set(short)) == len(short)


# -- structure ---------------------------------------------------------------------------------
def test_every_supply_is_made_by_the_supplier_and_needed_by_the_buyer(small: Bundle) -> None:
    for r in small.t["supplies"]:
        assert r["supplier_id"] != r["buyer_id"]
        assert (r["supplier_id"], r["product_id"]) in small.makes
        assert (r["buyer_id"], r["product_id"]) in small.wants


def test_process_routes_form_a_dag_of_tiers(small: Bundle) -> None:
    routes = nx.DiGraph((r["input_id"], r["output_id"]) for r in small.t["product_inputs"])
    assert nx.is_directed_acyclic_graph(routes)
    fan_in = Counter(r["output_id"] for r in small.t["product_inputs"])
    assert set(fan_in.values()) <= {1, 2, 3, 4}
    raw = [p for p, r in small.products.items() if r["stage"] == "上游"]
    assert raw and not any(fan_in[p] for p in raw)  # raw materials have no inputs
    assert nx.dag_longest_path_length(routes) == 3  # four tiers for 300 firms


def test_firms_need_exactly_the_inputs_of_what_they_make(small: Bundle) -> None:
    inputs: dict[str, set[str]] = {}
    for r in small.t["product_inputs"]:
        inputs.setdefault(r["output_id"], set()).add(r["input_id"])
    expected = {(e, q) for e, p in small.makes for q in inputs.get(p, ())}
    assert small.wants == expected


def test_firms_sit_in_the_chain_and_stage_of_their_products(small: Bundle) -> None:
    made = Counter(e for e, _ in small.makes)
    assert set(made) == set(small.firms) and set(made.values()) <= {1, 2, 3}
    for e, p in small.makes:
        firm, product = small.firms[e], small.products[p]
        assert (firm["chain_id"], firm["stage"]) == (product["chain_id"], product["stage"])


def test_quantities_are_positive_and_capacity_covers_supplies(small: Bundle) -> None:
    sold = Counter[tuple[str, str]]()
    for r in small.t["supplies"]:
        sold[r["supplier_id"], r["product_id"]] += int(r["volume"])
    for r in small.t["produces"]:
        assert int(r["capacity"]) >= max(1, sold[r["enterprise_id"], r["product_id"]])
    assert all(int(r["annual_demand"]) > 0 for r in small.t["needs"])


def test_all_four_chains_and_three_stages_appear(small: Bundle) -> None:
    assert {r["chain_id"] for r in small.t["enterprises"]} == {
        "polymer",
        "fluorine",
        "electronic",
        "dye_textile",
    }
    assert {r["stage"] for r in small.t["enterprises"]} == {"上游", "中游", "下游"}


def test_the_map_has_gaps_and_single_sources(small: Bundle) -> None:
    producers = Counter(p for _, p in small.makes)
    needed = {p for _, p in small.wants}
    assert any(producers[p] == 0 for p in needed)
    assert any(producers[p] == 1 for p in needed)


def test_about_ten_supplies_per_firm(mid: Bundle) -> None:
    assert 9 <= len(mid.t["supplies"]) / len(mid.firms) <= 11


def test_supplier_degrees_are_heavy_tailed(mid: Bundle) -> None:
    degrees = sorted(Counter(r["supplier_id"] for r in mid.t["supplies"]).values())
    assert degrees[-1] >= 10 * statistics.median(degrees)
    top = degrees[-len(degrees) // 100 :]  # the top 1 % of suppliers
    assert sum(top) >= 0.05 * sum(degrees)


def test_trade_is_mostly_regional(mid: Bundle) -> None:
    region = {e: r["region_id"] for e, r in mid.firms.items()}
    shares = Counter(region.values())
    chance = sum((n / len(region)) ** 2 for n in shares.values())  # same region by chance
    same = statistics.fmean(
        region[r["supplier_id"]] == region[r["buyer_id"]] for r in mid.t["supplies"]
    )
    assert same >= 1.5 * chance
    assert len(mid.t["regions"]) == 6 and shares["shangyu"] == max(shares.values())


def test_cooperations_of_every_kind_without_loops_or_repeats(mid: Bundle) -> None:
    rows = mid.t["cooperations"]
    assert {r["kind"] for r in rows} == KINDS
    assert all(r["from_id"] != r["to_id"] for r in rows)
    pairs = [(frozenset((r["from_id"], r["to_id"])), r["kind"]) for r in rows]
    assert len(set(pairs)) == len(pairs)
    region = {e: r["region_id"] for e, r in mid.firms.items()}
    assert statistics.fmean(region[r["from_id"]] == region[r["to_id"]] for r in rows) > 0.5


# -- the validator agrees ----------------------------------------------------------------------
def test_a_generated_bundle_passes_the_strict_validator(tmp_path: Path) -> None:
    generate_bundle(tmp_path, enterprises=500, seed=2024)
    assert check_bundle(tmp_path, strict=True) == []


@pytest.mark.slow
def test_a_large_bundle_passes_the_strict_validator(tmp_path: Path) -> None:
    """20,000 firms: all extra regions up to 20, six tiers, four-character brands."""
    counts = generate_bundle(tmp_path, enterprises=20_000, seed=1)
    assert counts["supplies"] == 200_000
    assert check_bundle(tmp_path, strict=True) == []
