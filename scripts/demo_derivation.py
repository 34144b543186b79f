"""The derivation of the demo bundle from the hand-written catalogue: :class:`Demo`.

Used by ``scripts/build_demo.py`` (the command that writes and checks ``data/demo/``); see its
docstring for what is curated and what is derived. A fixed-seed generator and a hash of names
stand in for chance, so the same catalogue always gives the same bundle.
"""

from __future__ import annotations

import csv
import hashlib
import math
import random
import sys
from collections import defaultdict
from itertools import combinations
from operator import itemgetter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from chainatlas.graph.geodesy import point_near  # noqa: E402
from chainatlas.graph.model import CoopKind, Stage  # noqa: E402
from chainatlas.graph.outlines import outline  # noqa: E402
from chainatlas.graph.vocab import JOINT_STOCK, LIMITED  # noqa: E402
from chainatlas.loaders.codes import CREDIT_ALPHABET, credit_code_check_char  # noqa: E402
from chainatlas.loaders.generate_firms import org_code_check_char  # noqa: E402

SOURCE_YEAR = 2024
COUNT_UNITS = {"片", "台", "套"}  # volumes of these are whole numbers
STAGE_RANK = {s.value: i for i, s in enumerate(Stage)}
Rows = list[dict[str, Any]]
Pair = tuple[str, str]
CONTACT = (("surname", "sn"), ("title", "tt"))  # a contact person: 王经理, 陈女士


