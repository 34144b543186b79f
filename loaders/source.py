"""Where a load comes from: the bundle's name and a SHA-256 of its bytes, for its change set.

A folder bundle's digest covers its CSV files (sorted by name, each as ``name``, a NUL, its
length and its bytes), so the same files give the same digest however they arrive: a folder
on disk, or the zip an editor uploads (unpacked into a folder first). A workbook's digest is
the file's own SHA-256.

>>> import tempfile
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "chains.csv").write_text("id,name\\npoly,高分子材料\\n", encoding="utf-8")
>>> len(bundle_sha256(folder)), bundle_sha256(folder) == bundle_sha256(folder)
(64, True)
"""

from __future__ import annotations

import getpass
import hashlib
from pathlib import Path

CHUNK = 1 << 20


def bundle_sha256(path: Path) -> str:
    """The hex SHA-256 of the bundle at ``path`` (a folder of CSV files or one workbook)."""
    return bundle_digests(path)[0]


def bundle_digests(path: Path) -> tuple[str, dict[str, str]]:
    """:func:`bundle_sha256` of ``path`` and the hex SHA-256 of each file it covers by name,
    from one read of the files."""
    digest, each = hashlib.sha256(), {}
    files = sorted(p for p in path.iterdir() if p.is_file()) if path.is_dir() else [path]
    for f in files:
        if path.is_dir():
            if f.suffix.lower() != ".csv":
                continue
            digest.update(f.name.encode() + b"\0" + str(f.stat().st_size).encode() + b"\0")
        own = hashlib.sha256()
        with f.open("rb") as fh:
            while chunk := fh.read(CHUNK):
                digest.update(chunk)
                own.update(chunk)
        each[f.name] = own.hexdigest()
    return digest.hexdigest(), each


def os_user() -> str:
    """The author of a change set made at a terminal: the OS user (``unknown`` if none)."""
    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no passwd entry (some containers), no LOGNAME
        return "unknown"
