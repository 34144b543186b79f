"""Synthetic bundles of any size for scale tests: :func:`generate_bundle`.

The firms are fictional and the product catalogue is abstract (``高分子中间体-0042``); the
*structure* is what is realistic. For ``N`` enterprises:

1. Regions: 上虞 (core), 宁波 and 柯桥 (partners), plus one real Zhejiang district per 1,000
   firms (up to 18 more). Each region leans to one chain and to upstream or downstream work.
2. Products: ``P = max(60, round(8·√N))`` (sub-linear: firms per product grow like √N/8), over
   the 4 chains and ``T`` tiers (4, 5 or 6 as P grows). Tier 0 is raw material (上游), the top tier
   finished goods (下游), the tiers between intermediates (中游). A product of tier t > 0 takes one
   input from tier t-1 and 0–3 more from lower tiers (80 % from its own chain), drawn by a Pareto
   popularity so that a few base chemicals feed many routes: the routes form a DAG.
3. About 3 % of the input products are gaps (needed, produced by nobody) and 5 % single-source.
4. Enterprises: region by weight, chain by the region's leaning, tier by the product counts; each
   produces 1–3 products of one (chain, tier) bucket and needs the union of their inputs.
5. Supplies: for every need (buyers in random order) k suppliers, k drawn so edges ≈ 10·N, from a
   Pólya urn per product (initial weight by scale, one more ball per edge won: preferential
   attachment, hence a heavy-tailed out-degree); 65 % from the buyer's own region, 25 % from a
   partner region; 6 % of needs stay unsourced. Capacities are then raised to cover what each
   firm supplies.
6. Cooperations: ≈ 0.6 per firm, all five kinds, mostly within a region, a third on supply edges.

Everything comes from one ``random.Random(seed)`` and rows are written sorted, so the same
arguments give byte-identical files.
"""

from __future__ import annotations

import csv
import random
from collections.abc import Iterable, Iterator
from pathlib import Path

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import CLASSIC_KINDS
from chainatlas.loaders.generate_catalogue import (
    CHAINS,
    Catalogue,
    make_catalogue,
    product_count,
    product_rows,
    regions_for,
)
from chainatlas.loaders.generate_firms import Firms, enterprise_rows, make_firms
from chainatlas.loaders.generate_places import park_row
from chainatlas.loaders.generate_trade import make_cooperations, make_supplies, unpack_supply
from chainatlas.loaders.schema import HEADERS

__all__ = ["HEADERS", "generate_bundle", "product_count"]

#: cooperation kinds by index (graph.model.CoopKind order) and the note of each
KINDS = CLASSIC_KINDS
KIND_NOTES = ("供需信息共享", "联合研发", "人才联合培养", "供应链金融", "产品互供")
SOURCE = "ChainAtlas合成数据"
Row = tuple[str | int, ...]


def generate_bundle(out: Path, *, enterprises: int, seed: int) -> dict[str, int]:
    """Write a valid synthetic bundle of ``enterprises`` firms to the folder ``out``.

    Returns the number of data rows written per table. The same arguments give byte-identical
    files; see the module docstring for the structure.
    """
    if enterprises < 1:
        raise InvalidOption("enterprises", "enterprises must be at least 1")
    rng = random.Random(seed)
    cat = make_catalogue(rng, product_count(enterprises))
    firms = make_firms(rng, enterprises, regions_for(enterprises), cat)
    supplies = make_supplies(rng, cat, firms)
    coops = make_cooperations(rng, firms, supplies, cat.n_products)
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table, count, rows in _tables(rng, cat, firms, supplies, coops):
        with (out / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(HEADERS[table])
            writer.writerows(rows)
        counts[table] = count
    return counts


def _tables(
    rng: random.Random,
    cat: Catalogue,
    firms: Firms,
    supplies: list[int],
    coops: list[tuple[int, int, int, int]],
) -> Iterator[tuple[str, int, Iterable[Row]]]:
    """(table, row count, rows sorted by key) in bundle order; rows are formatted lazily so
    only one big table is ever held as text. Ids are zero-padded: text order = index order.
    Generated facts all still hold: ``until`` (and ``since`` of produces and needs) stay empty."""
    n, n_p = firms.n, cat.n_products
    pw, ew = max(4, len(str(n_p))), max(4, len(str(n)))
    pid = [f"P{p + 1:0{pw}d}" for p in range(n_p)]
    eid = [f"E{e + 1:0{ew}d}" for e in range(n)]
    yield "chains", len(CHAINS), [(c[0], c[1], c[2], f"{c[1]}产业链") for c in CHAINS]
    yield (
        "regions",
        len(firms.regions),
        [
            (r[0], r[1], r[2], r[3], "浙江", "core" if i == 0 else "partner", r[4])
            for i, r in enumerate(firms.regions)
        ],
    )
    yield "parks", len(firms.regions), [park_row(r) for r in sorted(firms.regions)]
    yield "products", n_p, product_rows(cat, pid)
    yield "enterprises", n, enterprise_rows(rng, firms, cat, eid)
    yield (
        "produces",
        sum(map(len, firms.produces)),
        (
            (eid[e], pid[p], cap, "t", "", "")
            for e, made in enumerate(firms.produces)
            for p, cap in made
        ),
    )
    yield (
        "needs",
        sum(map(len, firms.needs)),
        ((eid[e], pid[q], d, "t", "", "") for e, need in enumerate(firms.needs) for q, d in need),
    )
    supplies.sort()
    edges = (unpack_supply(x, n=n, n_products=n_p) for x in supplies)
    yield (
        "supplies",
        len(supplies),
        ((eid[s], eid[b], pid[q], v, "t", y, "", SOURCE) for s, b, q, v, y in edges),
    )
    coops.sort(key=lambda c: (c[0], c[1], KINDS[c[2]]))  # as the text sorts
    yield (
        "cooperations",
        len(coops),
        ((eid[a], eid[b], KINDS[k], y, "", KIND_NOTES[k]) for a, b, k, y in coops),
    )
    routes = sorted((q, p) for p in range(n_p) for q in cat.inputs[p])
    yield (
        "product_inputs",
        len(routes),
        ((pid[q], pid[p], f"{CHAINS[cat.p_chain[p]][4]}工序 T{cat.p_tier[p]}") for q, p in routes),
    )
    yield "posts", 0, ()  # generated bundles carry no board (the header only)
