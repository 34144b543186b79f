"""Places, chains and the abstract product catalogue of synthetic bundles (steps 1-3 of
:mod:`loaders.generate`): regions, products in tiers, the route DAG, gaps and single sources.

>>> cat = make_catalogue(random.Random(1), product_count(50))
>>> cat.n_products, cat.tiers, [cat.stage(t) for t in range(cat.tiers)]
(60, 4, [0, 1, 1, 2])
>>> all(cat.p_tier[q] < cat.p_tier[p] for p in range(60) for q in cat.inputs[p])  # a DAG
True
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import accumulate

from chainatlas.graph.model import Stage
from chainatlas.graph.vocab import DISTRICTS
from chainatlas.loaders.codes import cas_check_digit

CHAINS = [  # id, name, name_en, short name used in product names, route verb
    ("polymer", "高分子材料", "Polymer materials", "高分子", "聚合"),
    ("fluorine", "氟材料", "Fluorine materials", "氟", "氟化"),
    (
        "electronic",
        "电子化学品与半导体材料",
        "Electronic chemicals and semiconductor materials",
        "电子",
        "提纯",
    ),
    ("dye_textile", "染料与纺织新材料", "Dyes and new textile materials", "染纺", "合成"),
]
CHAIN_WEIGHTS = (0.3, 0.2, 0.25, 0.25)
CHAIN_EN = {"高分子": "Polymer", "氟": "Fluorine", "电子": "Electronic", "染纺": "Dye-textile"}
#: (chain, stage) → a plausible 4-digit HS heading
HS = {
    ("polymer", 0): "2902",
    ("polymer", 1): "2917",
    ("polymer", 2): "3907",
    ("fluorine", 0): "2811",
    ("fluorine", 1): "2903",
    ("fluorine", 2): "3904",
    ("electronic", 0): "2804",
    ("electronic", 1): "3824",
    ("electronic", 2): "3818",
    ("dye_textile", 0): "2921",
    ("dye_textile", 1): "2927",
    ("dye_textile", 2): "3204",
}
#: stage labels by index: 0 上游, 1 中游, 2 下游
STAGES = tuple(Stage)

Region = tuple[str, str, str, str, str, str, str, int]
_SHANGYU, _NINGBO, _KEQIAO = DISTRICTS
# id, name, name_en, city, admin division, park, leaning chain, tier bias (+1 down, -1 up)
CORE: list[Region] = [
    (*_SHANGYU, "绍兴", "330604", "杭州湾上虞经济技术开发区", "", 0),
    (*_NINGBO, "宁波", "330211", "宁波石化经济技术开发区", "polymer", -1),
    (*_KEQIAO, "绍兴", "330603", "柯桥经济技术开发区", "dye_textile", 1),
]
EXTRA: list[Region] = [
    ("xiaoshan", "萧山", "Xiaoshan", "杭州", "330109", "萧山经济技术开发区", "dye_textile", 1),
    ("pinghu", "平湖", "Pinghu", "嘉兴", "330482", "嘉兴港区", "polymer", -1),
    ("changxing", "长兴", "Changxing", "湖州", "330522", "长兴经济技术开发区", "electronic", 0),
    ("jiaojiang", "椒江", "Jiaojiang", "台州", "331002", "台州湾经济技术开发区", "dye_textile", 0),
    ("quzhou", "衢州", "Quzhou", "衢州", "330802", "衢州高新技术产业开发区", "fluorine", 0),
    ("qiantang", "钱塘", "Qiantang", "杭州", "330114", "杭州钱塘新区", "electronic", 1),
    ("zhoushan", "舟山", "Zhoushan", "舟山", "330902", "舟山绿色石化基地", "polymer", -1),
    ("tongxiang", "桐乡", "Tongxiang", "嘉兴", "330483", "桐乡经济开发区", "dye_textile", 1),
    ("linhai", "临海", "Linhai", "台州", "331082", "临海头门港新区", "fluorine", 0),
    ("deqing", "德清", "Deqing", "湖州", "330521", "德清经济开发区", "electronic", 0),
    ("haining", "海宁", "Haining", "嘉兴", "330481", "海宁经济开发区", "dye_textile", 1),
    ("jiande", "建德", "Jiande", "杭州", "330182", "建德高新技术产业园", "polymer", 0),
    ("longwan", "龙湾", "Longwan", "温州", "330303", "温州经济技术开发区", "polymer", 1),
    ("lanxi", "兰溪", "Lanxi", "金华", "330781", "兰溪经济开发区", "fluorine", 0),
    ("zhuji", "诸暨", "Zhuji", "绍兴", "330681", "诸暨经济开发区", "dye_textile", 1),
    ("yuecheng", "越城", "Yuecheng", "绍兴", "330602", "袍江经济技术开发区", "dye_textile", 0),
    ("shengzhou", "嵊州", "Shengzhou", "绍兴", "330683", "嵊州经济开发区", "electronic", 0),
    ("xinchang", "新昌", "Xinchang", "绍兴", "330624", "新昌高新技术产业园区", "fluorine", 0),
]


def regions_for(enterprises: int) -> list[Region]:
    """The core trio, plus one further district per 1,000 firms (up to 18 more)."""
    return CORE + EXTRA[: min(len(EXTRA), enterprises // 1000)]


def product_count(enterprises: int) -> int:
    """How many products a bundle of ``enterprises`` firms carries: ``max(60, round(8·√N))``."""
    return max(60, round(8 * math.sqrt(enterprises)))


def pick(rng: random.Random, items: Sequence[int], cum: Sequence[float]) -> int:
    return rng.choices(items, cum_weights=cum)[0]


@dataclass
class Catalogue:
    """Products by integer index: tier, chain, popularity, inputs, and the gap/single flags."""

    n_products: int
    tiers: int
    p_tier: list[int] = field(default_factory=list)
    p_chain: list[int] = field(default_factory=list)
    popularity: list[float] = field(default_factory=list)
    #: (tier, chain) -> products of that bucket
    bucket: dict[tuple[int, int], list[int]] = field(default_factory=dict)
    inputs: list[list[int]] = field(default_factory=list)
    gap: list[bool] = field(default_factory=list)
    single: list[bool] = field(default_factory=list)
    cas: list[str] = field(default_factory=list)

    def stage(self, tier: int) -> int:
        """Raw materials are upstream, finished goods downstream, every tier between midstream."""
        return 0 if tier == 0 else 2 if tier == self.tiers - 1 else 1


def make_catalogue(rng: random.Random, n_products: int) -> Catalogue:
    """Products over the 4 chains and T tiers (4, 5 or 6 as they grow), each of tier t > 0
    taking one input from tier t-1 and 0-3 more from lower tiers (80 % from its own chain),
    drawn by a Pareto popularity; then the gaps and single sources, then CAS numbers."""
    t_count = 4 if n_products < 400 else 5 if n_products < 1500 else 6
    cat = Catalogue(n_products, t_count)
    slots = [(t, c) for t in range(t_count) for c in range(len(CHAINS))]  # every bucket once
    tier_w = [0.6] + [1.0] * (t_count - 1)
    while len(slots) < n_products:
        slots.append(
            (
                rng.choices(range(t_count), tier_w)[0],
                rng.choices(range(len(CHAINS)), CHAIN_WEIGHTS)[0],
            )
        )
    slots.sort(key=lambda s: (s[0], rng.random()))  # ids follow the tiers
    cat.p_tier = [t for t, _ in slots]
    cat.p_chain = [c for _, c in slots]
    cat.popularity = [rng.paretovariate(1.2) for _ in slots]
    for p, s in enumerate(slots):
        cat.bucket.setdefault(s, []).append(p)
    by_tier: dict[int, list[int]] = {}
    for p, t in enumerate(cat.p_tier):
        by_tier.setdefault(t, []).append(p)
    cums = {k: list(accumulate(cat.popularity[p] for p in v)) for k, v in cat.bucket.items()}
    tier_cums = {t: list(accumulate(cat.popularity[p] for p in v)) for t, v in by_tier.items()}

    def draw(tier: int, chain: int) -> int:
        if rng.random() < 0.8:
            return pick(rng, cat.bucket[tier, chain], cums[tier, chain])
        return pick(rng, by_tier[tier], tier_cums[tier])

    for p in range(n_products):
        t, c = cat.p_tier[p], cat.p_chain[p]
        ins: list[int] = []
        if t > 0:
            ins.append(draw(t - 1, c))
            for _ in range(rng.choices((0, 1, 2, 3), (35, 35, 20, 10))[0]):
                q = draw(rng.randrange(t), c)
                if q not in ins:
                    ins.append(q)
        cat.inputs.append(ins)
    _gaps_and_singles(rng, cat)
    return cat


def _gaps_and_singles(rng: random.Random, cat: Catalogue) -> None:
    """About 3 % of the input products are gaps (needed, produced by nobody) and 5 % single
    source; every bucket keeps a product somebody can make."""
    used = sorted({q for ins in cat.inputs for q in ins})
    free = {k: len(v) for k, v in cat.bucket.items()}  # producible products per bucket
    cat.gap = [False] * cat.n_products
    cat.single = [False] * cat.n_products
    everything = list(range(cat.n_products))
    for flags, pool, share in ((cat.gap, used, 0.03), (cat.single, everything, 0.05)):
        want = max(1, round(share * len(pool)))
        for p in rng.sample(pool, len(pool)):
            key = (cat.p_tier[p], cat.p_chain[p])
            if want and free[key] > 1 and not cat.gap[p] and not cat.single[p]:
                flags[p], want, free[key] = True, want - 1, free[key] - 1
    taken: set[str] = set()
    for p in range(cat.n_products):
        final = cat.p_tier[p] == cat.tiers - 1 and cat.p_chain[p] in (2, 3)
        cas = ""
        if rng.random() < (0.5 if final else 0.9):  # fabrics and wafers carry no CAS number
            while not cas or cas in taken:
                digits = rng.choices((3, 4, 5, 6, 7), (5, 15, 20, 25, 35))[0]
                head = rng.randrange(10 ** (digits - 1), 10**digits)
                body = f"{head}-{rng.randrange(100):02d}"
                cas = f"{body}-{cas_check_digit(body)}"
            taken.add(cas)
        cat.cas.append(cas)


def product_rows(cat: Catalogue, pid: Sequence[str]) -> list[tuple[str, ...]]:
    """Bundle rows of the products: ``高分子中间体-0042``, its English name, CAS, HS heading."""
    rows: list[tuple[str, ...]] = []
    for p in range(cat.n_products):
        t, c = cat.p_tier[p], cat.p_chain[p]
        kind, kind_en = (
            ("原料", "raw material")
            if t == 0
            else ("产品", "product")
            if t == cat.tiers - 1
            else ("中间体", "intermediate")
        )
        short, num, stage, chain = CHAINS[c][3], pid[p][1:], cat.stage(t), CHAINS[c][0]
        rows.append(
            (
                pid[p],
                f"{short}{kind}-{num}",
                f"{CHAIN_EN[short]} {kind_en} {num}",
                cat.cas[p],
                HS[chain, stage],
                "t",
                "",
                chain,
                STAGES[stage],
            )
        )
    return rows
