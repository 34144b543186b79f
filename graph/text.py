"""Text keys people type to find things: pinyin, initials, a folded form for matching.

>>> pinyin_keys("聚苯硫醚")
('jubenliumi', 'jblm')
>>> pinyin_keys("PPS树脂")
('ppsshuzhi', 'ppssz')
>>> fold("  Ｐｐｓ（注塑级） ")
'pps(注塑级)'
>>> text = search_text(["pps", "聚苯硫醚", None, "Polyphenylene sulfide", "9016-75-5",
...                     "jubenliumi", "jblm"], aliases=["PPS树脂"])
>>> [match_kind(q, text) for q in ("9016-75-5", "聚苯硫醚", "聚苯", "硫", "pps树", "jblm", "9016")]
[<MatchKind.EXACT_CODE: 0>, <MatchKind.EXACT_NAME: 1>, <MatchKind.NAME_PREFIX: 2>, \
<MatchKind.NAME_CONTAINS: 3>, <MatchKind.OTHER_NAME: 4>, <MatchKind.PINYIN: 5>, \
<MatchKind.CODE_CONTAINS: 6>]
"""

from __future__ import annotations

import itertools
import unicodedata
from collections.abc import Iterable, Sequence
from enum import IntEnum

from pypinyin import lazy_pinyin

from chainatlas.graph.errors import InvalidOption


def fold(text: str) -> str:
    """NFKC (full-width → half-width), lower case, trimmed: the form both stores match on."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


def pinyin_keys(text: str) -> tuple[str, str]:
    """Full pinyin and initials of ``text``: lower case, no tones, no spaces or punctuation.

    Latin letters and digits are kept whole in both keys, so "PPS树脂" gives "ppssz".
    """
    full: list[str] = []
    initials: list[str] = []
    for han, run in itertools.groupby(fold(text), key=_is_han):
        chunk = "".join(run)
        if han:
            syllables = lazy_pinyin(chunk)
            full.extend(syllables)
            initials.extend(s[0] for s in syllables if s)
        else:
            kept = "".join(c for c in chunk if c.isalnum())
            full.append(kept)
            initials.append(kept)
    return "".join(full), "".join(initials)


# -- search_text ------------------------------------------------------------------------------
#: The fixed lines of ``search_text``, in order; the folded aliases follow, one per line.
#: ``code`` is the credit code of a firm, the CAS number of a product. Both stores classify a
#: match by line number (cypher/search_candidates.cypher splits the text the same way).
SEARCH_LINES = ("id", "name", "short_name", "name_en", "code", "pinyin", "initials")
_ID, _NAME, _SHORT, _EN, _CODE, _PINYIN, _INITIALS = range(len(SEARCH_LINES))


def _line(value: str | None) -> str:
    return fold(value).replace("\n", " ").replace("\r", " ") if value else ""


def search_text(fields: Sequence[str | None], *, aliases: Iterable[str] = ()) -> str:
    """The newline-joined folded search keys: ``fields`` in :data:`SEARCH_LINES` order, then
    one line per alias. Missing fields keep an empty line so every field keeps its line."""
    if len(fields) != len(SEARCH_LINES):
        raise ValueError(f"search_text takes {len(SEARCH_LINES)} fields: {SEARCH_LINES}")
    return "\n".join([_line(f) for f in fields] + [_line(a) for a in aliases])


def search_query(q: str) -> str:
    """``q`` folded as ``search_text`` is; ``ValueError`` when nothing is left to look for."""
    folded = _line(q)
    if not folded:
        raise InvalidOption("q", "empty search query")
    return folded


class MatchKind(IntEnum):
    """How a query matched, best first (the order search results are ranked in)."""

    EXACT_CODE = 0  #: equals the id, credit code or CAS number
    EXACT_NAME = 1  #: equals the name
    NAME_PREFIX = 2  #: starts the name
    NAME_CONTAINS = 3  #: inside the name
    OTHER_NAME = 4  #: inside a short name, English name or alias
    PINYIN = 5  #: inside the full pinyin or the initials
    CODE_CONTAINS = 6  #: inside the id, credit code or CAS number


def match_kind(q: str, text: str) -> MatchKind | None:
    """How the folded query ``q`` matches a node's ``search_text`` (None: it does not)."""
    if q not in text:
        return None
    lines = text.split("\n")
    if q in (lines[_ID], lines[_CODE]):
        return MatchKind.EXACT_CODE
    name = lines[_NAME]
    if name == q:
        return MatchKind.EXACT_NAME
    if name.startswith(q):
        return MatchKind.NAME_PREFIX
    if q in name:
        return MatchKind.NAME_CONTAINS
    if any(q in s for s in (lines[_SHORT], lines[_EN], *lines[_INITIALS + 1 :])):
        return MatchKind.OTHER_NAME
    if q in lines[_PINYIN] or q in lines[_INITIALS]:
        return MatchKind.PINYIN
    return MatchKind.CODE_CONTAINS
