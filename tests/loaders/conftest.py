"""Fixtures of the loader tests."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from chainatlas.loaders import load as load_module
from chainatlas.loaders import read_bundle


@pytest.fixture
def reads(monkeypatch: pytest.MonkeyPatch) -> list[Path]:
    """The bundles a load read whole (not answered by a receipt, not read by its changed
    lines)."""
    seen: list[Path] = []

    def counted(path: Path, **kw: Any) -> Any:
        seen.append(Path(path))
        return read_bundle(path, **kw)

    monkeypatch.setattr(load_module, "read_bundle", counted)
    return seen
