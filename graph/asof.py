"""Valid time: which facts hold on a day.

Supplies, cooperations, produces and needs carry ``since`` and ``until``, each either a year
(an ``int``, as bundles have always written ``since``) or an ISO date (``"2024-03-01"``). A
year ``Y`` stands for ``Y-01-01``. A fact holds on day ``d`` when
``since <= d AND (until IS NULL OR until > d)``, a missing ``since`` meaning "always had".

Both stores compare the same way, on text: a year's four digits are a prefix of every ISO
date of that year, so ``str(2024) <= "2024-06-30"`` and ``str(2025) > "2024-06-30"`` agree
with ``2024-01-01`` and ``2025-01-01``. Cypher's ``toString()`` of an integer gives the same
text, so a year and a date compare alike in ``cypher/*.cypher`` and here.

>>> holds({"since": 2019, "until": "2024-07-01"}, "2024-06-30")
True
>>> holds({"since": 2019, "until": "2024-07-01"}, "2024-07-01")
False
>>> holds({"since": 2025}, "2024-12-31"), holds({}, "1900-01-01"), holds({"until": 2024}, None)
(False, True, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date
from typing import Any

#: a firm's dates, as bundles write them: it is in the map from the later of ``founded`` and
#: ``joined`` (moved into the cluster) until the earlier of ``closed`` and ``left``
FIRM_STARTS = ("founded", "joined")
FIRM_ENDS = ("closed", "left")


def day(value: int | str) -> str:
    """The text a ``since`` or ``until`` value compares as (a year stays four digits).

    >>> day(2019), day("2019-05-04")
    ('2019', '2019-05-04')
    """
    return str(value)


def as_of_key(as_of: date | None) -> str | None:
    """The form stores compare ``as_of`` in: an ISO date, or ``None`` for every fact."""
    return None if as_of is None else as_of.isoformat()


def holds(props: Mapping[str, Any], as_of: str | None) -> bool:
    """Whether a fact with these properties holds on ``as_of`` (``None``: keep every fact)."""
    if as_of is None:
        return True
    since, until = props.get("since"), props.get("until")
    return (since is None or day(since) <= as_of) and (until is None or day(until) > as_of)


@dataclass(frozen=True)
class Span:
    """The days on which every fact and firm of a map holds: from the latest start of any to
    the earliest end (``None``: unbounded that side)."""

    start: str | None
    end: str | None

    def covers(self, as_of: str) -> bool:
        """Whether ``as_of`` (as :func:`as_of_key` gives it) is one of those days.

        >>> Span("2019", "2024-07-01").covers("2024-06-30"), Span("2019", None).covers("2018")
        (True, False)
        """
        return (self.start is None or self.start <= as_of) and (
            self.end is None or as_of < self.end
        )


def live_span(rows: Iterable[Mapping[str, Any]]) -> Span:
    """The :class:`Span` of ``rows``: facts (``since`` / ``until``) and firms
    (``member_since`` / ``member_until``). On a day it covers, :func:`holds` and :func:`member`
    are true of every row, so a store may read as of that day as it reads every fact (the
    comparisons are on text, a total order: the latest start and the earliest end decide).

    >>> live_span([{"since": 2019, "until": "2024-07-01"}, {"member_since": "2020-03-01"}])
    Span(start='2020-03-01', end='2024-07-01')
    """
    starts, ends = set(), set()
    for row in rows:
        for col in ("since", "member_since"):
            if (value := row.get(col)) is not None:
                starts.add(day(value))
        for col in ("until", "member_until"):
            if (value := row.get(col)) is not None:
                ends.add(day(value))
    return Span(max(starts, default=None), min(ends, default=None))


def written_span(rows: Iterable[Mapping[str, Any]]) -> Span:
    """The :class:`Span` of the rows a write sends (``$rows`` of ``cypher/``: a node's row is
    its properties, an edge's carries them in ``props``). A store keeping its map's span
    narrows it by this on each write, so that the span it keeps never covers a day on which
    something written does not hold.

    >>> written_span([{"id": "E1", "member_since": 2009}, {"props": {"until": 2030}}])
    Span(start='2009', end='2030')
    """
    return live_span(_with_props(rows))


def _with_props(rows: Iterable[Mapping[str, Any]]) -> Iterator[Mapping[str, Any]]:
    for row in rows:
        yield row
        if isinstance(props := row.get("props"), Mapping):
            yield props


def starts_before_end(since: int | str | None, until: int | str | None) -> bool:
    """Whether ``until`` comes after ``since`` (or either is missing): a fact that ends before
    or on the day it begins never held.

    >>> starts_before_end(2019, "2019-03-01"), starts_before_end("2019-03-01", 2019)
    (True, False)
    """
    return since is None or until is None or day(until) > day(since)


def membership(row: Mapping[str, Any]) -> tuple[int | str | None, int | str | None]:
    """A firm's ``(member_since, member_until)``: the later of its starts and the earlier of
    its ends (:data:`FIRM_STARTS`, :data:`FIRM_ENDS`), each kept as written (a year or a day).

    >>> membership({"founded": 2009, "joined": "2020-03-01", "closed": None, "left": 2026})
    ('2020-03-01', 2026)
    >>> membership({"founded": 2009, "closed": "2025-07-01", "left": 2025})
    (2009, 2025)
    """
    starts = [row[c] for c in FIRM_STARTS if row.get(c) is not None]
    ends = [row[c] for c in FIRM_ENDS if row.get(c) is not None]
    return (max(starts, key=day) if starts else None, min(ends, key=day) if ends else None)


def member(firm: Mapping[str, Any], as_of: str | None) -> bool:
    """Whether a firm (a row with ``member_since`` / ``member_until``) is in the map on
    ``as_of``: founded and in the cluster, not closed nor moved out (``None``: every firm).

    >>> member({"member_since": 2009, "member_until": "2025-07-01"}, "2025-06-30")
    True
    >>> member({"member_since": 2009, "member_until": "2025-07-01"}, "2025-07-01")
    False
    """
    if as_of is None:
        return True
    since, until = firm.get("member_since"), firm.get("member_until")
    return (since is None or day(since) <= as_of) and (until is None or day(until) > as_of)
