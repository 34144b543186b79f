"""Build the demo bundle ``data/demo/`` from the hand-written catalogue ``data/catalogue/``.

    python scripts/build_demo.py          # writes data/demo/*.csv, then verifies them
    python scripts/build_demo.py --check  # writes nothing; exit 1 unless data/demo is
    [--catalogue DIR] [--out DIR]         # byte-identical to what the catalogue builds

The catalogue (its README.md) holds all that is curated; ``scripts/demo_derivation.py`` derives
the rest: ids, places (a point near the firm's park, inside its district's outline),
registered names, credit codes with check characters, contacts; each firm's needs (route
inputs of what it makes but does not make itself, capacity x factor x utilisation); supplies
between collaborating firms, within what either side can make or use; cooperations by rules
over firms and edges. A fixed-seed generator and a hash of names stand in for chance.
"""

from __future__ import annotations

import argparse
import csv
import difflib
import io
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "scripts"))

from demo_derivation import Demo, Rows, pair, read_csv  # noqa: E402

from chainatlas.graph.errors import BundleInvalid  # noqa: E402
from chainatlas.loaders import read_bundle  # noqa: E402
from chainatlas.loaders.schema import HEADERS  # noqa: E402

CATALOGUE, OUT = ROOT / "data" / "catalogue", ROOT / "data" / "demo"
#: what `stats` reports on the demo (DESIGN.md §6)
FIGURES = {"enterprises": 155, "collaborating enterprises": 90, "supplied products": 56}
FIGURES |= {"chains": 4, "regions": 3}


def render(tables: dict[str, Rows]) -> dict[str, str]:
    """The text of each bundle file, in the columns docs/bundle.md and the validator give."""
    texts = {}
    for name, cols in HEADERS.items():
        buf = io.StringIO()
        w = csv.DictWriter(buf, fieldnames=cols, lineterminator="\n", extrasaction="ignore")
        w.writeheader()
        w.writerows(tables[name])
        texts[f"{name}.csv"] = buf.getvalue()
    return texts


def differences(texts: dict[str, str], out: Path) -> list[str]:
    """Where each file in ``out`` differs from the rebuild (a short diff per file)."""
    found = []
    for name, text in texts.items():
        path = out / name
        disk = path.read_bytes().decode("utf-8", "replace") if path.exists() else ""
        if disk != text:
            old, new = disk.splitlines(keepends=True), text.splitlines(keepends=True)
            diff = difflib.unified_diff(old, new, str(path), "rebuilt", n=0)
            found.append("".join(list(diff)[:12]) or f"{path}: differs")
    return found


def verify(out: Path) -> list[str]:
    """The loaders' strict validation and the design brief's figures; what fails (the demo's
    other promises are tested in tests/loaders/test_demo_bundle.py)."""
    try:
        read_bundle(out, strict=True)
    except BundleInvalid as e:
        return [str(issue) for issue in e.issues]
    t = {name: read_csv(out / f"{name}.csv") for name in HEADERS}
    linked = {x for r in t["supplies"] for x in pair(r)}
    linked |= {r[c] for r in t["cooperations"] for c in ("from_id", "to_id")}
    supplied = {r["product_id"] for r in t["supplies"]}
    sizes = map(len, (t["enterprises"], linked, supplied, t["chains"], t["regions"]))
    got = dict(zip(FIGURES, sizes, strict=True))
    kinds = Counter(r["kind"] for r in t["cooperations"])
    print(f"ChainAtlas demo bundle {out}:", *(f"  {k:<26} {v}" for k, v in got.items()), sep="\n")
    print(f"  supply edges {len(t['supplies'])}, cooperations {dict(sorted(kinds.items()))}")
    return [f"{k}: {got[k]}, expected {want}" for k, want in FIGURES.items() if got[k] != want]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--check", action="store_true", help="compare with the rebuild only")
    parser.add_argument("--catalogue", type=Path, default=CATALOGUE)
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    cat = {p.stem: read_csv(p) for p in sorted(args.catalogue.glob("*.csv"))}
    texts = render(Demo(cat).tables())
    if args.check:
        if found := differences(texts, args.out):
            print(f"{args.out} is not what {args.catalogue} builds:", *found, sep="\n")
            print("run scripts/build_demo.py to rebuild it")
            return 1
    else:
        args.out.mkdir(parents=True, exist_ok=True)
        for name, text in texts.items():
            (args.out / name).write_bytes(text.encode("utf-8"))
    problems = verify(args.out)
    print(*problems or ["  all checks passed"], sep="\n")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
