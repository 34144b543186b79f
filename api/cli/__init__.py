"""The ``chainatlas`` command line: one Typer app (:mod:`.app`) whose commands live in one
module per job: :mod:`.data` (check, load, stats, generate), :mod:`.query` (search, match,
paths, gaps, impact, export) and :mod:`.serve` (serve, demo)."""

from chainatlas.api.cli.app import app, main

__all__ = ["app", "main"]
