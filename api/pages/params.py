"""Query parameters the pages share: the answer's format and the folded groups to open."""

from __future__ import annotations

import re
from enum import StrEnum
from typing import Annotated

from fastapi import Query

from chainatlas.api.deps import ID_PATTERN
from chainatlas.api.problems import Problem
from chainatlas.graph.vocab import ID_CHARS

#: expand at most this many folded groups at once
MAX_EXPAND = 24


class ViewFormat(StrEnum):
    html = "html"
    json = "json"
    standalone = "standalone"
    csv = "csv"
    xlsx = "xlsx"


#: the formats that are the answer's table (graph.tables), as a file
TABLE_FORMATS = (ViewFormat.csv, ViewFormat.xlsx)
FormatQ = Annotated[
    ViewFormat, Query(alias="format", description="html, json, standalone, csv or xlsx.")
]
EXPAND_RE = re.compile(rf"(?:Group:)?((?:Enterprise|Product):{ID_CHARS})")
ExpandQ = Annotated[
    list[str] | None,
    Query(
        max_length=MAX_EXPAND,
        description="Folded groups to open, e.g. Group:Enterprise:shangyu (repeatable).",
    ),
]
OptId = Annotated[str | None, Query(pattern=ID_PATTERN)]
#: an id, or nothing picked yet (a form's empty choice)
FormId = Annotated[str | None, Query(pattern=r"^$|" + ID_PATTERN)]


def check_expand(expand: list[str] | None) -> list[str]:
    """Group keys only (FastAPI checks ``pattern`` on single values, not on list items).

    >>> check_expand(["Enterprise:shangyu", "Group:Product:pta"])
    ['Group:Enterprise:shangyu', 'Group:Product:pta']
    """
    expand = expand or []
    found = [EXPAND_RE.fullmatch(g) for g in expand]
    bad = [g for g, m in zip(expand, found, strict=True) if m is None]
    if bad:
        raise Problem(
            "validation",
            "Invalid value in expand.",
            errors=[
                {
                    "in": "query",
                    "name": "expand",
                    "message": "a group such as Enterprise:shangyu",
                    "type": "string_pattern_mismatch",
                }
            ],
        )
    return [f"Group:{m.group(1)}" for m in found if m is not None]
