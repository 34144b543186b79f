"""Posts on the board: their status on a day, listing with filters, and writes.

A post's lifetime is ``valid_from`` (first day on the board) to ``valid_until`` (first day it
no longer is), compared as :mod:`graph.asof` compares ``since`` / ``until``. Its stored status
is ``open`` unless the board or a bundle said ``matched`` or ``withdrawn``; an open post read
on or after ``valid_until`` is ``expired``. Both stores keep posts as ``:Post`` nodes and
answer ``nodes(Label.POST)`` alike, so every answer here is the same on both.

>>> status_on({"valid_from": "2026-09-01", "valid_until": "2026-12-01"}, "2026-11-30")
'open'
>>> status_on({"valid_from": "2026-09-01", "valid_until": "2026-12-01"}, "2026-12-01")
'expired'
>>> status_on({"valid_until": "2026-12-01", "status": "withdrawn"}, "2027-01-01")
'withdrawn'
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

from chainatlas.graph.asof import as_of_key, day
from chainatlas.graph.board.rules import CONTACT_FIELDS
from chainatlas.graph.board.words import terms
from chainatlas.graph.errors import InvalidOption, UnknownEntity
from chainatlas.graph.model import Label, Row
from chainatlas.graph.store import GraphStore

SIDES = ("offer", "need")
STATUSES = ("open", "matched", "withdrawn", "expired")
REACHES = ("district", "cluster", "any")
#: the most posts one page lists
MAX_PAGE = 200


def status_on(post: Mapping[str, Any], today: str | None) -> str:
    """The status of ``post`` on ``today`` (an ISO date; ``None``: as stored)."""
    stored = str(post.get("status") or "open")
    until = post.get("valid_until")
    if stored == "open" and today is not None and until is not None and day(until) <= today:
        return "expired"
    return stored


def on_board(post: Mapping[str, Any], today: str | None) -> bool:
    """Whether ``post`` was published by ``today`` (``valid_from`` not after it)."""
    start = post.get("valid_from")
    return today is None or start is None or day(start) <= today


def shown(post: Mapping[str, Any], today: str | None, *, contacts: bool) -> dict[str, Any]:
    """A post as answers give it: its status on ``today``; contact fields only with
    ``contacts`` (graph.board.rules.CONTACT_FIELDS are personal data)."""
    out = {k: v for k, v in post.items() if contacts or k not in CONTACT_FIELDS}
    out["status"] = status_on(post, today)
    out["products"] = list(post.get("products") or [])
    return out


def all_posts(store: GraphStore, as_of: date | None) -> list[Row]:
    """Every post published by ``as_of`` (ordered by id), with its status on that day."""
    today = as_of_key(as_of)
    return [
        {**p, "status": status_on(p, today)} for p in store.nodes(Label.POST) if on_board(p, today)
    ]


def get_post(store: GraphStore, post_id: str, *, as_of: date | None = None) -> Row:
    """One post with its status on ``as_of``; :class:`UnknownEntity` when absent or not yet
    published then."""
    post = store.node(Label.POST, post_id)
    today = as_of_key(as_of)
    if not on_board(post, today):
        raise UnknownEntity(Label.POST.value, post_id)
    return {**post, "status": status_on(post, today)}


def list_posts(
    store: GraphStore,
    *,
    kind: str | None = None,
    side: str | None = None,
    chain: str | None = None,
    region: str | None = None,
    status: str | None = None,
    product: str | None = None,
    enterprise: str | None = None,
    text: str | None = None,
    as_of: date | None = None,
    offset: int = 0,
    limit: int = 50,
) -> dict[str, Any]:
    """The posts that pass every filter given, ordered by ``(valid_from desc, id)``:
    ``{items, total, offset, limit}``. ``region`` is the posting firm's district; ``text``
    keeps posts sharing a segmented term with it (graph.board.words)."""
    if not 1 <= limit <= MAX_PAGE:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_PAGE}")
    if offset < 0:
        raise InvalidOption("offset", "offset must be at least 0")
    for name, value, allowed in (("side", side, SIDES), ("status", status, STATUSES)):
        if value is not None and value not in allowed:
            raise InvalidOption(name, f"{name} must be one of {', '.join(allowed)}")
    posts = all_posts(store, as_of)
    firms = firm_index(store, (p["enterprise_id"] for p in posts))
    vocab = product_words(store) if text else ()
    wanted = terms(text, vocab)
    found = [
        p
        for p in posts
        if (kind is None or p["kind"] == kind)
        and (side is None or p["side"] == side)
        and (chain is None or p.get("chain_id") == chain)
        and (status is None or p["status"] == status)
        and (product is None or product in (p.get("products") or ()))
        and (enterprise is None or p["enterprise_id"] == enterprise)
        and (region is None or firms.get(p["enterprise_id"], {}).get("region_id") == region)
        and (not text or _mentions(p, text, wanted, vocab))
    ]
    found.sort(key=lambda p: p["id"])
    found.sort(key=lambda p: day(p.get("valid_from") or ""), reverse=True)
    return {
        "items": found[offset : offset + limit],
        "total": len(found),
        "offset": offset,
        "limit": limit,
    }


def _mentions(
    post: Mapping[str, Any], text: str, wanted: frozenset[str], vocab: tuple[str, ...]
) -> bool:
    body = f"{post.get('title') or ''} {post.get('description') or ''}"
    if text.strip().lower() in body.lower():
        return True
    return bool(wanted & terms(body, vocab))


def firm_index(store: GraphStore, ids: Iterable[str]) -> dict[str, Row]:
    """The firms with ``ids`` by id (unknown ids left out)."""
    return {f["id"]: f for f in store.nodes(Label.ENTERPRISE, list(set(ids)))}


def product_words(store: GraphStore) -> tuple[str, ...]:
    """The products' names and aliases: the words segmentation keeps whole."""
    words: set[str] = set()
    for p in store.nodes(Label.PRODUCT):
        words.add(str(p.get("name") or ""))
        words.update(str(a) for a in p.get("aliases") or ())
    return tuple(sorted(w for w in words if w))
