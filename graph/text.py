"""Text keys people type to find things: pinyin, initials, a folded form for matching.

>>> pinyin_keys("聚苯硫醚")
('jubenliumi', 'jblm')
>>> pinyin_keys("PPS树脂")
('ppsshuzhi', 'ppssz')
>>> pinyin_readings("澜晟")  # 晟 reads cheng, sheng or jing: each is indexed
[('lancheng', 'lc'), ('lansheng', 'ls'), ('lanjing', 'lj')]
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
from collections.abc import Callable, Iterable, Sequence
from enum import IntEnum
from functools import lru_cache

import pypinyin.core
from pypinyin import Style, lazy_pinyin, pinyin

from chainatlas.graph.errors import InvalidOption


def fold(text: str) -> str:
    """NFKC (full-width → half-width), lower case, trimmed: the form both stores match on."""
    return unicodedata.normalize("NFKC", text).strip().lower()


def _is_han(ch: str) -> bool:
    return "\u3400" <= ch <= "\u9fff" or "\uf900" <= ch <= "\ufaff"


@lru_cache(maxsize=4096)
def _readings(ch: str) -> tuple[str, ...]:
    """Every toneless reading of the Han character ``ch`` (晟: cheng, sheng, jing)."""
    return tuple(dict.fromkeys(r for r in pinyin(ch, style=Style.NORMAL, heteronym=True)[0] if r))


#: pypinyin's own segmentation (not in its type stubs): lazy_pinyin reads a text word by word,
#: each word on its own. Without it (another pypinyin), the whole run is one word.
_words: Callable[[str], list[str]] = getattr(pypinyin.core, "seg", lambda hans: [hans])


@lru_cache(maxsize=1 << 16)
def _word_syllables(word: str) -> tuple[str, ...]:
    return tuple(lazy_pinyin(word))


def _syllables(han: str) -> list[str]:
    """``lazy_pinyin(han)``, word by word: pypinyin reads each word of its segmentation on its
    own, so a word's syllables are cached. A province's firm names share most of their words
    (有限公司, 新材料, 科技): 200,000 names read in 3.5 s instead of 22 s, the same syllables
    (``tests/graph/test_text.py`` compares them with ``lazy_pinyin`` of the whole run)."""
    return [s for word in _words(han) for s in _word_syllables(word)]


#: one piece of a name: its reading in context, its other readings, whether it is read as Han
_Piece = tuple[str, tuple[str, ...], bool]


@lru_cache(maxsize=1 << 16)
def _word_pieces(word: str) -> tuple[_Piece, ...] | None:
    """The pieces of one word of pypinyin's segmentation, each syllable with the other
    readings of its character; ``None`` when pypinyin kept unknown characters together (not
    one syllable per character). Names share most of their words, so this is read once."""
    syllables = _word_syllables(word)
    if len(syllables) != len(word):
        return None
    return tuple(_han_piece(ch, said) for ch, said in zip(word, syllables, strict=True))


def _han_piece(ch: str, said: str) -> _Piece:
    """The Han character ``ch`` read ``said`` in context, with its other readings."""
    return said, tuple(r for r in _readings(ch) if r != said), True


def _han_pieces(chunk: str) -> list[_Piece]:
    """A run of Han characters as one piece per syllable: from its words' cached pieces, or,
    when a word is not read one syllable per character, as :func:`_syllables` reads the run
    (other readings only if the run as a whole has one syllable per character)."""
    pieces: list[_Piece] = []
    for word in _words(chunk):
        cached = _word_pieces(word)
        if cached is None:
            syllables = _syllables(chunk)
            per_char = len(syllables) == len(chunk)
            return [
                _han_piece(chunk[i], said) if per_char else (said, (), True)
                for i, said in enumerate(syllables)
            ]
        pieces += cached
    return pieces


def _pieces(text: str) -> list[_Piece]:
    """``text`` as one piece per Han syllable and one per run of Latin letters and digits."""
    pieces: list[_Piece] = []
    for han, run in itertools.groupby(fold(text), key=_is_han):
        chunk = "".join(run)
        if han:
            pieces += _han_pieces(chunk)
        else:
            pieces.append(("".join(c for c in chunk if c.isalnum()), (), False))
    return pieces


def pinyin_keys(text: str) -> tuple[str, str]:
    """Full pinyin and initials of ``text``: lower case, no tones, no spaces or punctuation;
    each character read as pypinyin reads it in context.

    Latin letters and digits are kept whole in both keys, so "PPS树脂" gives "ppssz".
    """
    return pinyin_readings(text)[0]


def pinyin_readings(text: str) -> list[tuple[str, str]]:
    """``(full pinyin, initials)`` of ``text`` under every reading of its heteronyms: first
    :func:`pinyin_keys` (the readings in context), then, for each heteronym and each of its
    other readings, the keys with that one character read so (the rest as in context).
    Duplicates are dropped; the list grows with the heteronyms, never with their product.
    """
    pieces = _pieces(text)
    said = [p[0] for p in pieces]
    # a Han syllable's initial is its first letter; a run of Latin letters and digits is kept
    firsts = [s[:1] if han else s for s, _, han in pieces]
    out = [("".join(said), "".join(firsts))]
    for i, (_, others, _) in enumerate(pieces):
        if others:  # only a Han syllable has other readings
            head, tail = "".join(said[:i]), "".join(said[i + 1 :])
            first_head, first_tail = "".join(firsts[:i]), "".join(firsts[i + 1 :])
            out += [(head + o + tail, first_head + o[:1] + first_tail) for o in others]
    return list(dict.fromkeys(out))


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
