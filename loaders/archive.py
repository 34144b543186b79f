"""Zip archives from strangers: a zip of CSV files, and ``.xlsx`` workbooks (zips of XML).

Before anything is parsed, :func:`verify` reads the archive's directory and refuses too many
members or too many unpacked bytes (by what the directory claims), then streams every member
once: :mod:`zipfile` never unpacks more than a member claims and checks its CRC at the end, so
a zip that lies about its sizes, or a corrupt one, is refused here with a located message
instead of failing halfway through a parse. XML members that declare a DTD (``<!DOCTYPE``,
``<!ENTITY``: the billion-laughs and XXE attacks) are refused too; a workbook never needs one.
"""

from __future__ import annotations

import shutil
import zipfile
import zlib
from pathlib import Path, PurePosixPath

from chainatlas.graph.errors import Issue
from chainatlas.graph.limits import MB, Limits

WHOLE = "*"
#: what reading a damaged zip member raises
READ_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    zlib.error,
    EOFError,
    NotImplementedError,  # a compression method zipfile does not know
    ValueError,
)
_CHUNK = MB
_DTD_MARKS = tuple(
    mark.encode(enc)
    for mark in ("<!DOCTYPE", "<!ENTITY")
    for enc in ("utf-8", "utf-16-le", "utf-16-be")
)
_OVERLAP = max(len(m) for m in _DTD_MARKS)


class ArchiveRefused(Exception):
    """An archive we will not read; ``issue`` says where and why."""

    def __init__(self, issue: Issue) -> None:
        super().__init__(str(issue))
        self.issue = issue


def refuse(file: str, message: str, code: str) -> ArchiveRefused:
    return ArchiveRefused(Issue(file, 0, WHOLE, message, code=code))


def open_zip(path: Path, label: str, what: str) -> zipfile.ZipFile:
    try:
        return zipfile.ZipFile(path)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError):
        raise refuse(label, f"not a readable {what} (not a zip archive)", "unreadable") from None


def check_directory(members: list[zipfile.ZipInfo], label: str, limits: Limits) -> None:
    """Member count and unpacked size, as the archive's directory states them."""
    if len(members) > limits.members:
        msg = f"{len(members)} files in the archive; at most {limits.members} are read"
        raise refuse(label, msg, "too-many-files")
    claimed = sum(m.file_size for m in members)
    if claimed > limits.unpacked_bytes:
        msg = (
            f"unpacks to {claimed / MB:.0f} MB; a bundle may unpack to at most "
            f"{limits.unpacked_bytes // MB} MB"
        )
        raise refuse(label, msg, "too-large")


def verify(zf: zipfile.ZipFile, members: list[zipfile.ZipInfo], label: str) -> None:
    """Stream every member once: intact (CRC), no longer than claimed, no DTD in XML."""
    for m in members:
        xml = m.filename.lower().endswith((".xml", ".rels", ".vml"))
        tail = b""
        try:
            with zf.open(m) as fh:
                while chunk := fh.read(_CHUNK):
                    if xml and any(mark in tail + chunk for mark in _DTD_MARKS):
                        msg = (
                            f"{m.filename} declares a DTD (<!DOCTYPE> or <!ENTITY>), which a "
                            "workbook never needs; refused"
                        )
                        raise refuse(label, msg, "xml-dtd")
                    tail = chunk[-_OVERLAP:]
        except READ_ERRORS as e:
            raise refuse(label, damaged(m.filename, e), "corrupt-archive") from None


def damaged(member: str, error: Exception) -> str:
    why = str(error) if isinstance(error, zipfile.BadZipFile) else type(error).__name__
    return f"the archive is damaged: {member} cannot be unpacked ({why}); nothing was read"


def unpack_csvs(archive: Path, dest: Path, label: str, limits: Limits) -> None:
    """The CSV files of ``archive`` into ``dest``, flattened (a zip of a folder works too).

    Raises :class:`ArchiveRefused` for anything but a sound zip of at most ``limits.members``
    CSV files with distinct names, unpacking to at most ``limits.unpacked_bytes``.
    """
    with open_zip(archive, label, "zip archive") as zf:
        members = [
            m
            for m in zf.infolist()
            if not m.is_dir()
            and not m.filename.startswith("__MACOSX/")
            and m.filename.lower().endswith(".csv")
        ]
        check_directory(members, label, limits)
        seen: set[str] = set()
        for m in members:
            name = PurePosixPath(m.filename.replace("\\", "/")).name
            if name in seen:
                raise refuse(label, f"two files named {name} in the archive", "duplicate-file")
            seen.add(name)
            # only the base name is used, so no member can escape dest (zip slip)
            try:
                with zf.open(m) as src, (dest / name).open("wb") as out:
                    shutil.copyfileobj(src, out)
            except READ_ERRORS as e:
                raise refuse(label, damaged(m.filename, e), "corrupt-archive") from None
