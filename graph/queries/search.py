"""Search firms and products by what people type: Chinese names (one character is enough),
short names, aliases, English names, pinyin and its initials, CAS numbers, credit codes.

The store finds candidates whose ``search_text`` contains the folded query and says how each
matched (:class:`graph.text.MatchKind`); here each kind becomes a score:

=================  =====  ==========================================================
matched            score  the folded query …
=================  =====  ==========================================================
``exact_code``     100    equals the id, the credit code or the CAS number
``exact_name``      90    equals the name
``name_prefix``     80    starts the name
``name_contains``   70    is inside the name
``other_name``      60    is inside the short name, the English name or an alias
``pinyin``          50    is inside the full pinyin or the initials (聚苯硫醚: ``jblm``)
``code_contains``   40    is inside the id, the credit code or the CAS number
=================  =====  ==========================================================

Ties break on label, then id. The store orders candidates the same way before it cuts them
at ``limit``, so the cut never drops a better match.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date
from typing import cast

from chainatlas.graph.dated import on_day
from chainatlas.graph.errors import InvalidOption
from chainatlas.graph.model import Label
from chainatlas.graph.queries.answers import SearchHit
from chainatlas.graph.reading import in_one_read
from chainatlas.graph.store import GraphStore
from chainatlas.graph.text import MatchKind

SCORES: dict[MatchKind, int] = {
    MatchKind.EXACT_CODE: 100,
    MatchKind.EXACT_NAME: 90,
    MatchKind.NAME_PREFIX: 80,
    MatchKind.NAME_CONTAINS: 70,
    MatchKind.OTHER_NAME: 60,
    MatchKind.PINYIN: 50,
    MatchKind.CODE_CONTAINS: 40,
}
SEARCHABLE = (Label.ENTERPRISE, Label.PRODUCT)
MAX_LIMIT = 500


@in_one_read
def search(
    store: GraphStore,
    q: str,
    *,
    kinds: Iterable[Label | str] = SEARCHABLE,
    limit: int = 20,
    as_of: date | None = None,
) -> list[SearchHit]:
    """Firms and products matching ``q``, best first.

    Each result is ``{label, id, name, name_en, short_name, matched, score}`` (fields that
    are unknown left out), ordered by ``(-score, label, id)``. ``ValueError`` for an empty
    query, a kind that cannot be searched, or a limit outside 1..500. With ``as_of``, firms
    not in the map that day are not found (products always are).
    """
    labels = sorted({Label(k) for k in kinds})
    if not labels or any(lab not in SEARCHABLE for lab in labels):
        raise InvalidOption("kinds", f"kinds must be among {[lab.value for lab in SEARCHABLE]}")
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")
    found: list[SearchHit] = []
    for c in on_day(store, as_of).search_candidates(q, labels=labels, cap=limit):
        kind = MatchKind(c["match"])
        item = {
            "label": c["label"],
            "id": c["id"],
            "name": c.get("name"),
            "name_en": c.get("name_en"),
            "short_name": c.get("short_name"),
            "matched": kind.name.lower(),
            "score": SCORES[kind],
        }
        found.append(cast(SearchHit, {k: v for k, v in item.items() if v is not None}))
    found.sort(key=lambda r: (-r["score"], r["label"], r["id"]))
    return found


@in_one_read
def search_page(
    store: GraphStore,
    q: str,
    *,
    kinds: Iterable[Label | str] = SEARCHABLE,
    limit: int = 20,
    offset: int = 0,
    as_of: date | None = None,
) -> tuple[int, list[SearchHit]]:
    """One page of the best :data:`MAX_LIMIT` hits of :func:`search`: ``(total, hits)``,
    ``total`` how many of them there are, ``hits`` from ``offset``, at most ``limit``.

    Only the hits up to the page's end are ranked; when there are more, they are counted,
    not read (``新材`` is in a tenth of a province's names: its first page used to rank 500
    of them to show 20)."""
    if not 1 <= limit <= MAX_LIMIT:
        raise InvalidOption("limit", f"limit must be between 1 and {MAX_LIMIT}")
    if offset < 0:
        raise InvalidOption("offset", "offset must be 0 or more")
    end, labels = min(offset + limit, MAX_LIMIT), sorted({Label(k) for k in kinds})
    hits = search(store, q, kinds=labels, limit=end, as_of=as_of)
    total = len(hits)
    if total == end < MAX_LIMIT:  # a full page: how many more, up to the cap
        total = on_day(store, as_of).search_count(q, labels=labels, cap=MAX_LIMIT)
    return total, hits[offset : offset + limit]
