"""Units of the validator: cells, check characters, names, severities, the public surface."""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from chainatlas import loaders
from chainatlas.graph.errors import BundleInvalid, Issue
from chainatlas.graph.model import Table
from chainatlas.loaders import check_bundle, read_bundle
from chainatlas.loaders.cells import CellError, parse_cell
from chainatlas.loaders.codes import (
    cas_problem,
    credit_code_check_char,
    credit_code_problem,
    is_valid_cas,
)
from chainatlas.loaders.names import name_key, same_firm
from chainatlas.loaders.schema import SPECS
from tests.support import ROOT
from tests.support.bundles import BAD, GOOD, reencode
from tests.support.reference import ENTERPRISES, PRODUCTS


def test_public_surface() -> None:
    assert set(loaders.__all__) == {
        "Bundle",
        "Change",
        "LoadReport",
        "Progress",
        "bundle_store",
        "check_bundle",
        "load_bundle",
        "open_store",
        "read_bundle",
        "write_bundle",
    }


# -- check characters ------------------------------------------------------------------------
@pytest.mark.parametrize("code", [e["credit_code"] for e in ENTERPRISES])
def test_reference_credit_codes_check(code: str) -> None:
    assert credit_code_check_char(code[:17]) == code[17]
    assert credit_code_problem(code) is None


def test_credit_code_of_a_real_firm() -> None:
    # the example code quoted in many write-ups of the GB 32100 check, not one of ours
    assert credit_code_problem("91350100M000100Y43") is None


def test_credit_code_problem_names_the_right_character() -> None:
    assert credit_code_problem("91330604MA2BD0003M") == (
        "credit code 91330604MA2BD0003M has check character M, should be N"
    )


@pytest.mark.parametrize("cas", [p["cas"] for p in PRODUCTS if p.get("cas")] + ["7732-18-5"])
def test_cas_numbers_check(cas: str) -> None:
    assert is_valid_cas(cas)


def test_cas_problem_names_the_right_digit() -> None:
    assert cas_problem("7732-18-4") == "CAS number 7732-18-4 has check digit 4, should be 5"


# -- cells -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    ("kind", "raw", "value"),
    [
        ("number", "20000", 20000),
        ("number", "1.5", 1.5),
        ("number", "2.0e4", 20000),
        ("number", "1,200,000", 1200000),
        ("number", "２０００", 2000),
        ("year", "2019", 2019),
        ("year", "２０１９年", 2019),
        ("bool", "是", True),
        ("bool", "否", False),
        ("bool", "TRUE", True),
        ("bool", "0", False),
        ("stage", "upstream", "上游"),
        ("stage", "Downstream", "下游"),
        ("stage", "中游", "中游"),
        ("coop_kind", "technology", "技术"),
        ("coop_kind", "资金", "资金"),
        ("scale", "large", "大型"),
        ("role", "协作", "partner"),
        ("unit", "吨", "t"),
        ("unit", "万吨", "万t"),
        ("unit", "m²", "m2"),
        ("id", "Ｅ１", "E1"),
        ("id", "0575", "0575"),
        ("list", "PPS|聚苯硫醚、PPS树脂；硫化物;PPS", ["PPS", "聚苯硫醚", "PPS树脂", "硫化物"]),
        ("credit_code", "91330604ma2bd0003n", "91330604MA2BD0003N"),
        ("hs_code", "3911.90", "391190"),
        ("text", "=1+1", "=1+1"),
    ],
)
def test_cells_read_as_native_values(kind: str, raw: str, value: object) -> None:
    got = parse_cell(kind, raw)
    assert got == value and type(got) is type(value)


@pytest.mark.parametrize(
    ("kind", "raw", "code"),
    [
        ("number", "-1", "bad-number"),
        ("number", "nan", "bad-number"),
        ("number", "inf", "bad-number"),
        ("number", "1_000", "bad-number"),
        ("year", "1899", "bad-year"),
        ("bool", "maybe", "bad-bool"),
        ("id", "a b", "bad-id"),
        ("id", "x" * 65, "bad-id"),
        ("unit", "桶", "unknown-unit"),
        ("cas", "50-00-1", "bad-cas"),
        ("credit_code", "91330604MA2BD0003O", "bad-credit-code"),
    ],
)
def test_bad_cells_are_refused_with_a_code(kind: str, raw: str, code: str) -> None:
    with pytest.raises(CellError) as e:
        parse_cell(kind, raw)
    assert e.value.code == code


