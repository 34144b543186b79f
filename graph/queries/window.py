"""One page of an answer that grows with a hub's degree (a firm's suppliers and customers, a
product's producers and consumers, the firms of tiers or of an impact).

Profiles, tiers and impact keep their shape and list one window of their items, in their
documented order, with ``total``, ``limit``, ``offset`` and ``next`` (the offset of the next
page, ``None`` on the last) beside them; the answer's graph holds the page's nodes and what
links them to the subject. ``limit=None`` is the whole answer (exports, the Python API's
default).

>>> cut(list("abcde"), 2, 2), next_offset(5, 2, 2), next_offset(5, 2, 4), next_offset(5, None, 0)
(['c', 'd'], 4, None, None)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TypeVar

from chainatlas.graph.errors import InvalidOption

T = TypeVar("T")

#: the largest page a hub's answer serves at once
MAX_LIMIT = 1000
#: the page the HTTP routes serve when no ``limit`` is given
DEFAULT_LIMIT = 200
#: the most firms one item of a ranked list names (a gap's firms needing it, a 补链 target's
#: buyers, a 延链 target's downstream firms: the first by id, beside a count of them all): a
#: province's unmade product is needed by thousands, which made a page of 20 gaps 8.3 MB at
#: 1,000,000 firms; a product's profile pages through all its consumers
FIRMS_SHOWN = 50


def check(limit: int | None, offset: int) -> None:
    """:class:`InvalidOption` naming ``limit`` or ``offset`` when out of range."""
    if limit is not None and not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InvalidOption("offset", "offset must be 0 or more")


def cut(items: Sequence[T], limit: int | None, offset: int) -> list[T]:
    """``items[offset : offset + limit]`` (every item from ``offset`` when ``limit`` is None)."""
    return list(items[offset:] if limit is None else items[offset : offset + limit])


def next_offset(total: int, limit: int | None, offset: int) -> int | None:
    """Where the next page starts, ``None`` when this one reaches the end."""
    if limit is None or offset + limit >= total:
        return None
    return offset + limit