def h(*parts: object) -> float:
    """A stable pseudo-random number in [0, 1) for the given parts (no global state)."""
    digest = hashlib.sha256("|".join(map(str, parts)).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64


def pick(items: list[str], *parts: object) -> str:
    return items[int(h(*parts) * len(items))]


def floor_sig(v: float, sig: int = 2) -> float:
    """Round ``v`` down to ``sig`` significant digits (never up: volumes stay within limits)."""
    if v <= 0:
        return 0.0
    q = 10.0 ** (math.floor(math.log10(v)) - sig + 1)
    return math.floor(v / q + 1e-9) * q


def fmt(v: float) -> str:
    return str(round(v)) if abs(v - round(v)) < 1e-9 else f"{v:.6f}".rstrip("0").rstrip(".")


def pair(edge: dict[str, Any]) -> Pair:
    return edge["supplier_id"], edge["buyer_id"]


def read_csv(path: Path) -> Rows:
    with path.open(encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def grouped(rows: Rows, key: str, *more: str, value: str) -> dict[Any, list[str]]:
    """``value`` of each row, listed under ``row[key]`` (or the tuple of ``key, *more``)."""
    out: dict[Any, list[str]] = defaultdict(list)
    for r in rows:
        out[tuple(r[k] for k in (key, *more)) if more else r[key]].append(r[value])
    return out


def credit_code(rng: random.Random, division: str, founded: int, used: set[str]) -> str:
    """91 (工商, 企业) + division + organisation code and its check + the code's check."""
    while True:
        if founded >= 2016:
            alphabet = CREDIT_ALPHABET[:10] + "ABCDEFGHJKLMNPQRTUWXY"
            body = "MA2" + "".join(rng.choice(alphabet) for _ in range(5))
        else:
            body = rng.choice("0567") + "".join(rng.choice("0123456789") for _ in range(7))
        first17 = f"91{division}{body}{org_code_check_char(body)}"
        code = first17 + credit_code_check_char(first17)
        if code not in used:
            used.add(code)
            return code


class Demo:
    """One derivation from a catalogue (file stem -> rows); :meth:`tables` gives the bundle."""

    def __init__(self, cat: dict[str, Rows]) -> None:
        self.cat = cat
        self.products = {p["id"]: p for p in cat["products"]}
        self.words = grouped(cat["words"], "list", value="word")
        self.notes = grouped(cat["cooperation_notes"], "kind", "scope", value="note")
        self.firms = self._firms()
        self.by_id = {f["id"]: f for f in self.firms}
        self.collab_ids = sorted(f["id"] for f in self.firms if f["collab"])
        self._needs()
        self._supplies()
        self.coops: dict[tuple[str, str, str], dict[str, Any]] = {}
        self._cooperations()

    def _firms(self) -> Rows:
        rng = random.Random(20240615)
        parks = {p["key"]: p for p in self.cat["parks"]}
        regions = {r["id"]: r for r in self.cat["regions"]}
        short = {w["business"]: w["short"] for w in self.cat["business_words"]}
        codes: set[str] = set()
        phones: set[str] = set()
        firms = []
        for idx, r in enumerate(self.cat["firms"], start=1):
            key, park, collab = r["key"], parks[r["park"]], r["collaborating"] == "是"
            big_ltd = r["scale"] == "大型" and h(key, "ltd") < 0.4
            form = JOINT_STOCK if r["listed"] == "是" or big_ltd else LIMITED
            code = credit_code(rng, park["division"], int(r["founded"]), codes)
            contact = phone = email = ""
            if h(key, "contact") < 0.42 or (collab and h(key, "contact2") < 0.2):
                contact = "".join(pick(self.words[w], key, s) for w, s in CONTACT)
                region = regions[park["region_id"]]
                while not phone or phone in phones:
                    number = rng.randrange(10**5, 10**6)
                    phone = f"{region['area_code']}-{region['exchange']}{number}"
                phones.add(phone)
                email = f"{pick(self.words['mailbox'], key, 'mb')}@{r['pinyin']}.example.com"
            makes = (m.split(":") for m in r["makes"].split("|"))
            firms.append(
                {
                    **r,
                    **{"id": f"E{idx:04d}", "credit_code": code, "collab": collab},
                    **{"name": f"{r['prefix']}{r['core']}{r['business']}{form}"},
                    **{"short_name": r["core"] + short[r["business"]]},
                    **{
                        "region_id": park["region_id"],
                        "park": park["name"],
                        "park_id": park["key"],
                    },
                    **dict(zip(("lon", "lat"), self.place(key, park), strict=True)),
                    **{"contact_person": contact, "phone": phone, "email": email},
                    "makes": {p: int(c) for p, c in makes},
                    "exclude": set(filter(None, r["not_needed"].split("|"))),
                    "util": 0.78 + 0.17 * h(key, "util"),
                }
            )
        return firms

    def place(self, key: str, park: dict[str, str]) -> tuple[float, float]:
        """A fictional point within 1.5 km of the firm's park, inside its district's outline."""
        adcode = next(r["adcode"] for r in self.cat["regions"] if r["id"] == park["region_id"])
        draw = lambda i: (h(key, "u", i), h(key, "v", i))  # noqa: E731
        found = point_near((float(park["lon"]), float(park["lat"])), 1500, outline(adcode), draw)
        if found is None:
            raise SystemExit(f"{key}: no point near park {park['key']} inside its district")
        return found

    def _needs(self) -> None:
        """Route inputs of what a firm makes and does not make itself (co-products, factor 0,
        need nothing); what it makes of its own inputs is used first."""
        inputs_of: dict[str, list[tuple[str, float]]] = defaultdict(list)
        for r in self.cat["routes"]:
            inputs_of[r["output_id"]].append((r["input_id"], float(r["factor"])))
        self.produces = {(f["id"], p): c for f in self.firms for p, c in f["makes"].items()}
        needs: dict[Pair, float] = defaultdict(float)
        self.internal: dict[Pair, float] = defaultdict(float)
        for f in self.firms:
            for out, cap in f["makes"].items():
                for inp, factor in inputs_of.get(out, []):
                    if inp in f["makes"]:
                        self.internal[(f["id"], inp)] += cap * factor * f["util"]
                    elif inp not in f["exclude"]:
                        needs[(f["id"], inp)] += cap * factor * f["util"]
        rounded = {k: floor_sig(v, 3) for k, v in needs.items() if v > 0}
        self.needs = {k: self.count(k[1], v, at_least=1) for k, v in rounded.items()}

    def unit(self, pid: str) -> str:
        return str(self.products[pid]["unit"])

    def count(self, pid: str, v: float, at_least: int = 0) -> float:
        """``v`` in whole units (at least ``at_least``) when ``pid`` is counted in pieces."""
        return float(max(at_least, math.floor(v))) if self.unit(pid) in COUNT_UNITS else v

    def _supplies(self) -> None:
        """Buyers in chain order (upstream first, so feedstocks are allocated first), each
        from its 1-3 nearest, then largest, sellers of what they have left."""
        avail = {k: cap * 0.95 - self.internal[k] for k, cap in self.produces.items()}
        self.producers: dict[str, list[str]] = defaultdict(list)
        for eid, pid in sorted(self.produces):
            self.producers[pid].append(eid)
        prod, by_id = self.products, self.by_id
        self.supplies: Rows = []
        demand = sorted(
            (k for k in self.needs if prod[k[1]]["supplied"] == "是" and by_id[k[0]]["collab"]),
            key=lambda k: (STAGE_RANK[prod[k[1]]["stage"]], k[1], -self.needs[k], k[0]),
        )
        for buyer, pid in demand:
            b, local_only = by_id[buyer], prod[pid]["local_only"] == "是"
            cands = [
                s
                for s in self.producers[pid]
                if s != buyer and by_id[s]["collab"] and avail[(s, pid)] > 0
                if not local_only or by_id[s]["region_id"] == b["region_id"]
            ]
            cands.sort(key=lambda s: (by_id[s]["region_id"] != b["region_id"], -avail[(s, pid)], s))
            k = 1 + (len(cands) > 1 and h(buyer, pid, "k") < 0.55)
            k = 3 if len(cands) > 2 and h(buyer, pid, "k3") < 0.25 else k
            want = self.needs[(buyer, pid)] * (0.55 + 0.4 * h(buyer, pid, "share"))
            for rank, s in enumerate(cands[:k]):
                part = want * ([1.0], [0.6, 0.4], [0.5, 0.3, 0.2])[k - 1][rank]
                vol = self.count(pid, floor_sig(min(part, avail[(s, pid)]), 2))
                if vol <= 0:
                    continue
                avail[(s, pid)] -= vol
                lo = max(2010, int(by_id[s]["founded"]) + 1, int(b["founded"]) + 1)
                since = lo + int(h(s, buyer, pid, "since") * (SOURCE_YEAR - lo + 1))
                source = pick(self.words["source"], s, buyer, pid, "src")
                self.supplies.append(
                    {**{"supplier_id": s, "buyer_id": buyer, "product_id": pid, "volume": vol},
                     "unit": self.unit(pid), "since": min(since, SOURCE_YEAR), "source": source}
                )  # fmt: skip

    def _add(self, a: str, b: str, kind: CoopKind, note: str) -> bool:
        """Add a cooperation, unless it would be with itself or the pair has one of the kind."""
        if a == b or (a, b, kind) in self.coops:
            return False
        lo = max(2015, int(self.by_id[a]["founded"]) + 1, int(self.by_id[b]["founded"]) + 1)
        year = min(SOURCE_YEAR, lo + int(h(a, b, kind, "y") * (SOURCE_YEAR - lo + 1)))
        self.coops[(a, b, kind)] = dict(from_id=a, to_id=b, kind=kind, since=year, note=note)
        return True

    def _cooperations(self) -> None:
        by_id, notes, supplies = self.by_id, self.notes, self.supplies
        key_to_id = {f["key"]: f["id"] for f in self.firms}
        for r in self.cat["cooperations"]:  # curated, between catalogue keys
            a, b = key_to_id[r["from_key"]], key_to_id[r["to_key"]]
            if not (by_id[a]["collab"] and by_id[b]["collab"]):
                raise ValueError(f"a curated cooperation of a firm not collaborating: {r}")
            self._add(a, b, CoopKind(r["kind"]), r["note"])

        # 技术: joint development along the largest supply edge of each key product
        seen: set[str] = set()
        for e in sorted(supplies, key=lambda e: (e["product_id"], -e["volume"], e["buyer_id"])):
            pid, tech = e["product_id"], notes.get((CoopKind.TECHNOLOGY, e["product_id"]))
            if tech and pid not in seen and self._add(*pair(e), CoopKind.TECHNOLOGY, tech[0]):
                seen.add(pid)

        # 信息: cross-region supply pairs share plans, prices, logistics
        goods: dict[Pair, set[str]] = defaultdict(set)
        for e in supplies:
            if by_id[e["supplier_id"]]["region_id"] != by_id[e["buyer_id"]]["region_id"]:
                goods[pair(e)].add(e["product_id"])
        for a, b in sorted(goods, key=lambda p: h(*p, "info"))[:22]:
            textile = any(self.products[p]["textile_trade"] == "是" for p in goods[(a, b)])
            info = notes[(CoopKind.INFORMATION, "textile" if textile else "general")]
            self._add(a, b, CoopKind.INFORMATION, pick(info, a, b, "in"))

        # 人才: firms of one park and one chain (basic fluorine chemistry apart) pair up
        talent_notes = grouped(self.cat["talent_notes"], "park", "group", value="note")
        groups: dict[Pair, list[str]] = defaultdict(list)
        for f in (by_id[eid] for eid in self.collab_ids):
            basic = f["chain_id"] == "fluorine" and f["stage"] == Stage.UPSTREAM
            groups[(f["park"], "basic" if basic else f["chain_id"])].append(f["id"])
        talent = []
        for (park, group), ids in sorted(groups.items()):
            ids = sorted(ids, key=lambda x: h(x, "tal"))
            talent += [(a, b, park, group) for a, b in zip(ids[0::2], ids[1::2], strict=False)]
        for a, b, park, group in sorted(talent, key=lambda t: h(*t, "tl"))[:18]:
            choices = talent_notes.get((park, group)) or talent_notes[("*", group)]
            self._add(a, b, CoopKind.TALENT, pick(choices, a, b, "tn"))

        # 资金: a large firm finances a smaller partner of its chain on a supply edge
        cap_pairs = set()
        for e in supplies:
            s, b = by_id[e["supplier_id"]], by_id[e["buyer_id"]]
            big = {f["id"] for f in (s, b) if f["scale"] == "大型"}
            if s["chain_id"] == b["chain_id"] and len(big) == 1:  # (large, smaller, its role)
                (small,) = {s["id"], b["id"]} - big
                cap_pairs.add((*big, small, "buyer" if b["id"] in big else "supplier"))
        for a, b, role in sorted(cap_pairs, key=lambda p: h(*p, "cap"))[:15]:
            self._add(a, b, CoopKind.CAPITAL, pick(notes[(CoopKind.CAPITAL, role)], a, b, "cn"))

        # 产品: co-producers of the same product back each other up or share orders
        pairs = [
            (x, y, pid)
            for pid, ids in sorted(self.producers.items())
            if (CoopKind.PRODUCT, pid) in notes
            for x, y in combinations([x for x in ids if by_id[x]["collab"]], 2)
        ]
        picked = 0
        for a, b, pid in sorted(pairs, key=lambda t: h(*t, "prod")):
            note = pick(notes[(CoopKind.PRODUCT, pid)], a, b, "pn")
            picked += picked < 15 and self._add(a, b, CoopKind.PRODUCT, note)  # 15 at most

        # every collaborating firm has an edge: a partner that needs what it makes, or v.v.
        for eid in self.collab_ids:
            linked = {x for e in supplies for x in pair(e)}
            if eid in linked | {c[k] for c in self.coops.values() for k in ("from_id", "to_id")}:
                continue
            f, needed, options = by_id[eid], [p for y, p in self.needs if y == eid], []
            for x in (x for x in self.collab_ids if x != eid):
                far = by_id[x]["region_id"] != f["region_id"]
                options += [(far, h(eid, x), eid, x, p) for p in f["makes"] if (x, p) in self.needs]
                options += [(far, h(eid, x), x, eid, p) for p in needed if (x, p) in self.produces]
            if not options:
                raise ValueError(f"no partner for {eid}: it trades nothing another firm needs")
            _, _, a, b, pid = min(options)
            name = self.products[pid]["name"]
            self._add(a, b, CoopKind.INFORMATION, f"供需对接：{name}意向供货，共享产销与检修计划")

    def tables(self) -> dict[str, Rows]:
        nodes = ("chains", "regions", "products")
        t = {name: sorted(self.cat[name], key=itemgetter("id")) for name in nodes}
        t["parks"] = [
            {**p, "id": p["key"]} for p in sorted(self.cat["parks"], key=itemgetter("key"))
        ]
        t["enterprises"] = self.firms
        amounts = {"produces": ("capacity", self.produces), "needs": ("annual_demand", self.needs)}
        for name, (col, rows) in amounts.items():
            t[name] = [
                {"enterprise_id": e, "product_id": p, col: fmt(v), "unit": self.unit(p)}
                for (e, p), v in sorted(rows.items())
            ]
        edges = sorted(self.supplies, key=lambda e: (*pair(e), e["product_id"]))
        t["supplies"] = [{**e, "volume": fmt(e["volume"])} for e in edges]
        t["cooperations"] = [c for _, c in sorted(self.coops.items())]
        t["product_inputs"] = sorted(self.cat["routes"], key=itemgetter("output_id", "input_id"))
        t["posts"] = self.posts()
        return t

    def posts(self) -> Rows:
        """The board's offers and needs (catalogue ``posts.csv``): each firm key becomes its
        id, the chain its firm's; the contact is the firm's, or one derived like a firm's."""
        firms = {f["key"]: f for f in self.firms}
        out = []
        for p in sorted(self.cat.get("posts", []), key=itemgetter("id")):
            f = firms[p["firm"]]
            person = f["contact_person"] or "".join(
                pick(self.words[w], p["id"], s) for w, s in CONTACT
            )
            mailbox = pick(self.words["mailbox"], p["id"], "mb")
            out.append(
                {
                    **{k: v for k, v in p.items() if k != "firm"},
                    **{"enterprise_id": f["id"], "chain_id": f["chain_id"]},
                    **{"contact_person": person, "phone": f["phone"]},
                    "email": f["email"] or f"{mailbox}@{f['pinyin']}.example.com",
                }
            )
        return out
