"""Enterprise names reduced to what tells firms apart, to catch one firm under two spellings.

Registered names wrap a distinctive core in a region prefix and a legal-form suffix, and
people drop either at will: 浙江丙化纤股份有限公司, 丙化纤有限公司 and 丙化纤（上虞）有限公司 are
one firm. :func:`name_key` keeps the core.

>>> name_key("浙江丙化纤股份有限公司")
'丙化纤'
>>> name_key("绍兴柯桥丁纺织有限公司") == name_key("丁纺织（柯桥）有限公司") == "丁纺织"
True
>>> name_key("Ｚｈｅｊｉａｎｇ ABC Co., Ltd.")
'zhejiangabc'

The places a name drops still tell firms apart: 杭州银行 and 宁波银行 share the core 银行 but
name two different places, so they are two firms. :func:`same_firm` compares both:

>>> same_firm("杭州银行", "宁波银行"), same_firm("宁波热电", "杭州热电集团")
(False, False)
>>> same_firm("浙江丙化纤股份有限公司", "丙化纤（上虞）有限公司")  # 上虞 is in 浙江
True
"""

from __future__ import annotations

import re
import unicodedata

from chainatlas.graph.vocab import COMPANY_FORMS, COMPANY_FORMS_EN, PLACE_PREFIXES

#: places that open a registered name, and legal forms that close it, longest first
REGION_PREFIXES = PLACE_PREFIXES
LEGAL_SUFFIXES = COMPANY_FORMS + COMPANY_FORMS_EN

# bracketed places and notes: (上虞), [宁波], 【总部】
_BRACKETS = re.compile(r"\([^()]*\)|\[[^\[\]]*\]|【[^【】]*】|〔[^〔〕]*〕")
_NOISE = re.compile(r"[\s,，.·・&-]+")

#: each place of :data:`REGION_PREFIXES` (without 省/市/区) and the place it lies in; 杭州湾
#: (the bay area whose parks straddle 上虞, 宁波 and 嘉兴) lies in 浙江 and overlaps those
PLACE_PARENT = {
    "浙江": "中国",
    "绍兴": "浙江",
    "上虞": "绍兴",
    "柯桥": "绍兴",
    "宁波": "浙江",
    "北仑": "宁波",
    "镇海": "宁波",
    "杭州": "浙江",
    "杭州湾": "浙江",
    "嘉兴": "浙江",
    "衢州": "浙江",
}
PLACE_OVERLAPS = {"杭州湾": frozenset({"绍兴", "上虞", "宁波", "嘉兴"})}


def place(word: str) -> str:
    """A place word without its 省/市/区 (浙江省 → 浙江, 上虞区 → 上虞)."""
    return word[:-1] if word[-1:] in ("省", "市", "区") and len(word) > 2 else word


#: the places a name can be told apart by
_KNOWN = frozenset(map(place, REGION_PREFIXES))


def _within(a: str) -> set[str]:
    """``a`` and every place it lies in."""
    found = {a}
    while a in PLACE_PARENT:
        a = PLACE_PARENT[a]
        found.add(a)
    return found


def _agree(a: str, b: str) -> bool:
    """Whether places ``a`` and ``b`` can name one firm: the same, one inside the other, or
    overlapping areas."""
    return (
        a in _within(b)
        or b in _within(a)
        or b in PLACE_OVERLAPS.get(a, ())
        or a in PLACE_OVERLAPS.get(b, ())
    )


def _strip_one(name: str) -> tuple[str, str | None]:
    """``name`` without one affix, and the place it was when it was a place."""
    # the longest affix first, and one at a time: 绍兴市上虞区 is 绍兴市 then 上虞区, never 上虞
    for suffix in LEGAL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)], None
    for prefix in REGION_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :], place(prefix)
    return name, None


def name_key(name: str) -> str:
    """The distinctive core of an enterprise name (NFKC, lower case, no place or legal form)."""
    return name_parts(name)[0]


def name_places(name: str) -> frozenset[str]:
    """The places an enterprise name names: its region prefixes and bracketed places
    (浙江丙化纤（上虞）有限公司 → 浙江, 上虞)."""
    return name_parts(name)[1]


def name_parts(name: str) -> tuple[str, frozenset[str]]:
    """:func:`name_key` and :func:`name_places` of ``name``."""
    text = unicodedata.normalize("NFKC", name).lower()
    places = {place(m.group()[1:-1]) for m in _BRACKETS.finditer(text)}
    text = re.sub(r"\s+", "", _BRACKETS.sub("", text))
    rest = text
    while (stripped := _strip_one(rest))[0] != rest:
        rest, where = stripped
        if where:
            places.add(where)
    return _NOISE.sub("", rest) or text, frozenset(places & _KNOWN)


def same_firm(a: str, b: str) -> bool:
    """Whether enterprise names ``a`` and ``b`` likely name one firm: the same core, and no
    place of one that contradicts a place of the other (a name without places agrees with any).
    """
    (core_a, places_a), (core_b, places_b) = name_parts(a), name_parts(b)
    return core_a == core_b and places_agree(places_a, places_b)


def places_agree(a: frozenset[str], b: frozenset[str]) -> bool:
    """Whether two names' places can name one firm: every place of one agrees with every
    place of the other (the same, one inside the other, or overlapping areas)."""
    return all(_agree(x, y) for x in a for y in b)
