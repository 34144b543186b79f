"""Writes of the board: post, withdraw, accept. Each checks what the bundle rules check
(graph.board.rules) and writes through ``GraphStore.upsert``, so a post made here is the same
fact as one loaded from a bundle; an accepted match is a COOPERATES fact of the post's kind,
``since`` the day of acceptance, its provenance the two posts (``source_bundle`` ``board``,
``source_file`` ``<post>|<candidate>``). Accepting the same match twice makes one.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta
from typing import Any

from chainatlas.graph.board.posts import REACHES, SIDES, get_post
from chainatlas.graph.board.rules import post_problems
from chainatlas.graph.errors import PostConflict, PostInvalid, UnknownEntity
from chainatlas.graph.model import CoopKind, Label, Rel, Row, Table
from chainatlas.graph.store import GraphStore

#: how long a post stays on the board when it says nothing
DEFAULT_DAYS = 90
FIELDS = (
    "enterprise_id",
    "side",
    "kind",
    "title",
    "description",
    "products",
    "chain_id",
    "reach",
    "quantity",
    "unit",
    "valid_from",
    "valid_until",
    "contact_person",
    "phone",
    "email",
)
_NUMBER = re.compile(r"^BP(\d+)$")


def create_post(store: GraphStore, body: Mapping[str, Any], *, today: date) -> Row:
    """A new open post from ``body`` (the API's fields); :class:`PostInvalid` lists every
    problem by field and nothing is written."""
    row: dict[str, Any] = {k: body.get(k) for k in FIELDS}
    for k in ("title", "description", "unit", "contact_person", "phone", "email"):
        if isinstance(row[k], str):
            row[k] = row[k].strip() or None if k != "title" else row[k].strip()
    row["products"] = list(dict.fromkeys(row["products"] or []))
    row["valid_from"] = str(row["valid_from"] or today.isoformat())
    row["valid_until"] = str(row["valid_until"] or (today + timedelta(DEFAULT_DAYS)).isoformat())
    row["reach"] = row["reach"] or "cluster"
    problems = _choices(row)
    known_firm = {f["id"]: f for f in store.nodes(Label.ENTERPRISE, [str(row["enterprise_id"])])}
    known_products = {p["id"] for p in store.nodes(Label.PRODUCT, row["products"])}
    problems += post_problems(
        {**row, "title": row["title"] or ""},
        firm_known=known_firm.__contains__,
        product_known=known_products.__contains__,
    )
    if problems:
        raise PostInvalid(problems)
    firm = known_firm[row["enterprise_id"]]
    row["chain_id"] = row["chain_id"] or firm.get("chain_id")
    if row["chain_id"] and not store.nodes(Label.CHAIN, [row["chain_id"]]):
        raise PostInvalid([("chain_id", f"unknown chain {row['chain_id']}", "unknown-reference")])
    row.update(id=_next_id(store), status="open", source_bundle="board")
    store.upsert(Table.POSTS, [row])
    return get_post(store, row["id"], as_of=today)


def _choices(row: Mapping[str, Any]) -> list[tuple[str, str, str]]:
    found = []
    kinds = [k.value for k in CoopKind]
    for name, allowed, code in (
        ("side", SIDES, "bad-side"),
        ("kind", kinds, "bad-kind"),
        ("reach", REACHES, "bad-reach"),
    ):
        if row.get(name) not in allowed:
            found.append((name, f"{name} must be one of {'/'.join(allowed)}", code))
    return found


def _next_id(store: GraphStore) -> str:
    numbers = [int(m[1]) for p in store.nodes(Label.POST) if (m := _NUMBER.match(p["id"]))]
    return f"BP{max(numbers, default=0) + 1:03d}"


def withdraw_post(store: GraphStore, post_id: str, *, reason: str | None, today: date) -> Row:
    """Take an open post off the board (its firm, or a moderator with a ``reason``)."""
    post = get_post(store, post_id, as_of=today)
    if post["status"] != "open":
        raise PostConflict(post_id, post["status"], f"post {post_id} is {post['status']}")
    row = {**post, "status": "withdrawn", "withdrawn_reason": reason}
    store.upsert(Table.POSTS, [row])
    return get_post(store, post_id, as_of=today)


def accept_match(store: GraphStore, post_id: str, candidate: str, *, today: date) -> Row:
    """Accept ``candidate`` (a post answering this one, or a firm) for ``post_id``:
    ``{cooperation, post, candidate_post}``. :class:`PostConflict` (with the status) for a
    withdrawn or expired post, one matched to another candidate, or a candidate post that
    does not answer this one (same side, another kind, the same firm, not open)."""
    post = get_post(store, post_id, as_of=today)
    if post["status"] in ("withdrawn", "expired"):
        raise PostConflict(post_id, post["status"], f"post {post_id} is {post['status']}")
    if post["status"] == "matched" and post.get("answered_by") != candidate:
        msg = f"post {post_id} is matched already (to {post.get('answered_by') or 'another'})"
        raise PostConflict(post_id, "matched", msg)
    other = next(iter(store.nodes(Label.POST, [candidate])), None)
    if other is not None:
        other = get_post(store, candidate, as_of=today)
        firm = other["enterprise_id"]
        answers = (
            other["side"] != post["side"]
            and other["kind"] == post["kind"]
            and firm != post["enterprise_id"]
        )
        live = other["status"] == "open" or other.get("answered_by") == post_id
        if not answers or not live:
            status = other["status"] if not live else "foreign"
            msg = f"post {candidate} ({other['status']}) does not answer post {post_id}"
            raise PostConflict(candidate, status, msg)
    else:
        if not store.nodes(Label.ENTERPRISE, [candidate]):
            raise UnknownEntity(Label.ENTERPRISE.value, candidate)
        firm = candidate
        if firm == post["enterprise_id"]:
            raise PostConflict(post_id, "foreign", "a firm cannot answer its own post")
    coop = _cooperation(store, post, firm, candidate, today)
    day = today.isoformat()
    mark = {"status": "matched", "accepted_at": day}
    store.upsert(Table.POSTS, [{**post, **mark, "answered_by": candidate}])
    if other is not None:
        store.upsert(Table.POSTS, [{**other, **mark, "answered_by": post_id}])
    return {
        "cooperation": coop,
        "post": get_post(store, post_id, as_of=today),
        "candidate_post": get_post(store, candidate, as_of=today) if other else None,
    }


def _cooperation(
    store: GraphStore, post: Row, firm: str, candidate: str, today: date
) -> dict[str, Any]:
    """The COOPERATES fact between the poster and ``firm`` of the post's kind: the one that
    holds already (either direction), else a new one from today."""
    a, kind = post["enterprise_id"], post["kind"]
    for n in store.neighbours(Label.ENTERPRISE, a, as_of=today):
        if n["rel"] == Rel.COOPERATES.value and n["id"] == firm and n["key"] == kind:
            ends = (a, firm) if n["direction"] == "out" else (firm, a)
            return {"from_id": ends[0], "to_id": ends[1], **n["props"], "created": False}
    row = {
        "from_id": a,
        "to_id": firm,
        "kind": kind,
        "since": today.isoformat(),
        "note": f"供需看板撮合 board match: {post['id']} ↔ {candidate}",
        "source_bundle": "board",
        "source_file": f"{post['id']}|{candidate}",
    }
    store.upsert(Table.COOPERATIONS, [row])
    return {**{k: v for k, v in row.items() if v is not None}, "created": True}
