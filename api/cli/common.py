"""What every ``chainatlas`` command shares: the consoles, the ``--json`` and ``--data``
options, and JSON output (UTF-8, Chinese unescaped)."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console

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


def emit_json(value: Any) -> None:
    """Print ``value`` as JSON (UTF-8, Chinese unescaped)."""
    sys.stdout.write(json.dumps(value, ensure_ascii=False, indent=2, default=str) + "\n")
