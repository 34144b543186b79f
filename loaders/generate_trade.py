"""Trade between the firms of synthetic bundles (steps 5-6 of :mod:`loaders.generate`):
supply edges from a Pólya urn per product, regional first, and cooperations.

A supply edge is one int, ``(supplier, buyer, product) << 40 | volume << 12 | year``: a million
edges fit in ~40 MB instead of ~200 MB of tuples, and sort by their key.

>>> unpack_supply(pack_supply(2, 1, 3, 500, 2019, n=4, n_products=5), n=4, n_products=5)
(2, 1, 3, 500, 2019)
"""

from __future__ import annotations

import math
import random

from chainatlas.loaders.generate_catalogue import Catalogue
from chainatlas.loaders.generate_firms import SCALES, Firms

URN_BALLS = {"大型": 6, "中型": 3, "小型": 1, "微型": 1}
VOL_MASK = (1 << 28) - 1
Need = tuple[int, int, int]  # buyer, product, demand


def pack_supply(s: int, b: int, q: int, volume: int, since: int, *, n: int, n_products: int) -> int:
    return ((s * n + b) * n_products + q) << 40 | volume << 12 | since


def unpack_supply(packed: int, *, n: int, n_products: int) -> tuple[int, int, int, int, int]:
    """(supplier, buyer, product, volume, since) of a packed supply edge."""
    sb, q = divmod(packed >> 40, n_products)
    s, b = divmod(sb, n)
    return s, b, q, packed >> 12 & VOL_MASK, packed & 0xFFF


def year_after(rng: random.Random, founded: int) -> int:
    """A year in ``founded+1 .. 2024`` (founding years stop at 2022)."""
    return founded + 1 + int(rng.random() * (2024 - founded))


def make_supplies(rng: random.Random, cat: Catalogue, firms: Firms) -> list[int]:
    """For every need (buyers in random order) k suppliers, k drawn so edges ≈ 10·N, from a
    Pólya urn per product (initial weight by scale, one more ball per edge won); 65 % from the
    buyer's own region, 25 % from a partner region; 6 % of needs stay unsourced. Capacities
    are then raised to cover what each firm supplies. Returns the packed edges."""
    n, n_p, n_r = firms.n, cat.n_products, len(firms.regions)
    producers: list[list[int]] = [[] for _ in range(n_p)]
    urn: list[list[int]] = [[] for _ in range(n_p)]
    local: dict[int, list[int]] = {}
    for e, made in enumerate(firms.produces):
        balls = [e] * URN_BALLS[SCALES[firms.scale[e]]]
        for p, _ in made:
            producers[p].append(e)
            urn[p].extend(balls)
            local.setdefault(p * n_r + firms.region[e], []).extend(balls)
    city = [reg[3] for reg in firms.regions]
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
    open_needs: list[Need] = [  # a few needs stay unsourced
        (b, q, d)
        for b in range(n)
        for q, d in firms.needs[b]
        if producers[q] and rng.random() > 0.06
    ]
    rng.shuffle(open_needs)
    chosen: list[list[int]] = [[] for _ in open_needs]
    target = 10 * n
    mean = max(1.0, target / max(1, len(open_needs)) - 0.5)

    def add(i: int) -> bool:
        b, q, _ = open_needs[i]
        got = chosen[i]
        if len(got) >= len(producers[q]):
            return False
        r = firms.region[b]
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
        local[q * n_r + firms.region[s]].append(s)
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
    return _volumes(rng, firms, open_needs, chosen, n_p)


def _volumes(
    rng: random.Random, firms: Firms, open_needs: list[Need], chosen: list[list[int]], n_p: int
) -> list[int]:
    """Each need shared among its suppliers; capacity then covers what a firm supplies, +20 %."""
    supplies: list[int] = []
    supplied: dict[int, int] = {}
    for (b, q, d), got in zip(open_needs, chosen, strict=True):
        shares = [rng.random() + 0.2 for _ in got]
        whole = sum(shares)
        for s, w in zip(got, shares, strict=True):
            vol = min(VOL_MASK, max(1, round(d * w / whole)))
            since = year_after(rng, max(firms.founded[s], firms.founded[b]))
            supplies.append(pack_supply(s, b, q, vol, since, n=firms.n, n_products=n_p))
            supplied[s * n_p + q] = supplied.get(s * n_p + q, 0) + vol
    for e, made in enumerate(firms.produces):
        firms.produces[e] = [
            (p, max(cap, math.ceil(supplied.get(e * n_p + p, 0) * 0.12) * 10)) for p, cap in made
        ]
    return supplies


def make_cooperations(
    rng: random.Random, firms: Firms, supplies: list[int], n_products: int
) -> list[tuple[int, int, int, int]]:
    """≈ 0.6 per firm, all five kinds (indices of graph.model.CoopKind), mostly within a
    region, a third on supply edges: (a, b, kind, since)."""
    n = firms.n
    members: dict[int, list[int]] = {}
    for e, r in enumerate(firms.region):
        members.setdefault(r, []).append(e)
    seen: set[tuple[int, int, int]] = set()
    coops: list[tuple[int, int, int, int]] = []
    want = round(0.6 * n) if n > 1 else 0
    for _ in range(want * 3):
        if len(coops) >= want:
            break
        u = rng.random()
        if u < 0.33 and supplies:
            a, b = unpack_supply(rng.choice(supplies), n=n, n_products=n_products)[:2]
            kind = rng.choices(range(5), (15, 35, 5, 10, 35))[0]
        else:
            a = rng.randrange(n)
            pool = members[firms.region[a]] if u < 0.8 else members[rng.choice(list(members))]
            b = rng.choice(pool)
            kind = rng.choices(range(5), (30, 25, 15, 15, 15))[0]
        key = (min(a, b), max(a, b), kind)
        if a != b and key not in seen:
            seen.add(key)
            since = year_after(rng, max(firms.founded[a], firms.founded[b]))
            coops.append((a, b, kind, since))
    return coops
