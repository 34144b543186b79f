"""Uploading a bundle: a zip of CSV files or one .xlsx workbook, validated, then loaded.

Validation comes first and is all or nothing: a bundle with an error writes nothing and the
422 problem lists every issue with its file, row and column. A valid bundle is written into
Neo4j, or into a copy of the embedded graph that is saved to the data directory and then
served (readers never see half a load). One load at a time, as one change set by the caller
(docs/changes.md); on the embedded store it holds the graph file's lock and starts from what
another process (a CLI load) saved there.
"""

from __future__ import annotations

import re
import shutil
import tempfile
import zipfile
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, File, Query, UploadFile

from chainatlas.api.auth import Editor
from chainatlas.api.deps import AppSettings, Holder
from chainatlas.api.problems import Problem, issue_doc, openapi_responses
from chainatlas.api.schemas import LoadResult
from chainatlas.graph.errors import BundleInvalid, Issue
from chainatlas.graph.stores import durable_path
from chainatlas.loaders import Change, read_bundle, write_bundle
from chainatlas.loaders.source import bundle_sha256

router = APIRouter(prefix="/api", tags=["bundles"])

MAX_UPLOAD = 50 * 1024 * 1024
MAX_UNZIPPED = 200 * 1024 * 1024
MAX_MEMBERS = 64
CHUNK = 1024 * 1024
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


def _bad(file: str, message: str, code: str) -> BundleInvalid:
    return BundleInvalid([Issue(file, 0, "", message, code=code)])


def _save(upload: BinaryIO, dest: Path) -> None:
    size = 0
    with dest.open("wb") as fh:
        while chunk := upload.read(CHUNK):
            size += len(chunk)
            if size > MAX_UPLOAD:
                raise Problem(
                    "payload-too-large", f"A bundle upload may be at most {MAX_UPLOAD // 2**20} MB."
                )
            fh.write(chunk)


def _unzip(archive: Path, dest: Path, label: str) -> None:
    """The CSV files of ``archive`` into ``dest``, flattened (a zip of a folder works too)."""
    try:
        zf = zipfile.ZipFile(archive)
    except zipfile.BadZipFile:
        raise _bad(label, "not a zip archive", "not-a-bundle") from None
    with zf:
        members = [
            m
            for m in zf.infolist()
            if not m.is_dir()
            and not m.filename.startswith("__MACOSX/")
            and m.filename.lower().endswith(".csv")
        ]
        if len(members) > MAX_MEMBERS:
            raise _bad(label, f"more than {MAX_MEMBERS} CSV files", "not-a-bundle")
        if sum(m.file_size for m in members) > MAX_UNZIPPED:
            raise Problem(
                "payload-too-large", f"A bundle may unpack to at most {MAX_UNZIPPED // 2**20} MB."
            )
        seen: set[str] = set()
        for m in members:
            name = PurePosixPath(m.filename.replace("\\", "/")).name
            if name in seen:
                raise _bad(label, f"two files named {name} in the archive", "duplicate-file")
            seen.add(name)
            # only the base name is used, so no member can escape dest (zip slip)
            with zf.open(m) as src, (dest / name).open("wb") as out:
                shutil.copyfileobj(src, out)


def _bundle_path(upload: UploadFile, work: Path) -> Path:
    filename = PurePosixPath((upload.filename or "bundle").replace("\\", "/")).name
    stem, suffix = PurePosixPath(filename).stem, PurePosixPath(filename).suffix.lower()
    stem = _SAFE.sub("_", stem).strip("._") or "bundle"
    if suffix not in (".zip", ".xlsx"):
        raise Problem("unsupported-media-type", "Upload a .zip of CSV files or one .xlsx workbook.")
    raw = work / f"upload{suffix}"
    _save(upload.file, raw)
    if suffix == ".xlsx":
        return raw.rename(work / f"{stem}.xlsx")
    folder = work / stem
    folder.mkdir()
    _unzip(raw, folder, filename)
    return folder


@router.post(
    "/bundles",
    response_model=LoadResult,
    responses=openapi_responses(401, 403, 413, 415, 503, overrides={422: "BundleRejected"}),
)
def upload_bundle(
    caller: Editor,
    holder: Holder,
    settings: AppSettings,
    file: Annotated[UploadFile, File(description="A .zip of CSV files or one .xlsx workbook.")],
    dry_run: Annotated[bool, Query(description="Validate only; write nothing.")] = False,
    strict: Annotated[bool, Query(description="Treat warnings as errors.")] = False,
) -> dict[str, Any]:
    """Validate a bundle and load it (editor role). 422 ``bundle-invalid`` lists every issue
    (file, row, column, message) and nothing is written."""
    with tempfile.TemporaryDirectory(prefix="chainatlas-upload-") as tmp:
        path = _bundle_path(file, Path(tmp))
        bundle = read_bundle(path, strict=strict)
        change = Change(caller.author, path.name, bundle_sha256(path))
    counts = {t.value: len(rows) for t, rows in bundle.tables.items()}
    warnings = [issue_doc(w) for w in bundle.warnings]
    if dry_run:
        return {
            "bundle": bundle.name,
            "store": holder.store.kind,
            "counts": counts,
            "total": sum(counts.values()),
            "warnings": warnings,
            "persisted": False,
            "dry_run": True,
            "change_set": None,
        }
    with holder.writing(settings) as target:
        report = write_bundle(target, bundle, change=change)
        persisted = target.commit(durable_path(settings) if holder.persist else None)
        holder.replace(target)
    return {**report.to_dict(), "persisted": persisted, "dry_run": False}
