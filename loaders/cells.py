"""One cell of text in, one native value out (or a :class:`CellError` saying why not).

Every function takes a trimmed, non-empty string. Machine-read values (ids, numbers, codes,
enumerations) are NFKC-normalised first, so full-width ``Ｅ１`` or ``２０１９`` read as ASCII;
free text is kept as written (registered names use full-width brackets on purpose).
"""

from __future__ import annotations

import functools
import math
import re
import unicodedata
from collections.abc import Callable
from datetime import date
from typing import Any

from chainatlas.graph.model import COOP_KIND_EN, STAGE_EN
from chainatlas.graph.units import UNITS, canonical_unit
from chainatlas.graph.vocab import ID_RE
from chainatlas.loaders.codes import cas_problem, credit_code_problem

_NUMBER_RE = re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$")
_THOUSANDS_RE = re.compile(r"^\d{1,3}(,\d{3})+(\.\d+)?$")
_LIST_SEP = re.compile(r"[|｜、；;]")
#: characters no cell may hold: C0 controls but tab, line feed and carriage return, DEL, and
#: the two non-characters; XML 1.0 (GraphML, GEXF, xlsx) cannot carry most of them
CONTROL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_CONTROL_NAMES = {0: "NUL", 7: "BEL", 8: "BS", 0x0B: "VT", 0x0C: "FF", 0x1B: "ESC", 0x7F: "DEL"}

BOOLS = {
    "是": True,
    "否": False,
    "true": True,
    "false": False,
    "1": True,
    "0": False,
    "yes": True,
    "no": False,
}
STAGES = {**{s.value: s.value for s in STAGE_EN}, **{en: s.value for s, en in STAGE_EN.items()}}
COOP_KINDS = {
    **{k.value: k.value for k in COOP_KIND_EN},
    **{en: k.value for k, en in COOP_KIND_EN.items()},
}
SCALES = {
    "大型": "大型",
    "中型": "中型",
    "小型": "小型",
    "微型": "微型",
    "large": "大型",
    "medium": "中型",
    "small": "小型",
    "micro": "微型",
}
ROLES = {
    "core": "core",
    "partner": "partner",
    "outside": "outside",
    "核心": "core",
    "协作": "partner",
    "外部": "outside",
}
SIDES = {"offer": "offer", "need": "need", "供给": "offer", "需求": "need"}
REACHES = {
    "district": "district",
    "cluster": "cluster",
    "any": "any",
    "本区": "district",
    "集群": "cluster",
    "不限": "any",
}
POST_STATUSES = {
    "open": "open",
    "matched": "matched",
    "withdrawn": "withdrawn",
    "expired": "expired",
    "开放": "open",
    "已撮合": "matched",
    "已撤回": "withdrawn",
    "已过期": "expired",
}
DATUMS = {
    "wgs84": "wgs84",
    "wgs-84": "wgs84",
    "gps": "wgs84",
    "gcj02": "gcj02",
    "gcj-02": "gcj02",
    "火星坐标": "gcj02",
    "高德": "gcj02",
}


class CellError(ValueError):
    """A cell that cannot be read as its column's kind; ``code`` is the issue code."""

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def control_problem(raw: str) -> str | None:
    r"""Why ``raw`` cannot be a cell (the first control character in it), or None.

    >>> control_problem("甲化工\x00"), control_problem("line one\nline two")
    ('contains the control character U+0000 (NUL) at character 4; remove it', None)
    """
    found = CONTROL.search(raw)
    if found is None:
        return None
    point = ord(found.group())
    name = f" ({_CONTROL_NAMES[point]})" if point in _CONTROL_NAMES else ""
    return (
        f"contains the control character U+{point:04X}{name} at character "
        f"{found.start() + 1}; remove it"
    )


def nfkc(text: str) -> str:
    return unicodedata.normalize("NFKC", text).strip()


def parse_id(raw: str) -> str:
    value = nfkc(raw)
    if not ID_RE.match(value):
        raise CellError("bad-id", f"not an id: {raw!r} (letters, digits, _ . - only; at most 64)")
    return value


def parse_number(raw: str) -> int | float:
    """A quantity ≥ 0: int when integral (20000, not 20000.0), else float."""
    text = nfkc(raw)
    if _THOUSANDS_RE.match(text):
        text = text.replace(",", "")
    if not _NUMBER_RE.match(text) or not math.isfinite(value := float(text)):
        raise CellError("bad-number", f"not a number: {raw!r}")
    if value < 0:
        raise CellError("bad-number", f"must be a number ≥ 0, got {raw}")
    return int(value) if value.is_integer() and abs(value) < 2**53 else value


def parse_year(raw: str) -> int:
    text = nfkc(raw).removesuffix("年")
    if not re.fullmatch(r"\d{4}", text) or not 1900 <= int(text) <= 2100:
        raise CellError("bad-year", f"not a year between 1900 and 2100: {raw!r}")
    return int(text)


_DATE_RE = re.compile(r"(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:T00:00(?::00)?)?")