# -- names -----------------------------------------------------------------------------------
@pytest.mark.parametrize(
    "spelling",
    [
        "浙江丙化纤股份有限公司",
        "丙化纤有限公司",
        "丙化纤（上虞）有限公司",
        "绍兴市上虞区丙化纤有限责任公司",
        "浙江省丙化纤集团有限公司",
        " 丙化纤 (上虞) 股份有限公司 ",
        "【上虞】丙化纤",
    ],
)
def test_spellings_of_one_firm_share_a_key(spelling: str) -> None:
    assert name_key(spelling) == "丙化纤"


def test_different_firms_keep_different_keys() -> None:
    keys = {name_key(e["name"]) for e in ENTERPRISES}
    assert len(keys) == len(ENTERPRISES)


@pytest.mark.parametrize(
    ("a", "b", "same"),
    [
        ("杭州银行", "宁波银行", False),  # a place that differs tells two firms apart
        ("宁波热电", "杭州热电集团", False),
        ("绍兴柯桥丁纺织有限公司", "上虞丁纺织有限公司", False),  # 柯桥 and 上虞 are both in 绍兴
        ("浙江丙化纤股份有限公司", "丙化纤（上虞）有限公司", True),  # 上虞 lies in 浙江
        ("绍兴柯桥丁纺织有限公司", "丁纺织（柯桥）有限公司", True),
        ("丙化纤有限公司", "宁波丙化纤有限公司", True),  # a name without places agrees with any
        ("杭州湾丙化纤有限公司", "上虞丙化纤有限公司", True),  # the bay area straddles 上虞
        ("杭州银行", "杭州热电", False),  # different cores
    ],
)
def test_place_words_tell_firms_apart(a: str, b: str, same: bool) -> None:
    assert same_firm(a, b) is same and same_firm(b, a) is same


def with_firms(tmp_path: Path, *names: str) -> Path:
    """The good bundle plus one firm per name (valid credit codes, no trade)."""
    folder = tmp_path / "firms"
    shutil.copytree(GOOD, folder)
    lines = []
    for i, name in enumerate(names):
        first17 = f"91330604MA2BX{i:04d}"
        code = first17 + credit_code_check_char(first17)
        lines.append(f"X{i},{name},,,{code},shangyu,,poly,中游,小型,否,2015,,,,\n")
    with (folder / "enterprises.csv").open("a", encoding="utf-8") as fh:
        fh.writelines(lines)
    return folder


def test_firms_of_two_places_pass_strict(tmp_path: Path) -> None:
    folder = with_firms(tmp_path, "杭州银行", "宁波银行", "宁波热电", "杭州热电集团")
    assert check_bundle(folder) == []
    assert read_bundle(folder, strict=True).tables[Table.ENTERPRISES][-1]["name"] == "杭州热电集团"


def test_one_firm_under_two_spellings_is_still_flagged(tmp_path: Path) -> None:
    folder = with_firms(tmp_path, "杭州银行", "宁波银行", "杭州银行股份有限公司")
    (issue,) = check_bundle(folder)
    assert (issue.code, issue.severity, issue.row) == ("likely-duplicate", "warning", 11)
    assert "may be the same firm as 杭州银行 (X0" in issue.message


def test_a_name_that_is_all_affix_keeps_a_key() -> None:
    assert name_key("浙江有限公司") != ""


# -- severities ------------------------------------------------------------------------------
def test_good_bundle_has_no_issue() -> None:
    assert check_bundle(GOOD) == []


