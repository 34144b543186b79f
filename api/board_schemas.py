"""Request and answer shapes of the board's routes (``/api/board``, docs/board.md)."""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from chainatlas.graph.board.rules import MAX_DESCRIPTION, MAX_TITLE
from chainatlas.graph.model import CoopKind
from chainatlas.graph.vocab import ID_PATTERN

Kind = CoopKind
Side = Literal["offer", "need"]
Reach = Literal["district", "cluster", "any"]
Status = Literal["open", "matched", "withdrawn", "expired"]


class BoardPostIn(BaseModel):
    """A new post: an offer or a need of one kind by one firm (Chinese first)."""

    model_config = ConfigDict(extra="forbid")

    enterprise_id: str = Field(pattern=ID_PATTERN, examples=["E0006"])
    side: Side
    kind: Kind
    title: str = Field(max_length=MAX_TITLE * 2, examples=["招聘氟化工艺工程师2名"])
    description: str | None = Field(default=None, max_length=MAX_DESCRIPTION * 2)
    products: list[str] = Field(default_factory=list, max_length=20)
    chain_id: str | None = Field(default=None, pattern=ID_PATTERN)
    reach: Reach = "cluster"
    quantity: float | None = None
    unit: str | None = Field(default=None, max_length=20)
    valid_from: date | None = None
    valid_until: date | None = None
    contact_person: str | None = Field(default=None, max_length=50)
    phone: str | None = Field(default=None, max_length=50)
    email: str | None = Field(default=None, max_length=100)


class BoardPost(BaseModel):
    """A post as the board shows it; contact fields only to roles that may see them."""

    id: str
    enterprise_id: str
    side: Side
    kind: Kind
    title: str
    description: str | None = None
    products: list[str] = []
    chain_id: str | None = None
    reach: Reach | None = None
    quantity: float | None = None
    unit: str | None = None
    valid_from: str | int | None = None
    valid_until: str | int | None = None
    status: Status
    answered_by: str | None = None
    accepted_at: str | None = None
    withdrawn_reason: str | None = None
    contact_person: str | None = None
    phone: str | None = None
    email: str | None = None


class BoardPostPage(BaseModel):
    """One page of posts: ``items`` from ``offset``, at most ``limit``, of ``total``."""

    total: int
    limit: int
    offset: int
    items: list[BoardPost]


class BoardReason(BaseModel):
    """Why a candidate answers: ``code`` names the part of the score (docs/board.md)."""

    code: str
    zh: str
    en: str


class BoardLink(BaseModel):
    """A graph fact behind a reason: the candidate's ``rel`` to ``target``."""

    rel: str
    target: str


class BoardMatch(BaseModel):
    enterprise_id: str
    name: str | None = None
    region_id: str | None = None
    score: float
    reasons: list[BoardReason]
    links: list[BoardLink]
    post_id: str | None = None


class BoardMatches(BaseModel):
    """Who answers a post, best first (``-score``, then ``enterprise_id``)."""

    post: BoardPost
    candidates: list[BoardMatch]


class BoardAcceptIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    candidate: str = Field(pattern=ID_PATTERN, description="A post answering this one, or a firm.")


class BoardWithdrawIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=500)


class BoardCooperation(BaseModel):
    """The COOPERATES fact an accepted match made (``created`` false: it held already)."""

    from_id: str
    to_id: str
    kind: str
    since: str | int | None = None
    note: str | None = None
    source_bundle: str | None = None
    source_file: str | None = None
    created: bool


class BoardAccepted(BaseModel):
    cooperation: BoardCooperation
    post: BoardPost
    candidate_post: BoardPost | None = None
