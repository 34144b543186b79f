"""The demo's second month, written from code: a changed copy of ``data/demo`` whose load is
change set 2 in docs/changes.md.

Against the demo it has:
- 5 supply relations ended on :data:`ENDED_ON` (their ``until`` set): E0001's first five;
- 2 new firms, E0901 and E0902 (上虞), with 4 new supply relations since :data:`ENDED_ON`;
- one capacity doubled: E0001's AHF, 80000 t → 160000 t.

So change set 2 counts enterprises +2, produces ~1, supplies +4 and ⊣5; reverting it gives
back the demo answer for answer.
"""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

from chainatlas.loaders.codes import credit_code_check_char
from chainatlas.loaders.demo import demo_bundle_path

ENDED_ON = "2026-11-01"
NEW_FIRMS = ("E0901", "E0902")
ENDED = 5
NEW_SUPPLIES = [
    ("E0901", "E0001", "sulfuric_acid"),
    ("E0901", "E0002", "sulfuric_acid"),
    ("E0902", "E0005", "ahf"),
    ("E0001", "E0902", "hcfc22"),
]


def _rows(path: Path) -> tuple[list[str], list[dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh)
        return list(reader.fieldnames or []), list(reader)


def _write(path: Path, header: list[str], rows: list[dict[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=header, lineterminator="\n")
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(buf.getvalue(), encoding="utf-8")


def _code(n: int) -> str:
    first17 = f"91330604MA2{n:06d}"
    return first17 + credit_code_check_char(first17)


def second_month(folder: Path) -> Path:
    """Write the changed copy of the demo into ``folder`` (created); return it."""
    shutil.copytree(demo_bundle_path(), folder)
    header, firms = _rows(folder / "enterprises.csv")
    for n, id in enumerate(NEW_FIRMS, start=1):
        firms.append(
            {
                **dict.fromkeys(header, ""),
                "id": id,
                "name": f"浙江新越材料科技有限公司{n}",
                "credit_code": _code(900 + n),
                "region_id": "shangyu",
                "chain_id": "fluorine",
                "stage": "上游",
            }
        )
    _write(folder / "enterprises.csv", header, firms)
    header, supplies = _rows(folder / "supplies.csv")
    for row in supplies[:ENDED]:
        row["until"] = ENDED_ON
    for s, b, p in NEW_SUPPLIES:
        new = {"supplier_id": s, "buyer_id": b, "product_id": p, "volume": "100", "unit": "t"}
        supplies.append({**dict.fromkeys(header, ""), **new, "since": ENDED_ON})
    _write(folder / "supplies.csv", header, supplies)
    header, produces = _rows(folder / "produces.csv")
    (ahf,) = [r for r in produces if (r["enterprise_id"], r["product_id"]) == ("E0001", "ahf")]
    ahf["capacity"] = str(int(ahf["capacity"]) * 2)
    _write(folder / "produces.csv", header, produces)
    return folder
