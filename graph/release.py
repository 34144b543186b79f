"""The version of ChainAtlas that runs: the installed distribution's (``chainatlas.__version__``,
the API's ``info.version``, a load receipt's ``code``), ``0+unknown`` from a source tree that
was never installed."""

from __future__ import annotations

from functools import cache
from importlib import metadata


@cache
def code_version() -> str:
    try:
        return metadata.version("chainatlas")
    except metadata.PackageNotFoundError:  # pragma: no cover - a bare checkout
        return "0+unknown"
