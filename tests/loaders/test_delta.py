"""A re-load that reads only the changed lines (loaders.delta) lands and reports what a whole
read does, and reads the whole bundle whenever the changed lines cannot answer alone."""

from __future__ import annotations

import random
import shutil
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from chainatlas.graph.errors import BundleInvalid
from chainatlas.graph.limits import DEFAULT_LIMITS
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.model import Label, Table
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import Change, load_bundle
from chainatlas.loaders import validate as v
from chainatlas.loaders.baseline import KEEP, find_baseline
from chainatlas.loaders.delta import LINE_RULES, NODE_RULES
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.load import read_for_load, store_rows
from chainatlas.loaders.receipt import load_key
from chainatlas.loaders.source import bundle_sha256

TODAY = date(2026, 12, 2)
#: what differs between two stores that took the same rows by different loads
UNSTAMPED = frozenset(
    {"source_row", "source_bundle", "added_by", "changed_by", "added_at", "changed_at"}
)
#: a supply whose seller does not make its product and whose buyer does not need it, and one
#: whose buyer does not need it: three warnings of the base bundle, on its last lines
WARNED = (
    b"E0003,E0001,fep,10,t,2020,,test",
    b"E0001,E0003,ahf,5,t,2020,,test",
)

Edit = Callable[[dict[str, list[bytes]]], None]


@pytest.fixture
def base(tmp_path: Path) -> Path:
    """The demo bundle with two warned supply lines: the bundle the graph took last."""
    folder = Path(shutil.copytree(demo_bundle_path(), tmp_path / "base" / "demo"))
    with (folder / "supplies.csv").open("ab") as f:
        f.write(b"\n".join(WARNED) + b"\n")
    return folder


def edited(base: Path, into: Path, edit: Edit) -> Path:
    """A copy of ``base`` (under the same name) whose files' lines ``edit`` changed."""
    folder = Path(shutil.copytree(base, into / base.name))
    lines = {p.stem: p.read_bytes().splitlines() for p in folder.glob("*.csv")}
    edit(lines)
    for stem, got in lines.items():
        (folder / f"{stem}.csv").write_bytes(b"".join(line + b"\n" for line in got))
    return folder


def facts(store: GraphStore) -> dict[str, list[str]]:
    """Every row of ``store`` but where it came from and who stamped it, sorted."""
    return {
        t.value: sorted(
            repr(sorted((k, x) for k, x in r.items() if k not in UNSTAMPED)) for r in rows
        )
        for t, rows in store_rows(store).items()
    }


def said(report: Any) -> dict[str, Any]:
    """A report but the store's kind, the change set's own id and time (two stores, two
    histories) and how many lines were read (the ``reads`` fixture tells how it was read)."""
    out = {**report.to_dict(), "store": None, "changed_lines": None}
    cs = out.pop("change_set")
    out["counts_of_change_set"] = None if cs is None else cs["counts"]
    return out


def by_lines_and_whole(
    base: Path, tmp_path: Path, edit: Edit, store: GraphStore | None = None, **kw: Any
) -> tuple[Any, Any, GraphStore, GraphStore]:
    """Load ``base`` then its edit into ``store`` keeping baselines, and into a fresh embedded
    store reading both whole: both outcomes (a report, or the BundleInvalid raised) and stores."""
    root, new = tmp_path / "baselines", edited(base, tmp_path / "new", edit)
    lines, whole = store or MemoryStore(), MemoryStore()
    load_bundle(lines, base, day=TODAY, baselines=root)
    load_bundle(whole, base, day=TODAY)
    outcomes: list[Any] = []
    for target, keep in ((lines, root), (whole, None)):
        try:
            outcomes.append(said(load_bundle(target, new, day=TODAY, baselines=keep, **kw)))
        except BundleInvalid as e:
            outcomes.append([str(i) for i in e.issues])
    return outcomes[0], outcomes[1], lines, whole


def change_volumes(lines: dict[str, list[bytes]]) -> None:
    supplies = lines["supplies"]
    for i in range(1, len(supplies), 7):
        cells = supplies[i].split(b",")
        cells[3] = str(float(cells[3] or 0) + 1).encode()
        supplies[i] = b",".join(cells)


