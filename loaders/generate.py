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
import math
import random
from collections.abc import Iterable, Iterator, Sequence
from itertools import accumulate
from pathlib import Path

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Table
from chainatlas.loaders.codes import CREDIT_ALPHABET, cas_check_digit, credit_code_check_char
from chainatlas.loaders.generate_firms import org_code_check_char
from chainatlas.loaders.schema import SPECS

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
#: chain → (industry word of the registered name, its form in the short name)
INDUSTRY = {
    "polymer": (("新材料", "新材"), ("高分子材料", "高分子"), ("塑业", "塑业")),
    "fluorine": (("氟化工", "氟化"), ("氟材料", "氟材")),
    "electronic": (("电子材料", "电子"), ("半导体材料", "半导体"), ("微电子", "微电")),
    "dye_textile": (("染料化工", "染化"), ("纺织", "纺织"), ("印染", "印染")),
}
STAGES = ("上游", "中游", "下游")

# id, name, name_en, city, admin division, park, leaning chain, tier bias (+1 down, -1 up)
CORE = [
    ("shangyu", "上虞", "Shangyu", "绍兴", "330604", "杭州湾上虞经济技术开发区", "", 0),
    ("ningbo", "宁波", "Ningbo", "宁波", "330211", "宁波石化经济技术开发区", "polymer", -1),
    ("keqiao", "柯桥", "Keqiao", "绍兴", "330603", "柯桥经济技术开发区", "dye_textile", 1),
]
EXTRA = [
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
#: Brand characters: distinct toneless pinyin, each starting with a consonant (so a brand's pinyin
#: splits one way only), none in a region, city or company-type word.
BRAND_CHARS = "瑞泰恒达隆丰鑫禾凯茂福润鹏博康贝豪卓锦鼎辉聚力荣威远腾骏美诺朗旭耀雅米沃佳普特森明翔"
SCALES = ("大型", "中型", "小型", "微型")
BASE_CAPACITY = {"大型": 30000, "中型": 8000, "小型": 2000, "微型": 500}
URN_BALLS = {"大型": 6, "中型": 3, "小型": 1, "微型": 1}
TAGS = ("专精特新", "高新技术企业", "规上企业", "省级企业技术中心", "单项冠军")
KINDS = ("信息", "技术", "人才", "资金", "产品")
KIND_NOTES = ("供需信息共享", "联合研发", "人才联合培养", "供应链金融", "产品互供")
SOURCE = "ChainAtlas合成数据"
#: the bundle's columns, in the order docs/bundle.md and the validator (loaders/schema.py) give
HEADERS = {t.value: tuple(c.name for c in SPECS[t]) for t in Table}
Row = tuple[str | int, ...]
_VOL_MASK = (1 << 28) - 1


def product_count(enterprises: int) -> int:
    """How many products a bundle of ``enterprises`` firms carries: ``max(60, round(8·√N))``."""
    return max(60, round(8 * math.sqrt(enterprises)))


def generate_bundle(out: Path, *, enterprises: int, seed: int) -> dict[str, int]:
    """Write a valid synthetic bundle of ``enterprises`` firms to the folder ``out``.

    Returns the number of data rows written per table. The same arguments give byte-identical
    files; see the module docstring for the structure.
    """
    if enterprises < 1:
        raise InvalidOption("enterprises", "enterprises must be at least 1")
    gen = _Generator(enterprises, random.Random(seed))
    out.mkdir(parents=True, exist_ok=True)
    counts: dict[str, int] = {}
    for table, count, rows in gen.tables():
        with (out / f"{table}.csv").open("w", encoding="utf-8", newline="") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(HEADERS[table])
            writer.writerows(rows)
        counts[table] = count
    return counts


def _year_after(rng: random.Random, founded: int) -> int:
    """A year in ``founded+1 .. 2024`` (founding years stop at 2022)."""
    return founded + 1 + int(rng.random() * (2024 - founded))


def _pick(rng: random.Random, items: Sequence[int], cum: Sequence[float]) -> int:
    return rng.choices(items, cum_weights=cum)[0]


class _Generator:
    """One generation run; integer indices throughout, formatted to ids only when written."""

    def __init__(self, n: int, rng: random.Random) -> None:
        self.n, self.rng = n, rng
        self.regions = CORE + EXTRA[: min(len(EXTRA), n // 1000)]
        self.n_products = product_count(n)
        self.tiers = 4 if self.n_products < 400 else 5 if self.n_products < 1500 else 6
        self._products()
        self._enterprises()
        self._supplies()
        self._cooperations()

    # -- products and routes -------------------------------------------------------------------
    def _stage(self, tier: int) -> int:
        """Raw materials are upstream, finished goods downstream, every tier between midstream."""
        return 0 if tier == 0 else 2 if tier == self.tiers - 1 else 1

    def _products(self) -> None:
        rng, t_count = self.rng, self.tiers
        slots = [(t, c) for t in range(t_count) for c in range(len(CHAINS))]  # every bucket once
        tier_w = [0.6] + [1.0] * (t_count - 1)
        while len(slots) < self.n_products:
            slots.append(
                (
                    rng.choices(range(t_count), tier_w)[0],
                    rng.choices(range(len(CHAINS)), CHAIN_WEIGHTS)[0],
                )
            )
        slots.sort(key=lambda s: (s[0], rng.random()))  # ids follow the tiers
        self.p_tier = [t for t, _ in slots]
        self.p_chain = [c for _, c in slots]
        self.popularity = [rng.paretovariate(1.2) for _ in slots]
        self.bucket: dict[tuple[int, int], list[int]] = {}
        for p, s in enumerate(slots):
            self.bucket.setdefault(s, []).append(p)
        by_tier: dict[int, list[int]] = {}
        for p, t in enumerate(self.p_tier):
            by_tier.setdefault(t, []).append(p)
        cums = {k: list(accumulate(self.popularity[p] for p in v)) for k, v in self.bucket.items()}
        tier_cums = {t: list(accumulate(self.popularity[p] for p in v)) for t, v in by_tier.items()}

        def draw(tier: int, chain: int) -> int:
            if rng.random() < 0.8:
                return _pick(rng, self.bucket[tier, chain], cums[tier, chain])
            return _pick(rng, by_tier[tier], tier_cums[tier])

        self.inputs: list[list[int]] = []
        for p in range(self.n_products):
            t, c = self.p_tier[p], self.p_chain[p]
            ins: list[int] = []
            if t > 0:
                ins.append(draw(t - 1, c))
                for _ in range(rng.choices((0, 1, 2, 3), (35, 35, 20, 10))[0]):
                    q = draw(rng.randrange(t), c)
                    if q not in ins:
                        ins.append(q)
            self.inputs.append(ins)
        self._gaps_and_singles()

    def _gaps_and_singles(self) -> None:
        rng = self.rng
        used = sorted({q for ins in self.inputs for q in ins})
        free = {k: len(v) for k, v in self.bucket.items()}  # producible products per bucket
        self.gap = [False] * self.n_products
        self.single = [False] * self.n_products
        everything = list(range(self.n_products))
        for flags, pool, share in ((self.gap, used, 0.03), (self.single, everything, 0.05)):
            want = max(1, round(share * len(pool)))
            for p in rng.sample(pool, len(pool)):
                key = (self.p_tier[p], self.p_chain[p])
                if want and free[key] > 1 and not self.gap[p] and not self.single[p]:
                    flags[p], want, free[key] = True, want - 1, free[key] - 1
        self.cas: list[str] = []
        taken: set[str] = set()
        for p in range(self.n_products):
            final = self.p_tier[p] == self.tiers - 1 and self.p_chain[p] in (2, 3)
            cas = ""
            if rng.random() < (0.5 if final else 0.9):  # fabrics and wafers carry no CAS number
                while not cas or cas in taken:
                    digits = rng.choices((3, 4, 5, 6, 7), (5, 15, 20, 25, 35))[0]
                    head = rng.randrange(10 ** (digits - 1), 10**digits)
                    body = f"{head}-{rng.randrange(100):02d}"
                    cas = f"{body}-{cas_check_digit(body)}"
                taken.add(cas)
            self.cas.append(cas)

    # -- enterprises, produces, needs ----------------------------------------------------------
    def _enterprises(self) -> None:
        rng, n = self.rng, self.n
        r_w = [4.0, 2.0, 2.0] + [1.0] * (len(self.regions) - 3)
        self.e_region = rng.choices(range(len(self.regions)), r_w, k=n)
        self.e_chain: list[int] = []
        self.e_tier: list[int] = []
        self.e_scale: list[int] = []
        self.e_founded: list[int] = []
        self.produces: list[list[tuple[int, int]]] = []  # (product, base capacity)
        self.needs: list[list[tuple[int, int]]] = []  # (product, demand)
        taken_single: set[int] = set()
        cache: dict[tuple[int, int], tuple[list[int], list[float]]] = {}
        leaning = [  # chain weights per region
            [w + (1.0 if reg[6] == CHAINS[i][0] else 0.0) for i, w in enumerate(CHAIN_WEIGHTS)]
            for reg in self.regions
        ]
        for e in range(n):
            bias = self.regions[self.e_region[e]][7]
            c = rng.choices(range(len(CHAINS)), leaning[self.e_region[e]])[0]
            tw = [
                len(self.bucket[t, c]) * (1 + 0.6 * bias * (2 * t / (self.tiers - 1) - 1))
                for t in range(self.tiers)
            ]
            t = rng.choices(range(self.tiers), tw)[0]
            scale = rng.choices(range(4), (15, 30, 40, 15) if t == 0 else (5, 20, 50, 25))[0]
            if (t, c) not in cache:  # producible products of the bucket, by popularity
                cands = [p for p in self.bucket[t, c] if not self.gap[p] and p not in taken_single]
                cache[t, c] = cands, list(accumulate(self.popularity[p] for p in cands))
            made: list[int] = []
            for p in rng.choices(*cache[t, c], k=rng.choice((1, 1, 2, 2, 3))):
                if p not in made and p not in taken_single:
                    made.append(p)
                    if self.single[p]:
                        taken_single.add(p)
                        cache.pop((t, c), None)
            base = BASE_CAPACITY[SCALES[scale]]
            prod = [(p, round(base * rng.uniform(0.3, 1.0), -1)) for p in sorted(made)]
            demand: dict[int, float] = {}
            for p, cap in prod:
                for q in self.inputs[p]:
                    demand[q] = demand.get(q, 0.0) + cap * rng.uniform(0.2, 1.1)
            self.e_chain.append(c)
            self.e_tier.append(t)
            self.e_scale.append(scale)
            self.e_founded.append(min(2022, 1985 + int(rng.triangular(0, 38, 30))))
            self.produces.append([(p, int(cap)) for p, cap in prod])
            self.needs.append([(q, max(10, int(round(d, -1)))) for q, d in sorted(demand.items())])

    # -- supplies: Pólya urns per product, regional first --------------------------------------
    def _supplies(self) -> None:
        rng, n_r = self.rng, len(self.regions)
        producers: list[list[int]] = [[] for _ in range(self.n_products)]
        urn: list[list[int]] = [[] for _ in range(self.n_products)]
        local: dict[int, list[int]] = {}
        for e, made in enumerate(self.produces):
            balls = [e] * URN_BALLS[SCALES[self.e_scale[e]]]
            for p, _ in made:
                producers[p].append(e)
                urn[p].extend(balls)
                local.setdefault(p * n_r + self.e_region[e], []).extend(balls)
        city = [reg[3] for reg in self.regions]
        # partners: the core trio trade with each other; a further district with the core and
        # the other districts of its city
        partners = [
            [1, 2]
            if r == 0
            else [0, 3 - r]
            if r < 3
            else [0] + [s for s in range(3, n_r) if s != r and city[s] == city[r]]
            for r in range(n_r)
        ]
        open_needs = [  # a few needs stay unsourced
            (b, q, d)
            for b in range(self.n)
            for q, d in self.needs[b]
            if producers[q] and rng.random() > 0.06
        ]
        rng.shuffle(open_needs)
        chosen: list[list[int]] = [[] for _ in open_needs]
        target = 10 * self.n
        mean = max(1.0, target / max(1, len(open_needs)) - 0.5)

        def add(i: int) -> bool:
            b, q, _ = open_needs[i]
            got = chosen[i]
            if len(got) >= len(producers[q]):
                return False
            r = self.e_region[b]
            for _ in range(6):
                u = rng.random()
                pool = (
                    local.get(q * n_r + r)
                    if u < 0.65
                    else local.get(q * n_r + rng.choice(partners[r]))
                    if u < 0.9
                    else None
                ) or urn[q]
                s = pool[int(rng.random() * len(pool))]
                if s not in got:
                    break
            else:
                s = rng.choice([e for e in producers[q] if e not in got])
            got.append(s)
            urn[q].append(s)
            local[q * n_r + self.e_region[s]].append(s)
            return True

        total = 0
        for i in range(len(open_needs)):
            for _ in range(1 + int(rng.expovariate(1 / mean))):
                if not add(i):
                    break
                total += 1
        for _ in range(5):  # top up where the first draw fell short (small bundles)
            if total >= target:
                break
            for i in rng.sample(range(len(open_needs)), len(open_needs)):
                if total >= target:
                    break
                total += add(i)
        # One int per edge, (supplier, buyer, product) << 40 | volume << 12 | year: a million
        # edges fit in ~40 MB instead of ~200 MB of tuples, and sort by their key.
        self.supplies: list[int] = []
        n, n_p = self.n, self.n_products
        supplied: dict[int, int] = {}
        for (b, q, d), got in zip(open_needs, chosen, strict=True):
            shares = [rng.random() + 0.2 for _ in got]
            whole = sum(shares)
            for s, w in zip(got, shares, strict=True):
                vol = min(_VOL_MASK, max(1, round(d * w / whole)))
                since = _year_after(rng, max(self.e_founded[s], self.e_founded[b]))
                self.supplies.append(((s * n + b) * n_p + q) << 40 | vol << 12 | since)
                supplied[s * n_p + q] = supplied.get(s * n_p + q, 0) + vol
        for e, made in enumerate(self.produces):  # capacity covers what it supplies, +20 %
            self.produces[e] = [
                (p, max(cap, math.ceil(supplied.get(e * n_p + p, 0) * 0.12) * 10))
                for p, cap in made
            ]

    # -- cooperations ---------------------------------------------------------------------------
    def _cooperations(self) -> None:
        rng, n = self.rng, self.n
        members: dict[int, list[int]] = {}
        for e, r in enumerate(self.e_region):
            members.setdefault(r, []).append(e)
        seen: set[tuple[int, int, int]] = set()
        self.coops: list[tuple[int, int, int, int]] = []
        want = round(0.6 * n) if n > 1 else 0
        for _ in range(want * 3):
            if len(self.coops) >= want:
                break
            u = rng.random()
            if u < 0.33 and self.supplies:
                a, b = self._supply(rng.choice(self.supplies))[:2]
                kind = rng.choices(range(5), (15, 35, 5, 10, 35))[0]
            else:
                a = rng.randrange(n)
                pool = members[self.e_region[a]] if u < 0.8 else members[rng.choice(list(members))]
                b = rng.choice(pool)
                kind = rng.choices(range(5), (30, 25, 15, 15, 15))[0]
            key = (min(a, b), max(a, b), kind)
            if a != b and key not in seen:
                seen.add(key)
                since = _year_after(rng, max(self.e_founded[a], self.e_founded[b]))
                self.coops.append((a, b, kind, since))

    def _supply(self, packed: int) -> tuple[int, int, int, int, int]:
        """(supplier, buyer, product, volume, since) of a packed supply edge."""
        sb, q = divmod(packed >> 40, self.n_products)
        s, b = divmod(sb, self.n)
        return s, b, q, packed >> 12 & _VOL_MASK, packed & 0xFFF

    # -- rows ------------------------------------------------------------------------------------
    def tables(self) -> Iterator[tuple[str, int, Iterable[Row]]]:
        """(table, row count, rows sorted by key) in bundle order; rows are formatted lazily so
        only one big table is ever held as text. Ids are zero-padded: text order = index order."""
        pw, ew = max(4, len(str(self.n_products))), max(4, len(str(self.n)))
        pid = [f"P{p + 1:0{pw}d}" for p in range(self.n_products)]
        eid = [f"E{e + 1:0{ew}d}" for e in range(self.n)]
        yield "chains", len(CHAINS), [(c[0], c[1], c[2], f"{c[1]}产业链") for c in CHAINS]
        yield (
            "regions",
            len(self.regions),
            [
                (r[0], r[1], r[2], r[3], "浙江", "core" if i == 0 else "partner")
                for i, r in enumerate(self.regions)
            ],
        )
        yield "products", self.n_products, self._product_rows(pid)
        yield "enterprises", self.n, self._enterprise_rows(eid)
        yield (
            "produces",
            sum(map(len, self.produces)),
            ((eid[e], pid[p], cap, "t") for e, made in enumerate(self.produces) for p, cap in made),
        )
        yield (
            "needs",
            sum(map(len, self.needs)),
            ((eid[e], pid[q], d, "t") for e, need in enumerate(self.needs) for q, d in need),
        )
        self.supplies.sort()
        yield (
            "supplies",
            len(self.supplies),
            (
                (eid[s], eid[b], pid[q], v, "t", y, SOURCE)
                for s, b, q, v, y in map(self._supply, self.supplies)
            ),
        )
        self.coops.sort(key=lambda c: (c[0], c[1], KINDS[c[2]]))  # as the text sorts
        yield (
            "cooperations",
            len(self.coops),
            ((eid[a], eid[b], KINDS[k], y, KIND_NOTES[k]) for a, b, k, y in self.coops),
        )
        routes = sorted((q, p) for p in range(self.n_products) for q in self.inputs[p])
        yield (
            "product_inputs",
            len(routes),
            (
                (pid[q], pid[p], f"{CHAINS[self.p_chain[p]][4]}工序 T{self.p_tier[p]}")
                for q, p in routes
            ),
        )

    def _product_rows(self, pid: Sequence[str]) -> list[Row]:
        rows: list[Row] = []
        for p in range(self.n_products):
            t, c = self.p_tier[p], self.p_chain[p]
            kind, kind_en = (
                ("原料", "raw material")
                if t == 0
                else ("产品", "product")
                if t == self.tiers - 1
                else ("中间体", "intermediate")
            )
            short = CHAINS[c][3]
            num = pid[p][1:]
            stage = self._stage(t)
            chain = CHAINS[c][0]
            rows.append(
                (
                    pid[p],
                    f"{short}{kind}-{num}",
                    f"{CHAIN_EN[short]} {kind_en} {num}",
                    self.cas[p],
                    HS[chain, stage],
                    "t",
                    "",
                    chain,
                    STAGES[stage],
                )
            )
        return rows

    def _enterprise_rows(self, eid: Sequence[str]) -> list[Row]:
        rng, n = self.rng, self.n
        # One brand length per bundle (2 characters up to ~430 firms, 3 up to ~17,000, then 4),
        # so no brand is a prefix of another; a space 4x the firms keeps brands varied.
        k, length = len(BRAND_CHARS), 2
        while k * (k - 1) ** (length - 1) < 4 * n:
            length += 1
        space = k * (k - 1) ** (length - 1)
        taken: set[str] = set()
        rows: list[Row] = []
        for e, idx in enumerate(rng.sample(range(space), n)):
            brand = _brand(idx, length)
            _, rname, _, _, division, park, _, _ = self.regions[self.e_region[e]]
            chain = CHAINS[self.e_chain[e]][0]
            scale = SCALES[self.e_scale[e]]
            industry, short = rng.choice(INDUSTRY[chain])
            big = scale == "大型"
            listed = big and rng.random() < 0.3
            prefix = "浙江" if big and rng.random() < 0.6 else rname
            suffix = "股份有限公司" if listed or (big and rng.random() < 0.5) else "有限公司"
            tags = rng.sample(TAGS, rng.choices((0, 1, 2), (50, 35, 15))[0])
            founded = self.e_founded[e]
            rows.append(
                (
                    eid[e],
                    f"{prefix}{brand}{industry}{suffix}",
                    f"{brand}{short}",
                    "",
                    _credit_code(rng, division, founded, taken),
                    self.regions[self.e_region[e]][0],
                    park if rng.random() < 0.8 else "",
                    chain,
                    STAGES[self._stage(self.e_tier[e])],
                    scale,
                    "是" if listed else "否",
                    founded,
                    "|".join(sorted(tags)),
                    "",
                    "",
                    "",
                )
            )
        return rows


def _brand(idx: int, length: int) -> str:
    """The ``idx``-th brand of ``length`` characters with no character twice in a row."""
    k = len(BRAND_CHARS)
    idx, first = divmod(idx, k)
    out = [BRAND_CHARS[first]]
    for _ in range(length - 1):
        idx, d = divmod(idx, k - 1)
        prev = BRAND_CHARS.index(out[-1])
        out.append(BRAND_CHARS[d if d < prev else d + 1])
    return "".join(out)


def _credit_code(rng: random.Random, division: str, founded: int, taken: set[str]) -> str:
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
