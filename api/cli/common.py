"""What every ``chainatlas`` command shares: the consoles, the ``--json`` and ``--data``
options, and JSON output (UTF-8, Chinese unescaped)."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date, datetime
from pathlib import Path
from typing import Annotated, Any

import typer
from pydantic import ValidationError
from rich.console import Console

from chainatlas.graph.dated import on_day
from chainatlas.graph.settings import get_settings
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.stores import open_store

out = Console()
err = Console(stderr=True)

JsonOpt = Annotated[bool, typer.Option("--json", help="Machine-readable JSON on stdout.")]
DataOpt = Annotated[
    Path | None,
    typer.Option(
        "--data",
        help="Read this bundle directly (embedded store); the data directory is left alone.",
    ),
]


AsOfOpt = Annotated[
    datetime | None,
    typer.Option(
        "--as-of",
        formats=["%Y-%m-%d"],
        help="The day to answer about (YYYY-MM-DD): only facts that hold then count. "
        "Default: today.",
    ),
]


def opened(data: Path | None) -> GraphStore:
    """The configured store (``--data``: that bundle), pinged: an unreachable Neo4j fails
    here at once (``StoreUnavailable``, exit 3) instead of after the driver's retries."""
    store = open_store(get_settings(), data=data)
    try:
        store.ping()
    except BaseException:
        store.close()
        raise
    return store


@contextmanager
def store_on_day(store: GraphStore, as_of: datetime | None) -> Iterator[GraphStore]:
    """``store`` (closed afterwards) as it stood on ``as_of``, today when it is ``None``."""
    with store:
        yield on_day(store, date.today() if as_of is None else as_of.date())


def config_errors(error: ValidationError) -> list[str]:
    """One line per bad setting, naming its variable and what is wrong (no traceback).

    >>> from chainatlas.graph.settings import Settings
    >>> try:
    ...     Settings(_env_file=None, CHAINATLAS_TILE_URL="ftp://x")
    ... except ValidationError as e:
    ...     print(*config_errors(e))
    configuration: CHAINATLAS_TILE_URL must be an http(s) URL with {z}, {x} and {y}, e.g. https://tiles.internal/{z}/{x}/{y}.png
    """
    lines = []
    for item in error.errors():
        message = str(item["msg"]).removeprefix("Value error, ")
        name = ".".join(str(part) for part in item["loc"])
        lines.append(
            f"configuration: {message}"
            if not name or name in message
            else f"configuration: {name}: {message}"
        )
    return lines


def emit_json(value: Any) -> None:
    """Print ``value`` as JSON (UTF-8, Chinese unescaped)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")
