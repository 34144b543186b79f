"""Fictional firms of synthetic bundles (step 4 of :mod:`loaders.generate`): where each is,
what it makes and needs, and its registered name, brand and credit code.

>>> org_code_check_char("MA2B0C0D"), org_code_check_char("05123456")
('X', '0')
>>> brand(0, 2), brand(1, 2)
('瑞泰', '泰瑞')
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from chainatlas.graph.vocab import JOINT_STOCK, LIMITED
from chainatlas.loaders.codes import CREDIT_ALPHABET, credit_code_check_char
from chainatlas.loaders.generate_catalogue import CHAIN_WEIGHTS, CHAINS, STAGES, Catalogue, Region
from chainatlas.loaders.generate_places import firm_place

#: chain → (industry word of the registered name, its form in the short name)
INDUSTRY = {
    "polymer": (("新材料", "新材"), ("高分子材料", "高分子"), ("塑业", "塑业")),
    "fluorine": (("氟化工", "氟化"), ("氟材料", "氟材")),
    "electronic": (("电子材料", "电子"), ("半导体材料", "半导体"), ("微电子", "微电")),
    "dye_textile": (("染料化工", "染化"), ("纺织", "纺织"), ("印染", "印染")),
}
#: Brand characters: distinct toneless pinyin, each starting with a consonant (so a brand's pinyin
#: splits one way only), none in a region, city or company-type word.
BRAND_CHARS = "瑞泰恒达隆丰鑫禾凯茂福润鹏博康贝豪卓锦鼎辉聚力荣威远腾骏美诺朗旭耀雅米沃佳普特森明翔"
SCALES = ("大型", "中型", "小型", "微型")
BASE_CAPACITY = {"大型": 30000, "中型": 8000, "小型": 2000, "微型": 500}
TAGS = ("专精特新", "高新技术企业", "规上企业", "省级企业技术中心", "单项冠军")


@dataclass
class Firms:
    """Firms by integer index (what they make and need by product index)."""

    n: int
    regions: list[Region]
    region: list[int] = field(default_factory=list)
    chain: list[int] = field(default_factory=list)
    tier: list[int] = field(default_factory=list)
    scale: list[int] = field(default_factory=list)
    founded: list[int] = field(default_factory=list)
    produces: list[list[tuple[int, int]]] = field(default_factory=list)  # (product, capacity)
    needs: list[list[tuple[int, int]]] = field(default_factory=list)  # (product, demand)


def make_firms(rng: random.Random, n: int, regions: list[Region], cat: Catalogue) -> Firms:
    """Region by weight, chain by the region's leaning, tier by the product counts; each firm
    produces 1-3 products of one (chain, tier) bucket and needs the union of their inputs."""
    firms = Firms(n, regions)
    r_w = [4.0, 2.0, 2.0] + [1.0] * (len(regions) - 3)
    firms.region = rng.choices(range(len(regions)), r_w, k=n)
    taken_single: set[int] = set()
    cache: dict[tuple[int, int], tuple[list[int], list[float]]] = {}
    leaning = [  # chain weights per region
        [w + (1.0 if reg[6] == CHAINS[i][0] else 0.0) for i, w in enumerate(CHAIN_WEIGHTS)]
        for reg in regions
    ]
    for e in range(n):
        bias = regions[firms.region[e]][7]
        c = rng.choices(range(len(CHAINS)), leaning[firms.region[e]])[0]
        tw = [
            len(cat.bucket[t, c]) * (1 + 0.6 * bias * (2 * t / (cat.tiers - 1) - 1))
            for t in range(cat.tiers)
        ]
        t = rng.choices(range(cat.tiers), tw)[0]
        scale = rng.choices(range(4), (15, 30, 40, 15) if t == 0 else (5, 20, 50, 25))[0]
        if (t, c) not in cache:  # producible products of the bucket, by popularity
            cands = [p for p in cat.bucket[t, c] if not cat.gap[p] and p not in taken_single]
            cache[t, c] = cands, list(accumulate(cat.popularity[p] for p in cands))
        made: list[int] = []
        for p in rng.choices(*cache[t, c], k=rng.choice((1, 1, 2, 2, 3))):
            if p not in made and p not in taken_single:
                made.append(p)
                if cat.single[p]:
                    taken_single.add(p)
                    cache.pop((t, c), None)
        base = BASE_CAPACITY[SCALES[scale]]
        prod = [(p, round(base * rng.uniform(0.3, 1.0), -1)) for p in sorted(made)]
        demand: dict[int, float] = {}
        for p, cap in prod:
            for q in cat.inputs[p]:
                demand[q] = demand.get(q, 0.0) + cap * rng.uniform(0.2, 1.1)
        firms.chain.append(c)
        firms.tier.append(t)
        firms.scale.append(scale)
        firms.founded.append(min(2022, 1985 + int(rng.triangular(0, 38, 30))))
        firms.produces.append([(p, int(cap)) for p, cap in prod])
        firms.needs.append([(q, max(10, int(round(d, -1)))) for q, d in sorted(demand.items())])
    return firms


def enterprise_rows(
    rng: random.Random, firms: Firms, cat: Catalogue, eid: Sequence[str]
) -> list[tuple[str | int, ...]]:
    """Bundle rows of the firms: a brand per firm, registered name, credit code, park, tags."""
    n = firms.n
    # One brand length per bundle (2 characters up to ~430 firms, 3 up to ~17,000, then 4),
    # so no brand is a prefix of another; a space 4x the firms keeps brands varied.
    k, length = len(BRAND_CHARS), 2
    while k * (k - 1) ** (length - 1) < 4 * n:
        length += 1
    space = k * (k - 1) ** (length - 1)
    taken: set[str] = set()
    rows: list[tuple[str | int, ...]] = []
    for e, idx in enumerate(rng.sample(range(space), n)):
        name = brand(idx, length)
        region = firms.regions[firms.region[e]]
        _, rname, _, _, division, park, _, _ = region
        chain = CHAINS[firms.chain[e]][0]
        scale = SCALES[firms.scale[e]]
        industry, short = rng.choice(INDUSTRY[chain])
        big = scale == "大型"
        listed = big and rng.random() < 0.3
        prefix = "浙江" if big and rng.random() < 0.6 else rname
        form = JOINT_STOCK if listed or (big and rng.random() < 0.5) else LIMITED
        tags = rng.sample(TAGS, rng.choices((0, 1, 2), (50, 35, 15))[0])
        founded = firms.founded[e]
        rows.append(
            (
                eid[e],
                f"{prefix}{name}{industry}{form}",
                f"{name}{short}",
                "",
                credit_code(rng, division, founded, taken),
                region[0],
                park if (in_park := rng.random() < 0.8) else "",
                *firm_place(eid[e], region, in_park),
                chain,
                STAGES[cat.stage(firms.tier[e])],
                scale,
                "是" if listed else "否",
                founded,
                "",  # closed
                "",  # joined
                "",  # left
                "|".join(sorted(tags)),
                "",
                "",
                "",
            )
        )
    return rows


def brand(idx: int, length: int) -> str:
    """The ``idx``-th brand of ``length`` characters with no character twice in a row."""
    k = len(BRAND_CHARS)
    idx, first = divmod(idx, k)
    out = [BRAND_CHARS[first]]
    for _ in range(length - 1):
        idx, d = divmod(idx, k - 1)
        prev = BRAND_CHARS.index(out[-1])
        out.append(BRAND_CHARS[d if d < prev else d + 1])
    return "".join(out)


def org_code_check_char(body: str) -> str:
    """GB 11714 check character of an 8-character organisation code body (digits and capital
    letters, A = 10 ... Z = 35), as it stands in positions 9-17 of a unified credit code."""
    values = [int(c) if c.isdigit() else ord(c) - 55 for c in body]
    c = 11 - sum(v * w for v, w in zip(values, (3, 7, 9, 10, 5, 8, 4, 2), strict=True)) % 11
    return "X" if c == 10 else "0" if c == 11 else str(c)


def credit_code(rng: random.Random, division: str, founded: int, taken: set[str]) -> str:
    """A fresh unified social credit code: 91 (enterprise), division, organisation code, check."""
    while True:
        if founded >= 2015:  # codes issued since the 2015 reform start with MA
            body = "MA" + "".join(rng.choices(CREDIT_ALPHABET, k=6))
        else:
            body = rng.choice("1234567") + "".join(rng.choices("0123456789", k=7))
        first17 = f"91{division}{body}{org_code_check_char(body)}"
        code = first17 + credit_code_check_char(first17)
        if code not in taken:
            taken.add(code)
            return code
