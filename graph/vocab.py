"""Words every layer shares, each written once: the id rule, company forms, place prefixes and
the districts of the cluster.

The stages (上游/中游/下游) and cooperation kinds (信息/技术/人才/资金/产品), with their English
names, are enums of :mod:`graph.model`; the districts' colours are the views' (viz/style.py).
Loaders, the API, the views and the scripts import these names; tests/graph/test_vocab.py checks
that they do and that no copy creeps back.

>>> bool(ID_RE.match("E0001")), bool(ID_RE.match("E 1"))
(True, False)
>>> COMPANY_FORMS.index(JOINT_STOCK) < COMPANY_FORMS.index(LIMITED)  # longest first
True
>>> [d.id for d in DISTRICTS]
['shangyu', 'ningbo', 'keqiao']
"""

from __future__ import annotations

import re
from typing import NamedTuple

#: the id rule of every table (docs/bundle.md), for bundle cells and API parameters alike;
#: ``ID_CHARS`` is the rule inside larger patterns (a view's ``Enterprise:E0001`` group keys)
ID_CHARS = r"[A-Za-z0-9_.-]{1,64}"
ID_PATTERN = rf"^{ID_CHARS}$"
ID_RE = re.compile(ID_PATTERN)

#: the two forms firms register under most: a company limited by shares, a limited company
JOINT_STOCK = "股份有限公司"
LIMITED = "有限公司"


def _longest_first(words: set[str]) -> tuple[str, ...]:
    # longest first, so 股份有限公司 is tried before 有限公司; ties in a fixed order
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


#: company forms at the end of a registered name
COMPANY_FORMS = _longest_first(
    {
        JOINT_STOCK,
        "有限责任公司",
        "集团有限公司",
        LIMITED,
        "集团公司",
        "股份公司",
        "集团",
        "公司",
        "厂",
    }
)
#: the same in English (lower case, as names are compared)
COMPANY_FORMS_EN = _longest_first(
    {
        "co.,ltd.",
        "co.,ltd",
        "co.ltd.",
        "co.ltd",
        "company",
        "limited",
        "ltd.",
        "ltd",
        "inc.",
        "inc",
        "corp.",
        "corp",
        "group",
    }
)
#: administrative places of the cluster and its neighbours that open a registered name
PLACE_PREFIXES = _longest_first(
    {
        "中国",
        "浙江省",
        "浙江",
        "绍兴市",
        "绍兴",
        "上虞区",
        "上虞",
        "宁波市",
        "宁波",
        "柯桥区",
        "柯桥",
        "杭州湾",
        "杭州市",
        "杭州",
        "北仑区",
        "北仑",
        "镇海区",
        "镇海",
        "嘉兴市",
        "嘉兴",
        "衢州市",
        "衢州",
    }
)


class District(NamedTuple):
    """A district of the cluster: region id, Chinese and English name."""

    id: str
    zh: str
    en: str


#: the core district and its two partners, in the order legends list them
DISTRICTS: tuple[District, ...] = (
    District("shangyu", "上虞", "Shangyu"),
    District("ningbo", "宁波", "Ningbo"),
    District("keqiao", "柯桥", "Keqiao"),
)
#: every place that is none of :data:`DISTRICTS`
ELSEWHERE = District("other", "其他", "Elsewhere")
