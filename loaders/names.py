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


def _strip_one(name: str) -> str:
    # the longest affix first, and one at a time: 绍兴市上虞区 is 绍兴市 then 上虞区, never 上虞
    for suffix in LEGAL_SUFFIXES:
        if name.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    for prefix in REGION_PREFIXES:
        if name.startswith(prefix) and len(name) > len(prefix):
            return name[len(prefix) :]
    return name


def _strip_affixes(name: str) -> str:
    while (shorter := _strip_one(name)) != name:
        name = shorter
    return name


def name_key(name: str) -> str:
    """The distinctive core of an enterprise name (NFKC, lower case, no place or legal form)."""
    text = unicodedata.normalize("NFKC", name).lower()
    text = _BRACKETS.sub("", text)
    text = re.sub(r"\s+", "", text)
    core = _strip_affixes(text)
    return _NOISE.sub("", core) or text