def test_changed_lines_land_and_report_as_a_whole_read(
    store: GraphStore, base: Path, tmp_path: Path, reads: list[Path]
) -> None:
    def edit(lines: dict[str, list[bytes]]) -> None:
        change_volumes(lines)
        supplies = lines["supplies"]
        del supplies[2:5]  # the warned lines move up three rows
        supplies.insert(1, b"E0002,E0001,ahf,7,t,2021,,test")  # a new fact, first
        supplies.append(b"E0004,E0002,fep,3,,,,test")  # no unit: the product's
        cooperations = lines["cooperations"]
        cooperations[1] = cooperations[1].replace(b",", b",", 1) + b" "  # the same values
        lines["produces"][3] = lines["produces"][3].replace(b",,", b",2019,", 1)

    got, want, lines, whole = by_lines_and_whole(base, tmp_path, edit, store)
    assert reads == [base, base, tmp_path / "new" / base.name]  # the second load by lines
    assert got == want and facts(lines) == facts(whole)
    assert got["counts_of_change_set"]["supplies"]["added"] == 2
    n = len(base.joinpath("supplies.csv").read_bytes().splitlines())
    moved = [(w["row"], w["code"]) for w in got["warnings"] if 2 < w["row"] < n - 1]
    assert sorted(moved) == [
        (n - 3, "buyer-not-needing"),
        (n - 3, "supplier-not-producer"),
        (n - 2, "buyer-not-needing"),
    ]  # three lines deleted above them, one inserted


def drop_last(lines: dict[str, list[bytes]]) -> None:
    del lines["supplies"][-1]


def test_a_second_change_reads_by_lines_from_the_first(base: Path, tmp_path: Path) -> None:
    root, store, whole = tmp_path / "baselines", MemoryStore(), MemoryStore()
    load_bundle(store, base, day=TODAY, baselines=root)
    one = edited(base, tmp_path / "one", change_volumes)
    two = edited(one, tmp_path / "two", drop_last)  # a warned line
    for folder in (base, one, two):
        load_bundle(whole, folder, day=TODAY)
    assert load_bundle(store, one, day=TODAY, baselines=root).change_set is not None
    report = load_bundle(store, two, day=TODAY, baselines=root)
    assert report.to_dict()["warnings"] == load_bundle(MemoryStore(), two).to_dict()["warnings"]
    assert len(report.warnings) == 2 and facts(store) == facts(whole)
    assert len(list(root.iterdir())) == KEEP  # the newest


@pytest.mark.parametrize(
    "what",
    [
        "a key of a kept row",
        "an unknown firm",
        "a bad number",
        "a self-loop",
        "a date after the load",
        "a new pair made",
        "a changed firm",
        "a quoted line break",
        "a repeated line",
        "a changed header",
        "a new file",
    ],
)
def test_what_the_changed_lines_cannot_answer_reads_the_whole_bundle(
    base: Path, tmp_path: Path, reads: list[Path], what: str
) -> None:
    new_supply = {
        "a key of a kept row": b"E0001,E0002,sulfuric_acid,1,t,2019,,x",
        "an unknown firm": b"E9999,E0002,sulfuric_acid,1,t,2019,,x",
        "a bad number": b"E0002,E0001,ahf,lots,t,2019,,x",
        "a self-loop": b"E0002,E0002,ahf,1,t,2019,,x",
        "a date after the load": b"E0002,E0001,ahf,1,t,2099,,x",
        "a quoted line break": b'E0002,E0001,ahf,1,t,2019,,"two\nlines"',
    }

    def edit(lines: dict[str, list[bytes]]) -> None:
        if what in new_supply:
            lines["supplies"].append(new_supply[what])
        elif what == "a new pair made":  # a kept supply's warning would go
            lines["produces"].append(b"E0003,fep,1,t,,")
        elif what == "a changed firm":
            lines["enterprises"][1] = lines["enterprises"][1].replace(b"E0001,", b"E0001, ", 1)
        elif what == "a repeated line":
            lines["supplies"].append(lines["supplies"][1])
        elif what == "a changed header":
            lines["supplies"][0] = lines["supplies"][0].replace(b"volume", b"Volume")
        else:
            lines["extra"] = [b"a,b", b"1,2"]

    got, want, lines, whole = by_lines_and_whole(base, tmp_path, edit)
    assert len(reads) == 4  # both stores read both bundles whole
    assert got == want and facts(lines) == facts(whole)


def test_strict_and_an_earlier_day_read_the_whole_bundle(
    base: Path, tmp_path: Path, reads: list[Path]
) -> None:
    root, store = tmp_path / "baselines", MemoryStore()

    def unwarned(lines: dict[str, list[bytes]]) -> None:
        del lines["supplies"][-2:]

    clean = edited(base, tmp_path / "clean", unwarned)
    load_bundle(store, clean, strict=True, day=TODAY, baselines=root)
    warned = edited(clean, tmp_path / "warned", lambda lines: lines["supplies"].extend(WARNED))
    with pytest.raises(BundleInvalid):  # under strict a warning is an error: found whole
        load_bundle(store, warned, strict=True, day=TODAY, baselines=root)
    assert reads == [clean, warned]
    vol = edited(clean, tmp_path / "vol", change_volumes)
    earlier = TODAY - timedelta(days=1)  # a date valid on the baseline's day may not be now
    load_bundle(store, vol, strict=True, day=earlier, baselines=root)
    assert reads == [clean, warned, vol]


