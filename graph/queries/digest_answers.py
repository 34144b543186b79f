"""The shape of the change digest (:mod:`graph.queries.digest`): what ``GET
/api/changes/digest`` answers, ``chainatlas digest --json`` prints and the briefing carries.
FastAPI validates and documents these TypedDicts as the response model."""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

#: what changed, in the order a digest lists it
DigestKind = Literal[
    "firm_joined",
    "firm_left",
    "supply_started",
    "supply_ended",
    "capacity_changed",
    "gap_opened",
    "gap_closed",
    "single_source_began",
    "single_source_ended",
]


class DigestItem(TypedDict):
    """One change. ``id``/``name`` name what changed (a firm, a product, a supply relation as
    ``supplier|buyer|product``); ``chain_id`` and ``region_id`` place it (a firm's own; a
    supply's buyer's; a product's chain, and its one producer's district for single-source
    changes); the remaining members are set where they apply."""

    kind: DigestKind
    label: str
    label_en: str
    id: str
    name: str
    name_en: str | None
    chain_id: str | None
    region_id: str | None
    supplier_id: str | None
    supplier_name: str | None
    buyer_id: str | None
    buyer_name: str | None
    product_id: str | None
    product_name: str | None
    old: float | None
    new: float | None
    unit: str | None


class DigestGroup(TypedDict):
    """The whole cluster, one chain or one district: its changes counted by kind and its
    local-supply coverage (本地配套率) on both days."""

    scope: Literal["all", "chain", "region"]
    id: str
    name: str
    name_en: str
    coverage_before: float | None
    coverage_after: float | None
    firm_joined: int
    firm_left: int
    supply_started: int
    supply_ended: int
    capacity_changed: int
    gap_opened: int
    gap_closed: int
    single_source_began: int
    single_source_ended: int


class Digest(TypedDict):
    """What changed between ``since`` and ``until`` (docs/changes.md, "The digest")."""

    since: str
    until: str
    capacity_threshold: float
    counts: dict[str, int]
    items: list[DigestItem]
    groups: list[DigestGroup]
