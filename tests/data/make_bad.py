"""Derive the bad-input corpus ``tests/data/bad/<case>/`` from the good bundle ``tests/data/good``.

Each case is one small edit of the good bundle. This script writes the case's CSV files (and
an ``args`` file of extra CLI options, an ``xlsx`` marker when the test runs the case as a
workbook); it never writes ``expected.txt``, which is written and reviewed by hand.

    .venv/bin/python -m tests.data.make_bad          # rewrite every case folder
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

HERE = Path(__file__).resolve().parent
GOOD = HERE / "good"
BAD = HERE / "bad"


class Case:
    """The files of one case, as bytes, starting from the good bundle."""

    def __init__(self) -> None:
        self.files = {p.name: p.read_bytes() for p in sorted(GOOD.glob("*.csv"))}
        self.args = ""
        self.xlsx = False

    def text(self, name: str) -> str:
        return self.files[name].decode("utf-8")

    def sub(self, name: str, old: str, new: str) -> Case:
        text = self.text(name)
        assert text.count(old) == 1, f"{name}: {old!r} occurs {text.count(old)} times"
        self.files[name] = text.replace(old, new).encode("utf-8")
        return self

    def add(self, name: str, line: str) -> Case:
        self.files[name] = self.files.get(name, b"") + (line + "\n").encode("utf-8")
        return self

    def drop(self, name: str) -> Case:
        del self.files[name]
        return self

    def sub_bytes(self, name: str, old: bytes, new: bytes) -> Case:
        assert self.files[name].count(old) == 1
        self.files[name] = self.files[name].replace(old, new)
        return self

    def empty(self, name: str) -> Case:
        self.files[name] = b""
        return self

    def encode(self, name: str, encoding: str) -> Case:
        self.files[name] = self.text(name).encode(encoding)
        return self

    def column_out(self, name: str, index: int) -> Case:
        lines = self.text(name).splitlines()
        kept = [",".join(c for i, c in enumerate(line.split(",")) if i != index) for line in lines]
        self.files[name] = ("\n".join(kept) + "\n").encode("utf-8")
        return self


def strict(case: Case) -> Case:
    case.args = "--strict"
    return case


def xlsx(case: Case) -> Case:
    case.xlsx = True
    return case


E, P, S, R = "enterprises.csv", "products.csv", "supplies.csv", "regions.csv"
SHANGYU, NINGBO = "Shangyu,绍兴,浙江,core", "Ningbo,宁波,浙江,partner"
KEQIAO = "Keqiao,绍兴,浙江,partner"
CASES: dict[str, Callable[[], Case]] = {
    "missing-table": lambda: Case().drop("chains.csv"),
    "missing-column": lambda: Case().column_out(E, 4),
    "unknown-column": lambda: Case().sub(P, ",unit,", ",units,"),
    "duplicate-column": lambda: (
        Case()
        .sub(R, "role\n", "role,名称\n")
        .sub(R, SHANGYU, SHANGYU + ",上虞")
        .sub(R, NINGBO, NINGBO + ",宁波")
        .sub(R, KEQIAO, KEQIAO + ",柯桥")
    ),
    "field-count-more": lambda: Case().sub(E, "绍兴柯桥丁纺织有限公司", "绍兴柯桥,丁纺织有限公司"),
    "field-count-fewer": lambda: Case().sub(S, "yarn,20000,t,2020,\n", "yarn,20000,t\n"),
    "csv-bad-quote": lambda: Case().sub("cooperations.csv", "talent,2023,", 'talent,2023,"备注"x'),
    "csv-unclosed-quote": lambda: Case().sub("product_inputs.csv", ",熔融纺丝", ',"熔融纺丝'),
    # 0x80 is text in neither UTF-8 nor GB18030
    "encoding-bad-bytes": lambda: Case().sub_bytes("needs.csv", b"E3,meg", b"E3,m\x80eg"),
    "encoding-utf16": lambda: Case().encode(R, "utf-16"),
    "gb18030-bad-stage": lambda: Case().sub(E, "textile,下游", "textile,下流").encode(E, "gb18030"),
    "bad-id": lambda: Case().sub(E, "E7,浙江庚", "E7/庚,浙江庚"),
    "duplicate-id": lambda: Case().add(P, "pet,聚对苯二甲酸乙二醇酯,,,,t,,poly,中游"),
    "duplicate-key": lambda: Case().add(S, "E1,E3,pta,3000,t,2020,"),
    "unknown-buyer": lambda: Case().sub(S, "E6,E5,dye", "E6,E9,dye"),
    "unknown-region": lambda: Case().sub(E, "00026,ningbo", "00026,beilun"),
    "self-loop-supply": lambda: Case().add(S, "E3,E3,pet,100,t,2022,"),
    "self-loop-route": lambda: Case().sub("product_inputs.csv", "meg,pet,", "pet,pet,"),
    "self-loop-cooperation": lambda: Case().sub("cooperations.csv", "E4,E5,", "E5,E5,"),
    "credit-code-check": lambda: Case().sub(E, "91330604MA2BD0003N", "91330604MA2BD0003M"),
    "credit-code-form": lambda: (
        Case()
        .sub(E, "91330604MA2BD00060", "91330604MA2BD0006")
        .sub(E, "91330211MA2GL00013", "91330211MA2GI00013")
    ),
    "duplicate-credit-code": lambda: Case().sub(E, "91330604MA2BD00073", "91330604MA2BD00060"),
    "bad-cas": lambda: Case().sub(P, "100-21-0", "100-21-1").sub(P, "106-42-3", "106423"),
    "bad-number": lambda: (
        Case()
        .sub("produces.csv", "yarn,150000", "yarn,-150000")
        .sub("needs.csv", "E4,yarn,30000", "E4,yarn,约2万")
    ),
    "unknown-unit": lambda: Case().sub(S, "600,吨", "600,桶").sub(P, "万m,,textile", "匹,,textile"),
    "bad-year": lambda: Case().sub(E, "否,2003", "否,1850").sub(S, "t,2019", "t,去年"),
    "bad-bool": lambda: Case().sub(E, "中型,是,2001", "中型,上市中,2001"),
    "bad-stage-scale": lambda: (
        Case()
        .sub(P, "t,,poly,中游", "t,,poly,middle")
        .sub(E, "上游,中型,否,2008", "上游,中等,否,2008")
    ),
    "bad-kind": lambda: Case().sub("cooperations.csv", "技术", "市场"),
    "bad-role-hs": lambda: (
        Case().sub(R, KEQIAO, "Keqiao,绍兴,浙江,member").sub(P, "290531", "29O531")
    ),
    "missing-value": lambda: (
        Case()
        .sub("chains.csv", "textile,染料与纺织新材料", "textile,")
        .sub(S, "E2,E3,meg", "E2,E3,")
    ),
    "strict-trade": lambda: strict(
        Case().add(S, "E7,E5,pet,100,t,2023,").add(S, "E2,E4,yarn,500,t,2022,")
    ),
    "strict-likely-duplicate": lambda: strict(
        Case().add(
            E, "E8,丙化纤（上虞）有限公司,,,91330604MA2BD00086,shangyu,,poly,中游,小型,否,2015,,,,"
        )
    ),
    "strict-unit-mismatch": lambda: strict(Case().sub("produces.csv", "0,t\nE7", "0,万m\nE7")),
    "strict-unknown-table": lambda: strict(Case().add("supply.csv", "supplier_id,buyer_id")),
    "empty-file": lambda: Case().empty("needs.csv"),
    "unnamed-column": lambda: (
        Case()
        .sub(R, "role\n", "role,\n")
        .sub(R, SHANGYU, SHANGYU + ",")
        .sub(R, NINGBO, NINGBO + ",临港")
        .sub(R, KEQIAO, KEQIAO + ",")
    ),
    "xlsx-formula-id": lambda: xlsx(Case().sub(E, "E7,浙江庚", "=1+1,浙江庚").drop(R)),
    "xlsx-extra-cell": lambda: xlsx(Case().sub(S, "t,2020,\n", "t,2020,,多余\n")),
    "many-at-once": lambda: (
        Case()
        .sub(E, "91330603MA2BD0005E", "91330603MA2BD0005F")
        .sub(S, "E6,E5,dye", "E6,E5,dyes")
        .sub("cooperations.csv", "talent", "friendship")
        .sub("product_inputs.csv", "px,pta", "pX,pta")
    ),
}


def build(name: str) -> dict[str, bytes]:
    """Every file of case ``name`` except ``expected.txt``."""
    case = CASES[name]()
    files = dict(case.files)
    if case.args:
        files["args"] = (case.args + "\n").encode()
    if case.xlsx:
        files["xlsx"] = b""
    return files


def main() -> None:
    for name in CASES:
        folder = BAD / name
        folder.mkdir(parents=True, exist_ok=True)
        for stale in folder.iterdir():
            if stale.name != "expected.txt":
                stale.unlink()
        for file, data in build(name).items():
            (folder / file).write_bytes(data)
    print(f"{len(CASES)} cases in {BAD}")


if __name__ == "__main__":
    main()
