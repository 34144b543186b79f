"""The one set of limits on what a bundle may make us do, for every way a bundle comes in.

A zip of CSV files and an ``.xlsx`` workbook are both zip archives: the same member count and
unpacked size apply to both, checked on the archive's directory before anything is unpacked
(:mod:`chainatlas.loaders.archive`). A sheet or CSV file may be at most ``columns`` wide, and a
workbook may hold at most ``cells`` cells, counted as they are read (the size a worksheet
claims for itself is ignored). Reports list the first ``issues`` errors and the first
``issues`` warnings, with a count per code of all of them. An upload is read in a worker
process with at most ``worker_memory_mb`` of address space and ``worker_seconds`` of time
(:mod:`chainatlas.loaders.worker`).

Every limit is a setting: ``CHAINATLAS_LIMITS=unpacked_mb=100,cells=1000000`` changes the
ones named (docs/security.md lists them all).

>>> limits = parse_limits("unpacked_mb=100, issues=50")
>>> limits.unpacked_bytes // MB, limits.issues, limits.columns
(100, 50, 256)
>>> parse_limits("cells=-1")
Traceback (most recent call last):
...
ValueError: CHAINATLAS_LIMITS: 'cells=-1' is not name=number > 0 (names: upload_mb, ...)
"""

from __future__ import annotations

from dataclasses import dataclass, replace

MB = 2**20
LIMITS_VAR = "CHAINATLAS_LIMITS"


@dataclass(frozen=True)
class Limits:
    upload_bytes: int = 50 * MB  #: an uploaded file, as sent
    unpacked_bytes: int = 200 * MB  #: the members of a zip or workbook, unpacked, together
    members: int = 64  #: CSV files of a zip; parts of a workbook
    columns: int = 256  #: the width of a header or of any row
    cells: int = 5_000_000  #: cells of a workbook (and entries of its shared-strings table)
    issues: int = 1000  #: errors shown, and warnings shown (the rest are counted by code)
    worker_memory_mb: int = 2048  #: address space of the process that reads an upload
    worker_seconds: float = 120.0  #: wall-clock time that process may take


DEFAULT_LIMITS = Limits()

#: setting name -> (field, factor)
_NAMES: dict[str, tuple[str, int]] = {
    "upload_mb": ("upload_bytes", MB),
    "unpacked_mb": ("unpacked_bytes", MB),
    "members": ("members", 1),
    "columns": ("columns", 1),
    "cells": ("cells", 1),
    "issues": ("issues", 1),
    "worker_memory_mb": ("worker_memory_mb", 1),
    "worker_seconds": ("worker_seconds", 1),
}


def parse_limits(text: str) -> Limits:
    """``name=number,…`` over :data:`DEFAULT_LIMITS`; raises ValueError naming the bad item."""
    changes: dict[str, float | int] = {}
    for item in filter(None, (p.strip() for p in text.split(","))):
        name, _, number = (s.strip() for s in item.partition("="))
        try:
            value = float(number)
        except ValueError:
            value = -1.0
        if name not in _NAMES or not value > 0:
            names = ", ".join(_NAMES)
            raise ValueError(f"{LIMITS_VAR}: {item!r} is not name=number > 0 (names: {names})")
        field, factor = _NAMES[name]
        changes[field] = value if field == "worker_seconds" else int(value * factor)
    return replace(DEFAULT_LIMITS, **changes)  # type: ignore[arg-type]


#: issue codes of a bundle refused for its size or shape: nothing else of it is checked
TOO_LARGE = frozenset({"too-large", "too-wide", "too-many-files", "too-many-cells", "too-costly"})