def test_a_write_since_the_load_leaves_no_baseline(base: Path, tmp_path: Path) -> None:
    root, store = tmp_path / "baselines", MemoryStore()
    load_bundle(store, base, day=TODAY, baselines=root)
    receipt = store.load_receipt()
    assert receipt is not None
    key = receipt["key"]
    assert find_baseline(root, store, key, TODAY) is not None
    firm = store.nodes(Label.ENTERPRISE)[0]
    store.upsert(Table.ENTERPRISES, [{**firm, "name": "改过的名字"}])
    assert find_baseline(root, store, key, TODAY) is None  # the lines no longer tell the graph
    assert find_baseline(root, MemoryStore(), key, TODAY) is None


def test_baselines_are_pruned_to_the_newest(base: Path, tmp_path: Path) -> None:
    root = tmp_path / "baselines"
    for n in range(KEEP + 2):  # another name, another bundle
        load_bundle(MemoryStore(), base.rename(base.with_name(f"demo-{n}")), baselines=root)
        base = base.with_name(f"demo-{n}")
    assert len([p for p in root.iterdir() if p.is_dir()]) == KEEP


def test_every_rule_is_run_on_changed_lines_or_reads_no_fact_table() -> None:
    assert set(v.RULES) == {*LINE_RULES, *NODE_RULES}  # a new rule must say which it is


def test_random_edits_land_as_a_whole_read(base: Path, tmp_path: Path, reads: list[Path]) -> None:
    """Random edits of the fact files, valid and not: a whole read's outcome every time, and
    both ways (by lines, and whole) taken."""
    rnd = random.Random(7)
    firms = [f"E{n:04d}".encode() for n in range(1, 40)]
    products = [b"ahf", b"fep", b"sulfuric_acid", b"pvdf", b"r22"]
    by_lines = 0
    for case in range(30):
        before = len(reads)

        def edit(lines: dict[str, list[bytes]]) -> None:
            for _ in range(rnd.randint(1, 6)):
                stem = rnd.choice(["supplies", "supplies", "cooperations", "produces", "needs"])
                got = lines[stem]
                at = rnd.randrange(1, len(got))
                op = rnd.random()
                if op < 0.35:  # a number changed
                    cells = got[at].split(b",")
                    cells[-1 if stem == "cooperations" else 2 + (stem == "supplies")] = b"9"
                    got[at] = b",".join(cells)
                elif op < 0.55:
                    del got[at]
                elif op < 0.65:
                    got.insert(at, got.pop(rnd.randrange(1, len(got))))  # moved
                elif stem == "supplies":
                    a, b = rnd.sample(firms, 2)
                    got.insert(
                        at, b",".join([a, b, rnd.choice(products), b"1", b"t", b"", b"", b"r"])
                    )
                elif stem == "cooperations":
                    a, b = rnd.choice(firms), rnd.choice(firms)
                    got.insert(at, b",".join([a, b, "技术".encode(), b"2020", b"", b"r"]))
                else:
                    got.append(
                        b",".join([rnd.choice(firms), rnd.choice(products), b"1", b"t", b"", b""])
                    )

        got, want, lines, whole = by_lines_and_whole(base, tmp_path / str(case), edit)
        assert got == want, case
        assert facts(lines) == facts(whole), case
        by_lines += len(reads) - before == 3  # the embedded store's second load by lines
    assert 5 <= by_lines <= 25  # both ways were taken


def test_a_write_between_the_read_and_the_load_reads_the_whole_bundle(
    store: GraphStore, base: Path, tmp_path: Path, reads: list[Path]
) -> None:
    root = tmp_path / "baselines"
    load_bundle(store, base, day=TODAY, baselines=root)
    new = edited(base, tmp_path / "new", change_volumes)
    key = load_key(new, sha256=bundle_sha256(new), scope=None, strict=False, limits=DEFAULT_LIMITS)
    read = read_for_load(store, new, key, TODAY, root)
    assert read.changed_lines and reads == [base]
    firm = store.nodes(Label.ENTERPRISE)[0]
    store.upsert(Table.ENTERPRISES, [{**firm, "name": "改过的名字"}])  # meanwhile, an edit
    report = read.write(store, day=TODAY, change=Change("t", "new"))
    assert reads == [base, new] and report.changed_lines is None  # read whole, then written
    assert store.node(Label.ENTERPRISE, firm["id"])["name"] == firm["name"]  # the file's name
    whole = MemoryStore()
    load_bundle(whole, new, day=TODAY)
    assert facts(store) == facts(whole)


def test_a_baseline_folder_that_cannot_be_written_loses_no_load(base: Path, tmp_path: Path) -> None:
    root = tmp_path / "baselines"
    root.write_text("a file, not a folder")
    store = MemoryStore()
    report = load_bundle(store, base, day=TODAY, baselines=root)
    assert report.change_set is not None and store.load_receipt() is not None
