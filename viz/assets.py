"""The files a page needs: vis-network as pyvis ships it, and this package's own JS and CSS.

vis-network is read from the pyvis installation (``pyvis/lib/vis-9.1.2``), never copied into
the repository and never loaded from a CDN. Pages reference assets at ``{base}/{name}?v={hash}``
(the API serves them); standalone exports inline them.
"""

from __future__ import annotations

import base64
import hashlib
from functools import cache
from importlib import resources
from pathlib import Path

import pyvis

VIS_VERSION = "9.1.2"
_VIS_DIR = Path(pyvis.__file__).parent / "lib" / f"vis-{VIS_VERSION}"

#: asset name → media type; the only names the asset route serves
ASSETS: dict[str, str] = {
    "vis-network.min.js": "text/javascript; charset=utf-8",
    "vis-network.css": "text/css; charset=utf-8",
    "atlas.css": "text/css; charset=utf-8",
    "atlas.js": "text/javascript; charset=utf-8",
    "print.js": "text/javascript; charset=utf-8",
    "view.js": "text/javascript; charset=utf-8",
    "map.js": "text/javascript; charset=utf-8",
    "forms.js": "text/javascript; charset=utf-8",
    "report.js": "text/javascript; charset=utf-8",
    "geo.js": "text/javascript; charset=utf-8",
    "favicon.svg": "image/svg+xml",
}
VENDOR = frozenset({"vis-network.min.js", "vis-network.css"})


@cache
def asset_bytes(name: str) -> bytes:
    """The content of asset ``name``; KeyError for a name not in :data:`ASSETS`."""
    if name not in ASSETS:
        raise KeyError(name)
    if name in VENDOR:
        return (_VIS_DIR / name).read_bytes()
    return resources.files("chainatlas.viz").joinpath("static", name).read_bytes()


def asset_text(name: str) -> str:
    return asset_bytes(name).decode("utf-8")


@cache
def asset_version(name: str) -> str:
    """A short content hash, appended to asset URLs so browsers never keep a stale copy."""
    return hashlib.sha256(asset_bytes(name)).hexdigest()[:12]


def asset_url(base: str, name: str) -> str:
    return f"{base.rstrip('/')}/{name}?v={asset_version(name)}"


def csp_hash(text: str) -> str:
    """The CSP source expression (``'sha256-…'``) that allows one inline script or style."""
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"
