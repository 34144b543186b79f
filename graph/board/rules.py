"""What a post must be, for a bundle row and an API body alike: one rule set, one wording.

:func:`post_problems` returns ``(column, message, code)`` for each problem of one post; the
bundle validator locates them (``file:row:column``), the API names the form field.

>>> post_problems({"title": " ", "quantity": 0, "description": "x" * 2001,
...                "valid_from": "2026-03-01", "valid_until": "2026-02-01"})
... # doctest: +NORMALIZE_WHITESPACE
[('title', 'the title is empty', 'empty-title'),
 ('description', 'the description has 2001 characters; at most 2000', 'too-long'),
 ('quantity', 'quantity must be a positive number, got 0', 'bad-quantity'),
 ('valid_until', 'valid_until 2026-02-01 is before valid_from 2026-03-01', 'until-before-since')]
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Mapping
from typing import Any

from chainatlas.graph.asof import day

#: the most characters a post's description may hold
MAX_DESCRIPTION = 2000
#: the most characters a title may hold
MAX_TITLE = 120
#: the text fields of a post (each shown as text wherever it appears)
TEXT_FIELDS = ("title", "description", "unit", "contact_person", "phone", "email")
#: the fields only roles that may see contacts get (api.auth)
CONTACT_FIELDS = ("contact_person", "phone", "email")

Problem = tuple[str, str, str]
#: characters no text may hold (as loaders.cells.CONTROL): C0 controls but tab, line feed and
#: carriage return, DEL, and the two non-characters
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")


def post_problems(
    post: Mapping[str, Any],
    *,
    firm_known: Callable[[str], bool] | None = None,
    product_known: Callable[[str], bool] | None = None,
) -> list[Problem]:
    """Every problem of one post (parsed values); references are checked when the lookups
    are given."""
    found: list[Problem] = []
    for name in TEXT_FIELDS:
        value = post.get(name)
        if isinstance(value, str) and (hit := CONTROL.search(value)):
            msg = f"contains the control character U+{ord(hit.group()):04X}; remove it"
            found.append((name, msg, "control-character"))
    title = post.get("title")
    if title is not None and not str(title).strip():
        found.append(("title", "the title is empty", "empty-title"))
    elif title is not None and len(str(title)) > MAX_TITLE:
        msg = f"the title has {len(str(title))} characters; at most {MAX_TITLE}"
        found.append(("title", msg, "too-long"))
    text = post.get("description")
    if text is not None and len(str(text)) > MAX_DESCRIPTION:
        msg = f"the description has {len(str(text))} characters; at most {MAX_DESCRIPTION}"
        found.append(("description", msg, "too-long"))
    q = post.get("quantity")
    if q is not None and (
        isinstance(q, bool) or not isinstance(q, int | float) or not math.isfinite(q) or q <= 0
    ):
        found.append(("quantity", f"quantity must be a positive number, got {q}", "bad-quantity"))
    start, end = post.get("valid_from"), post.get("valid_until")
    if start is not None and end is not None and day(end) < day(start):
        msg = f"valid_until {end} is before valid_from {start}"
        found.append(("valid_until", msg, "until-before-since"))
    firm = post.get("enterprise_id")
    if firm_known is not None and firm is not None and not firm_known(firm):
        found.append(("enterprise_id", f"unknown enterprise {firm}", "unknown-reference"))
    if product_known is not None:
        for pid in post.get("products") or ():
            if not product_known(pid):
                found.append(("products", f"unknown product {pid}", "unknown-reference"))
    return found
