"""The demo a month later (issue 9's scenario), written as a bundle: a changed copy of
``data/demo`` for diffs and authoritative loads.

- 3 firms leave the map (LEAVING: firms with no supply or cooperation; their produces and
  needs rows go with them: 4 produces, 5 needs);
- 5 supply relations end (ENDED: the first five rows of supplies.csv);
- 2 firms join (JOINING) on DAY, with 4 new supply relations between them and firms of the
  map, beginning that day;
- one capacity doubles (DOUBLED: E0001's anhydrous HF, 80000 t → 160000 t).

``truncated`` writes the demo with supplies.csv cut after its first 100 rows: what a file
cut short by a failed copy looks like (121 of 221 supply relations would end).
"""

from __future__ import annotations

import csv
import shutil
from datetime import UTC, date, datetime
from pathlib import Path

from chainatlas.loaders.codes import credit_code_check_char
from chainatlas.loaders.demo import demo_bundle_path

DEMO = demo_bundle_path()
LEAVING = ("E0003", "E0007", "E0013")
JOINING = ("E0901", "E0902")
DOUBLED = ("E0001", "ahf", 80000, 160000)
N_ENDED = 5
#: the day of the month's load (the two firms join and their supplies begin that day, so
#: that the day before answers as before)
DAY = date.today()


def through_now() -> date:
    """The last day a digest must span to hold the change sets this run wrote: DAY, or
    today (UTC) if the run crossed midnight after DAY was read. A change set is stamped in
    UTC when it is written (graph.changes.now_utc); CI runs a file some twenty minutes after
    collecting it."""
    return max(DAY, datetime.now(UTC).date())


def read(table: str, folder: Path = DEMO) -> list[dict[str, str]]:
    with (folder / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def _write(folder: Path, table: str, rows: list[dict[str, str]]) -> None:
    with (DEMO / f"{table}.csv").open(encoding="utf-8", newline="") as fh:
        header = next(csv.reader(fh))
    with (folder / f"{table}.csv").open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, header)
        writer.writeheader()
        writer.writerows(rows)


def _code(serial: int) -> str:
    first17 = f"91330604MA2C{serial:05d}"
    return first17 + credit_code_check_char(first17)


#: the supplies the two new firms take part in: (supplier, buyer, product)
NEW_SUPPLIES = (
    ("E0001", "E0901", "ahf"),
    ("E0901", "E0002", "sulfuric_acid"),
    ("E0902", "E0001", "sulfuric_acid"),
    ("E0001", "E0902", "ahf"),
)


def ended() -> list[tuple[str, str, str]]:
    """The (supplier, buyer, product) of the supply relations the month ends."""
    return [(r["supplier_id"], r["buyer_id"], r["product_id"]) for r in read("supplies")[:N_ENDED]]


def changed(target: Path) -> Path:
    """The demo a month later (module docstring), written to ``target``."""
    shutil.copytree(DEMO, target)
    firms = [r for r in read("enterprises") if r["id"] not in LEAVING]
    template = firms[0]
    for n, id in enumerate(JOINING):
        firms.append(
            {k: "" for k in template}
            | {
                "id": id,
                "name": f"浙江新入链{'甲乙'[n]}化工有限公司",
                "credit_code": _code(901 + n),
                "region_id": "shangyu",
                "chain_id": template["chain_id"],
                "founded": "2020",
                "joined": DAY.isoformat(),
            }
        )
    _write(target, "enterprises", firms)
    for table in ("produces", "needs", "posts"):
        rows = [r for r in read(table) if r["enterprise_id"] not in LEAVING]
        for r in rows:
            if table == "produces" and (r["enterprise_id"], r["product_id"]) == DOUBLED[:2]:
                r["capacity"] = str(DOUBLED[3])
        _write(target, table, rows)
    supplies = read("supplies")[N_ENDED:]
    for s, b, p in NEW_SUPPLIES:
        supplies.append(
            {k: "" for k in supplies[0]}
            | {"supplier_id": s, "buyer_id": b, "product_id": p, "since": DAY.isoformat()}
        )
    _write(target, "supplies", supplies)
    return target


def truncated(target: Path, keep: int = 100) -> Path:
    """The demo with supplies.csv cut after its first ``keep`` rows."""
    shutil.copytree(DEMO, target)
    _write(target, "supplies", read("supplies")[:keep])
    return target
