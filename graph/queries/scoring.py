"""The matchmaking score: every candidate of :mod:`.matching` is scored here, once, from six
parts, each a value in [0, 1]::

    score = 100 × Σ weight_i × value_i / Σ weight_i        (rounded to 0.1)

=================  =======  ==================================================================
part               default  value
=================  =======  ==================================================================
region             0.30     1 same district; 0.5 another district of the cluster (a region
                            with role core or partner); 0 elsewhere or unknown
capacity           0.20     supplier's capacity / buyer's annual demand (base units), capped
                            at 1; 0.5 when either is unknown or the units differ
trade              0.15     1 when the pair already trades in this direction (any product)
chain              0.15     0.5 for the same chain + 0.5 when, in that chain, the stages fit (a
                            supplier at the buyer's stage or upstream of it; a buyer at the
                            seller's or below); firms of different chains score 0: a stage is
                            defined within its chain
cooperation        0.10     1 when they cooperate (信息/技术/人才/资金/产品, either direction)
shared_partners    0.10     partners (trade or cooperation, either direction) they have in
                            common, / 3, capped at 1
=================  =======  ==================================================================

Each candidate carries ``parts`` (every part's value and weight, so the score can be
recomputed by hand) and ``reasons``: ``{"zh": …, "en": …}`` sentences for a purchasing
manager. docs/matchmaking.md explains the score in Chinese and English.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import asdict, dataclass, field, fields
from operator import mul
from typing import Any, cast

from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Rel, Stage
from chainatlas.graph.queries import reasons as say
from chainatlas.graph.queries.answers import Candidate
from chainatlas.graph.shapes import Side

#: the value of the region part for a firm in another district of the cluster
REGION_CLUSTER = 0.5
#: the value of the capacity part when capacity or demand is unknown
CAPACITY_UNKNOWN = 0.5
#: shared partners that earn the full shared_partners part
SHARED_FULL = 3
CLUSTER_ROLES = ("core", "partner")
#: stages from up- to downstream, in the order of the enum
STAGE_ORDER = {stage.value: rank for rank, stage in enumerate(Stage)}


@dataclass(frozen=True)
class MatchWeights:
    """Weights of the score's parts: any non-negative numbers, not all zero. The score divides
    by their sum, so only their ratios matter; the defaults sum to 1."""

    region: float = 0.30
    capacity: float = 0.20
    trade: float = 0.15
    chain: float = 0.15
    cooperation: float = 0.10
    shared_partners: float = 0.10

    def __post_init__(self) -> None:
        for f in fields(self):
            v = getattr(self, f.name)
            if (
                isinstance(v, bool)
                or not isinstance(v, int | float)
                or not math.isfinite(v)
                or v < 0
            ):
                raise InvalidOption(
                    "weights", f"match weight {f.name} must be a non-negative number, not {v!r}"
                )
        if self.total() <= 0:
            raise InvalidOption("weights", "at least one match weight must be positive")

    def total(self) -> float:
        return float(sum(self.as_dict().values()))

    def as_dict(self) -> dict[str, float]:
        return {k: float(v) for k, v in asdict(self).items()}

    @classmethod
    def from_mapping(cls, values: Mapping[str, float]) -> MatchWeights:
        """Defaults overridden by ``values`` (e.g. from settings); unknown names are refused."""
        unknown = set(values) - {f.name for f in fields(cls)}
        if unknown:
            raise InvalidOption("weights", f"unknown match weights: {sorted(unknown)}")
        return cls(**{k: float(v) for k, v in values.items()})


PARTS = tuple(f.name for f in fields(MatchWeights))


@dataclass
class Ties:
    """What the asking firm already has with others: trade in the matched direction (by
    partner, the products), cooperation kinds (by partner), all its partners."""

    traded: dict[str, set[str]]
    coops: dict[str, set[str]]
    partners: set[str]

    @classmethod
    def of(cls, me_id: str, around: list[dict[str, Any]], direction: str) -> Ties:
        traded: dict[str, set[str]] = defaultdict(set)
        coops: dict[str, set[str]] = defaultdict(set)
        partners: set[str] = set()
        for n in around:
            if n["rel"] == Rel.SUPPLIES.value:
                partners.add(n["id"])
                if n["direction"] == direction:
                    traded[n["id"]].add(n["key"])
            elif n["rel"] == Rel.COOPERATES.value:
                partners.add(n["id"])
                coops[n["id"]].add(n["key"])
        partners.discard(me_id)
        return cls(dict(traded), dict(coops), partners)

    def products(self) -> set[str]:
        return {p for ps in self.traded.values() for p in ps}


@dataclass
class Scorer:
    side: Side
    me: dict[str, Any]
    items: dict[str, dict[str, Any]]
    ties: Ties
    shared: dict[str, int]
    products: dict[str, dict[str, Any]]
    regions: dict[str, dict[str, Any]]
    chains: dict[str, dict[str, Any]]
    weights: MatchWeights
    #: the weights by part (and in the order of PARTS) and their sum, read once: a common
    #: material has thousands of makers
    _w: dict[str, float] = field(init=False, repr=False)
    _weights: tuple[float, ...] = field(init=False, repr=False)
    _total: float = field(init=False, repr=False)
    #: the region part by region id, the chain part by (chain, stage): worked out once a call
    _by_region: dict[Any, float] = field(init=False, repr=False, default_factory=dict)
    _by_stage: dict[tuple[Any, Any], float] = field(init=False, repr=False, default_factory=dict)

    def __post_init__(self) -> None:
        self._w = self.weights.as_dict()
        self._weights = tuple(self._w[p] for p in PARTS)
        self._total = float(sum(self._w.values()))

    def points(self, c: dict[str, Any]) -> float:
        """The score :meth:`score` gives ``c``, without its reasons: what ranking needs (a
        common material has a thousand makers, each ranked; only a page is explained)."""
        return self._points(self._values(c))

    def score(self, c: dict[str, Any]) -> Candidate:
        cid, pid = c["id"], c["product_id"]
        values = self._values(c)
        w = self._w
        traded = self.ties.traded.get(cid, ())
        amount = (
            ("capacity", "capacity_base")
            if self.side == "suppliers"
            else ("annual_demand", "demand_base")
        )
        item = {
            "product_id": pid,
            "product_name": self.products.get(pid, {}).get("name"),
            "id": cid,
            "name": c.get("name"),
            "region_id": c.get("region_id"),
            "chain_id": c.get("chain_id"),
            "stage": c.get("stage"),
            "scale": c.get("scale"),
            amount[0]: c.get("amount"),
            "unit": c.get("unit"),
            amount[1]: c.get("amount_base"),
            "base_unit": c.get("base_unit"),
        }
        by_part = dict(zip(PARTS, values, strict=True))
        scored = {k: v for k, v in item.items() if v is not None} | {
            "current": pid in traded,
            "score": self._points(values),
            "parts": {p: {"value": v, "weight": w[p]} for p, v in by_part.items()},
            "reasons": self._reasons(c, by_part),
        }
        return cast(Candidate, scored)

    def _points(self, values: tuple[float, ...]) -> float:
        # Σ weight × value in the order of PARTS, as the module's formula writes it
        weighted: float = sum(map(mul, self._weights, values))
        return round(100 * weighted / self._total, 1)

    def _values(self, c: dict[str, Any]) -> tuple[float, ...]:
        """Each part's value, in the order of :data:`PARTS`. The region and chain parts
        depend on a few columns of few values, so each is worked out once per value."""
        cid = c["id"]
        rid = c.get("region_id")
        region = self._by_region.get(rid)
        if region is None:
            region = self._by_region[rid] = self._region(rid)[0]
        stage = (c.get("chain_id"), c.get("stage"))
        chain = self._by_stage.get(stage)
        if chain is None:
            chain = self._by_stage[stage] = self._chain(*stage)
        shared = self.shared.get(cid, 0)
        return (
            region,
            self._capacity(c),
            1.0 if self.ties.traded.get(cid) else 0.0,
            chain,
            1.0 if self.ties.coops.get(cid) else 0.0,
            round(min(1.0, shared / SHARED_FULL), 4),
        )

    def _reasons(self, c: dict[str, Any], values: dict[str, float]) -> list[dict[str, str]]:
        """Why ``c`` scores ``values``: one sentence for the region and the capacity, and one
        for each other part it earns."""
        cid = c["id"]
        reg = self._region(c.get("region_id"))[1]
        if values["region"] == 1.0:
            reasons = [say.same_region(reg or {})]
        elif values["region"] == REGION_CLUSTER:
            reasons = [say.cluster_region(reg or {})]
        else:
            reasons = [say.elsewhere()]
        amounts = self._amounts(c)
        if amounts is None:
            reasons.append(say.capacity_unknown())
        else:
            cap, dem, unit = amounts
            value = values["capacity"]
            reasons.append(say.capacity(self.side, float(cap), float(dem), str(unit), value))
        traded = self.ties.traded.get(cid)
        if traded:
            products = [self.products.get(p, {"id": p}) for p in sorted(traded)]
            reasons.append(say.trade(self.side, products))
        kinds = self.ties.coops.get(cid)
        if kinds:
            reasons.append(say.cooperation(sorted(kinds)))
        shared = self.shared.get(cid, 0)
        if shared:
            reasons.append(say.shared(shared))
        if values["chain"] >= 0.5:
            chain_id = c["chain_id"]
            reasons.append(say.same_chain(self.chains.get(chain_id, {"id": chain_id})))
        if values["chain"] == 1.0:
            reasons.append(say.stage_fit(self.side, c["stage"], self.me["stage"]))
        return reasons

    def _region(self, rid: Any) -> tuple[float, dict[str, Any] | None]:
        """The region part of a firm in region ``rid``, and that region's row."""
        reg = self.regions.get(rid) if rid else None
        # no same-region credit for a place outside the cluster (nor for an unknown one)
        if rid and rid == self.me.get("region_id") and reg and reg.get("role") != "outside":
            return 1.0, reg
        if reg and reg.get("role") in CLUSTER_ROLES:
            return REGION_CLUSTER, reg
        return 0.0, reg

    def _capacity(self, c: dict[str, Any]) -> float:
        """The capacity part: the supplier's capacity over the buyer's demand, capped at 1."""
        amounts = self._amounts(c)
        if amounts is None:
            return CAPACITY_UNKNOWN
        cap, dem, _ = amounts
        return 1.0 if dem <= 0 else round(min(1.0, cap / dem), 4)

    def _amounts(self, c: dict[str, Any]) -> tuple[Any, Any, Any] | None:
        """The supplier's capacity, the buyer's demand and their base unit, when both are
        known in one unit."""
        mine = self.items.get(c["product_id"], {})
        if self.side == "suppliers":
            cap, cap_unit = c.get("amount_base"), c.get("base_unit")
            dem, dem_unit = mine.get("demand_base"), mine.get("base_unit")
        else:
            cap, cap_unit = mine.get("capacity_base"), mine.get("base_unit")
            dem, dem_unit = c.get("amount_base"), c.get("base_unit")
        if cap is None or dem is None or cap_unit != dem_unit:
            return None
        return cap, dem, cap_unit

    def _chain(self, chain_id: Any, stage: Any) -> float:
        """The chain part of a firm of chain ``chain_id`` at ``stage``."""
        if not chain_id or chain_id != self.me.get("chain_id"):
            # a stage is defined within its chain: stages of two chains do not compare
            return 0.0
        theirs, mine = STAGE_ORDER.get(stage or ""), STAGE_ORDER.get(self.me.get("stage") or "")
        if theirs is None or mine is None:
            return 0.5
        return 1.0 if (theirs <= mine if self.side == "suppliers" else theirs >= mine) else 0.5
