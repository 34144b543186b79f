"""Query parameters the pages share: the answer's format, the folded groups to open, and the
day a page's form asks about."""

from __future__ import annotations

import re
from datetime import date
from enum import StrEnum
from typing import Annotated

from fastapi import Depends, Query, Request

from chainatlas.api.deps import AS_OF_HELP, ID_PATTERN, FormDay, Store
from chainatlas.api.problems import Problem
from chainatlas.graph.dated import on_day
from chainatlas.graph.store import GraphStore
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


async def get_store_on_form_day(
    store: Store,
    as_of: Annotated[
        date | None, FormDay, Query(description=f"{AS_OF_HELP} Empty (the form's blank): today.")
    ] = None,
) -> GraphStore:
    return on_day(store, as_of or date.today())


#: the store as it stood on the day the page's form asks (``as_of``; today when blank), as the
#: API's routes answer by default: a contract that ended is not drawn as current
StoreOnFormDay = Annotated[GraphStore, Depends(get_store_on_form_day)]


def asked_day(request: Request) -> str:
    """The ``as_of`` the reader asked for, as the form's date field shows it ("" for today)."""
    return request.query_params.get("as_of", "")


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
