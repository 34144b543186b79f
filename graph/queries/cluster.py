"""What the committee's lists and KPIs read, fetched once: the cluster's firms, what they make,
need and trade (docs/committee.md).

**Inside the cluster** (本地) is a firm whose region is known and not flagged ``outside``
(regions.csv ``role``). A firm with no region, or in an ``outside`` region, is kept in the
map as a 招商 (investment-attraction) candidate: it counts as a *known producer outside the
cluster*, never as local supply.

:func:`survey` reads whole edge tables, once per call; everything built on it is a pure
function of the store and the day, so the answers can be cached per graph version.

>>> is_local({"id": "E1", "region_id": "shangyu"}, {"shangyu": {"role": "core"}})
True
>>> is_local({"id": "X1"}, {})
False
>>> is_local({"id": "X2", "region_id": "jx"}, {"jx": {"role": "outside"}})
False
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Mapping
from datetime import date
from functools import cached_property
from operator import itemgetter
from typing import Any

import numpy as np

from chainatlas.graph.dated import on_day
from chainatlas.graph.model import Label, Rel
from chainatlas.graph.store import GraphStore

#: the region role of places outside the cluster (their firms are 招商 candidates)
OUTSIDE_ROLE = "outside"


def is_local(firm: Mapping[str, Any], regions: Mapping[str, Mapping[str, Any]]) -> bool:
    """Whether ``firm`` is inside the cluster: a known region not flagged ``outside``."""
    rid = str(firm.get("region_id") or "")
    return rid in regions and regions[rid].get("role") != OUTSIDE_ROLE


def share(part: float, whole: float) -> float | None:
    """``part / whole`` to 4 digits, ``None`` when ``whole`` is 0."""
    return round(part / whole, 4) if whole else None


def demand(edges: Iterable[Mapping[str, Any]]) -> tuple[float, str | None]:
    """The summed annual demand of NEEDS edges in their base unit (known ones only), and that
    unit when they share one."""
    known = [e["props"] for e in edges if e["props"].get("demand_base") is not None]
    units = {p.get("base_unit") for p in known}
    return sum(float(p["demand_base"]) for p in known), (units.pop() if len(units) == 1 else None)


#: what the committee's lists read of a firm and of a need's or a capacity's properties
FIRM_FIELDS = ("id", "name", "region_id", "chain_id")
AMOUNT_FIELDS = ("demand_base", "capacity_base", "base_unit")
#: firms whose edges a survey reads at a time: a province's edge tables (millions of rows
#: with their property maps) are cut to what the lists read chunk by chunk, never held whole
SURVEY_CHUNK = 50_000


class Survey:
    """The store on one day, read table by table as the lists need it.

    At a province's size what it holds is what the lists read and no more: each firm's four
    fields, each need's and capacity's amounts, the supply facts as id triples, each firm's
    count of trading partners; every id one string object however many edges name it."""

    def __init__(self, store: GraphStore, *, as_of: date | None = None) -> None:
        self.store = on_day(store, as_of)

    @cached_property
    def regions(self) -> dict[str, dict[str, Any]]:
        return {r["id"]: r for r in self.store.nodes(Label.REGION)}

    @cached_property
    def chains(self) -> dict[str, dict[str, Any]]:
        return {c["id"]: c for c in self.store.nodes(Label.CHAIN)}

    @cached_property
    def firms(self) -> dict[str, dict[str, Any]]:
        """firm id → the fields the lists read (:data:`FIRM_FIELDS`), read alone: a
        province's million whole records took gigabytes."""
        return {f["id"]: f for f in self.store.nodes(Label.ENTERPRISE, fields=FIRM_FIELDS)}

    @cached_property
    def products(self) -> dict[str, dict[str, Any]]:
        return {p["id"]: p for p in self.store.nodes(Label.PRODUCT)}

    @cached_property
    def local(self) -> set[str]:
        return {i for i, f in self.firms.items() if is_local(f, self.regions)}

    @cached_property
    def _one(self) -> dict[str, str]:
        """Each firm's and product's id → its one string object (a store gives each edge's
        ids as new strings: ten million supply facts named 30 million of them)."""
        one = {i: i for i in self.firms}
        one.update((i, i) for i in self.products)
        return one

    def _chunks(self) -> Iterator[list[str]]:
        """The firms' ids, sorted, by :data:`SURVEY_CHUNK`: every edge the lists read leaves a
        firm in the map (an edge touching a firm not in it on the day does not hold then)."""
        ids = sorted(self.firms)
        for start in range(0, len(ids), SURVEY_CHUNK):
            yield ids[start : start + SURVEY_CHUNK]

    def _by(self, rel: Rel, end: str) -> dict[str, list[dict[str, Any]]]:
        """The ``rel`` edges grouped by ``end``, each with the amounts the lists read
        (:data:`AMOUNT_FIELDS`) of its properties, in :meth:`GraphStore.edges`' order."""
        out: dict[str, list[dict[str, Any]]] = defaultdict(list)
        one = self._one
        for ids in self._chunks():
            for e in self.store.adjacent(rel, ids, direction="out", fields=AMOUNT_FIELDS):
                a, b = one.get(e["source"], e["source"]), one.get(e["target"], e["target"])
                out[a if end == "source" else b].append(
                    {"source": a, "target": b, "props": e["props"]}
                )
        return out

    @cached_property
    def needs(self) -> dict[str, list[dict[str, Any]]]:
        """product id → the NEEDS edges of *local* firms into it."""
        return {
            p: kept
            for p, edges in self._by(Rel.NEEDS, "target").items()
            if (kept := [e for e in edges if e["source"] in self.local])
        }

    @cached_property
    def makers(self) -> dict[str, list[dict[str, Any]]]:
        """product id → every PRODUCES edge into it (local and outside producers)."""
        return self._by(Rel.PRODUCES, "target")

    def local_makers(self, pid: str) -> list[dict[str, Any]]:
        return [e for e in self.makers.get(pid, []) if e["source"] in self.local]

    def outside_makers(self, pid: str) -> list[dict[str, Any]]:
        return [e for e in self.makers.get(pid, []) if e["source"] not in self.local]

    @cached_property
    def supplies(self) -> list[tuple[str, str, str]]:
        """Every SUPPLIES fact as ``(supplier, buyer, product)``, sorted: ids only, as the lists
        use them (a province's million supply facts with their property maps took minutes)."""
        one, found = self._one, []
        for ids in self._chunks():
            found += [
                (one.get(a, a), one.get(b, b), one.get(k, k))
                for a, b, k in self.store.adjacent_keys(Rel.SUPPLIES, ids, direction="out")
            ]
        return found

    @cached_property
    def bought(self) -> set[tuple[str, str]]:
        """(buyer, product) pairs with a current supplier inside the cluster."""
        return {(b, key) for a, b, key in self.supplies if a in self.local}

    @cached_property
    def inputs(self) -> dict[str, set[str]]:
        """product id → its input products (process routes)."""
        out: dict[str, set[str]] = defaultdict(set)
        for e in self.store.edges(Rel.INPUT_TO):
            out[e["target"]].add(e["source"])
        return out

    @cached_property
    def outputs(self) -> dict[str, set[str]]:
        """product id → the products it is an input to."""
        out: dict[str, set[str]] = defaultdict(set)
        for p, ins in self.inputs.items():
            for i in ins:
                out[i].add(p)
        return out

    @cached_property
    def partners(self) -> dict[str, int]:
        """firm id → how many distinct firms it trades with (either direction, SUPPLIES), for
        the firms that trade: counted from :attr:`supplies` as numbered pairs, not held as a
        set of partners per firm (a province's took gigabytes)."""
        return partner_counts((a, b) for a, b, _ in self.supplies)

    def chain_names(self, ids: Iterable[str]) -> tuple[str, str]:
        """Chinese and English names of chains, joined with 、 and ", "."""
        chains = [self.chains.get(c, {"id": c}) for c in ids]
        zh = "、".join(str(c.get("name") or c["id"]) for c in chains)
        en = ", ".join(str(c.get("name_en") or c.get("name") or c["id"]) for c in chains)
        return zh, en

    def name(self, pid: str) -> dict[str, Any]:
        """A product's id and names, for list rows."""
        p = self.products.get(pid, {"id": pid})
        return {k: p[k] for k in ("name", "name_en", "chain_id", "stage") if p.get(k)} | {
            "product_id": pid
        }


def partner_counts(pairs: Iterable[tuple[str, str]]) -> dict[str, int]:
    """Each firm's number of distinct partners over ``pairs`` (either direction; a firm with
    itself is not a partner), for the firms with one, by id: numbered pairs counted in
    arrays, no Python object per pair or per partner.

    >>> partner_counts([("a", "b"), ("b", "a"), ("a", "c"), ("c", "c")])
    {'a': 2, 'b': 1, 'c': 1}
    """
    kept = [p for p in pairs if p[0] != p[1]]
    firsts, seconds = list(map(itemgetter(0), kept)), list(map(itemgetter(1), kept))
    names = sorted(set(firsts).union(seconds))
    number, n = {f: i for i, f in enumerate(names)}, len(names)
    one = np.fromiter(map(number.__getitem__, firsts), dtype=np.int64, count=len(kept))
    other = np.fromiter(map(number.__getitem__, seconds), dtype=np.int64, count=len(kept))
    codes = np.concatenate([one * n + other, other * n + one])  # each pair both ways
    codes.sort()
    distinct = codes[np.concatenate([[True], codes[1:] != codes[:-1]])] if n else codes
    return dict(zip(names, np.bincount(distinct // n, minlength=n).tolist(), strict=True))