def parse_date(raw: str) -> int | str:
    """A year (``2019``, ``2019年``: kept as an ``int``, as ``since`` always was) or a day
    (``2019-03-01``, ``2019/3/1``, ``2019年3月1日``, a workbook's midnight datetime), as an
    ISO date. :mod:`graph.asof` compares the two alike.

    >>> parse_date("２０１９年"), parse_date("2019/3/1"), parse_date("2019-03-01T00:00:00")
    (2019, '2019-03-01', '2019-03-01')
    """
    text = nfkc(raw)
    if re.fullmatch(r"\d{4}年?", text):
        return parse_year(text)
    found = _DATE_RE.fullmatch(text)
    try:
        if found is None:
            raise ValueError(text)
        day = date(int(found[1]), int(found[2]), int(found[3]))
    except ValueError:
        msg = f"not a year or a date: {raw!r} (2019, or a day such as 2019-03-01)"
        raise CellError("bad-date", msg) from None
    if not 1900 <= day.year <= 2100:
        raise CellError("bad-date", f"not a date between 1900 and 2100: {raw!r}")
    return day.isoformat()


def _choice(table: dict[str, Any], code: str, what: str) -> Callable[[str], Any]:
    allowed = "/".join(table)

    def parse(raw: str) -> Any:
        value = table.get(nfkc(raw).lower())
        if value is None:
            raise CellError(code, f"unknown {what} {raw!r} ({allowed})")
        return value

    return parse


def parse_unit(raw: str) -> str:
    unit = canonical_unit(nfkc(raw))
    if unit is None:
        raise CellError("unknown-unit", f"unknown unit {raw!r} (known: {', '.join(UNITS)})")
    return unit


def parse_credit_code(raw: str) -> str:
    code = nfkc(raw).upper()
    problem = credit_code_problem(code)
    if problem:
        raise CellError("bad-credit-code", problem)
    return code


def parse_cas(raw: str) -> str:
    cas = nfkc(raw)
    problem = cas_problem(cas)
    if problem:
        raise CellError("bad-cas", problem)
    return cas


def parse_hs_code(raw: str) -> str:
    # customs codes are often written with dots (3911.90); the digits are the code
    code = re.sub(r"[.\s]", "", nfkc(raw))
    if not re.fullmatch(r"\d{4,10}", code):
        raise CellError("bad-hs-code", f"not an HS code: {raw!r} (4 to 10 digits)")
    return code


def _coordinate(limit: float, code_name: str) -> Callable[[str], float]:
    def parse(raw: str) -> float:
        text = nfkc(raw).replace("°", "")
        if not _NUMBER_RE.match(text) or not math.isfinite(value := float(text)):
            raise CellError("bad-coordinate", f"not a {code_name} in degrees: {raw!r}")
        if not -limit <= value <= limit:
            msg = f"{code_name} must be between -{limit:g} and {limit:g} degrees, got {raw}"
            raise CellError("bad-coordinate", msg)
        return value

    return parse


def parse_adcode(raw: str) -> str:
    """A 6-digit administrative division code (行政区划代码), e.g. 330604 for 上虞区."""
    code = nfkc(raw)
    if not re.fullmatch(r"[1-9]\d{5}", code):
        raise CellError("bad-adcode", f"not an administrative code: {raw!r} (6 digits, 330604)")
    return code


def parse_list(raw: str) -> list[str]:
    items = (item.strip() for item in _LIST_SEP.split(raw))
    return list(dict.fromkeys(item for item in items if item))


PARSERS: dict[str, Callable[[str], Any]] = {
    "id": parse_id,
    "text": str.strip,
    "list": parse_list,
    "number": parse_number,
    "unit": parse_unit,
    "year": parse_year,
    "date": parse_date,
    "bool": _choice(BOOLS, "bad-bool", "yes/no value"),
    "stage": _choice(STAGES, "bad-stage", "stage"),
    "coop_kind": _choice(COOP_KINDS, "bad-kind", "cooperation kind"),
    "scale": _choice(SCALES, "bad-scale", "scale"),
    "role": _choice(ROLES, "bad-role", "region role"),
    "cas": parse_cas,
    "hs_code": parse_hs_code,
    "credit_code": parse_credit_code,
    "lon": _coordinate(180, "longitude"),
    "lat": _coordinate(90, "latitude"),
    "datum": _choice(DATUMS, "bad-datum", "datum"),
    "adcode": parse_adcode,
    "side": _choice(SIDES, "bad-side", "side"),
    "reach": _choice(REACHES, "bad-reach", "reach"),
    "post_status": _choice(POST_STATUSES, "bad-status", "post status"),
}


#: one bounded cache per kind of scalar cell: ids, units and years repeat on every edge row
#: of a big bundle, and a cache keyed by the text alone (not by kind and text) halves the
#: cost of the cells that repeat
_CACHED: dict[str, Callable[[str], Any]] = {
    kind: functools.lru_cache(maxsize=1 << 16)(parse) for kind, parse in PARSERS.items()
}
# a list is mutable (every row gets its own), and free text rarely repeats: neither is cached
_CACHED["list"], _CACHED["text"] = parse_list, str.strip


def cell_parser(kind: str) -> Callable[[str], Any]:
    """The parser of non-empty cells of ``kind`` (each raises :class:`CellError`)."""
    return _CACHED[kind]


def parse_cell(kind: str, raw: str) -> Any:
    """The value of a non-empty cell of ``kind``; raises :class:`CellError`."""
    return _CACHED[kind](raw)
