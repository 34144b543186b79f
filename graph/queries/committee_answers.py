"""The shapes of the committee's answers (docs/committee.md): the 补链, 强链 and 延链 lists
and the KPIs, as their query functions return them and their routes serve them."""

from __future__ import annotations

from typing import Literal, NotRequired

from typing_extensions import TypedDict

from chainatlas.graph.shapes import Number, Reason


class _Listed(TypedDict):
    rank: int
    product_id: str
    name: NotRequired[str]
    name_en: NotRequired[str]
    chain_id: NotRequired[str]
    stage: NotRequired[str]
    score: float
    #: each part of the score, in [0, 1], before its weight
    parts: dict[str, float]
    reasons: list[Reason]


class FillTarget(_Listed):
    buyers: int
    needed_by: list[str]
    demand_base: Number
    base_unit: NotRequired[str]
    blocks: list[str]
    outside_producers: list[str]


class FillTargets(TypedDict):
    targets: list[FillTarget]
    total: int


class ExtendTarget(_Listed):
    inputs: list[str]
    local_inputs: list[str]
    input_share: float
    downstream: int
    downstream_firms: list[str]


class ExtendTargets(TypedDict):
    targets: list[ExtendTarget]
    total: int


class WeakProduct(_Listed):
    producers: list[str]
    consumers: int


class WeakFirm(TypedDict):
    rank: int
    id: str
    name: NotRequired[str]
    region_id: NotRequired[str]
    chain_id: NotRequired[str]
    sole_products: list[str]
    partners: int
    score: float
    parts: dict[str, float]
    reasons: list[Reason]


class Strengthen(TypedDict):
    products: list[WeakProduct]
    firms: list[WeakFirm]
    total_products: int
    total_firms: int


class KpiRow(TypedDict):
    scope: Literal["all", "chain", "region"]
    id: str
    name: str
    name_en: str
    firms: int
    collaborating: int
    supplied_products: int
    needs: int
    coverage: float | None
    gaps: int
    single_source: int
    outside_dependency: float | None


class Kpis(TypedDict):
    rows: list[KpiRow]
    columns: list[str]