def test_warnings_do_not_block_unless_strict() -> None:
    case = BAD / "strict-trade"
    bundle = read_bundle(case)
    assert [w.code for w in bundle.warnings] == ["buyer-not-needing", "supplier-not-producer"]
    assert all(w.severity == "warning" for w in bundle.warnings)
    assert len(bundle.tables[Table.SUPPLIES]) == 7
    with pytest.raises(BundleInvalid) as e:
        read_bundle(case, strict=True)
    assert {i.severity for i in e.value.issues} == {"error"}


def test_bundle_invalid_carries_errors_and_warnings_sorted() -> None:
    with pytest.raises(BundleInvalid) as e:
        read_bundle(BAD / "self-loop-supply", strict=False)
    issues = e.value.issues
    assert issues == sorted(issues) and all(isinstance(i, Issue) for i in issues)


def test_every_issue_has_a_code() -> None:
    for case in BAD.iterdir():
        assert all(re.fullmatch(r"[a-z0-9-]+", i.code) for i in check_bundle(case, strict=True))


def test_missing_path_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no bundle at"):
        check_bundle(tmp_path / "nowhere")


def test_a_single_csv_is_not_a_bundle() -> None:
    [issue] = check_bundle(GOOD / "chains.csv")
    assert (issue.code, str(issue)) == (
        "not-a-bundle",
        "chains.csv:*: a bundle is a folder of CSV files or one .xlsx workbook",
    )


def test_a_broken_workbook_is_reported(tmp_path: Path) -> None:
    (tmp_path / "book.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    [issue] = check_bundle(tmp_path / "book.xlsx")
    assert issue.code == "unreadable"


def test_missing_optional_tables_are_empty(tmp_path: Path) -> None:
    folder = reencode(GOOD, tmp_path / "nodes", "utf-8")
    for table in ("produces", "needs", "supplies", "cooperations", "product_inputs"):
        (folder / f"{table}.csv").unlink()
    bundle = read_bundle(folder)
    assert bundle.tables[Table.SUPPLIES] == [] and bundle.warnings == []


def test_unit_defaults_to_the_products() -> None:
    produces = read_bundle(GOOD).tables[Table.PRODUCES]
    e7 = next(r for r in produces if r["enterprise_id"] == "E7")
    assert (e7["unit"], e7["capacity"]) == ("t", 50000)


def test_rows_are_native_and_complete() -> None:
    from chainatlas.graph.model import TABLE_COLUMNS

    for table, rows in read_bundle(GOOD).tables.items():
        for row in rows:
            assert tuple(row) == TABLE_COLUMNS[table]
            assert all(v is None or type(v) in (str, int, float, bool, list) for v in row.values())


# -- the documentation is the code -----------------------------------------------------------
def documented_columns() -> dict[str, list[tuple[str, str]]]:
    doc = (ROOT / "docs" / "bundle.md").read_text(encoding="utf-8")
    found: dict[str, list[tuple[str, str]]] = {}
    for section in re.split(r"^## ", doc, flags=re.M)[1:]:
        title = section.split()[0]
        if title.endswith(".csv"):
            rows = re.findall(r"^\| `?([a-z_]+)`? \| ([^|]+?) \|", section, flags=re.M)
            found[title.removesuffix(".csv")] = [r for r in rows if r[0] != "column"]
    return found


def test_docs_list_every_column_with_its_chinese_header() -> None:
    expected = {t.value: [(c.name, c.zh) for c in cols] for t, cols in SPECS.items()}
    assert documented_columns() == expected


def test_docs_list_every_issue_code() -> None:
    doc = (ROOT / "docs" / "bundle.md").read_text(encoding="utf-8")
    section = doc.split("## Validation")[1].split("## Loading")[0]
    documented = set(re.findall(r"`([a-z]+(?:-[a-z]+)+)`", section))
    modules = (
        "read",
        "tables",
        "cells",
        "validate",
        "places",
        "bundle",
        "archive",
        "workbook",
        "worker",
    )
    source = "".join((ROOT / "loaders" / f"{m}.py").read_text(encoding="utf-8") for m in modules)
    assert documented == set(re.findall(r"\"([a-z]+(?:-[a-z]+)+)\"", source))
