"""Where the shipped demo bundle lives (``data/demo`` in the repository, ``chainatlas.data.demo``
in an installed wheel)."""

from __future__ import annotations

from importlib import resources
from pathlib import Path


def demo_bundle_path() -> Path:
    """The folder of the demo panorama bundle."""
    return Path(str(resources.files("chainatlas.data").joinpath("demo")))
