"""Uploading a bundle: a zip of CSV files or one .xlsx workbook, validated, then loaded.

Validation comes first and is all or nothing: a bundle with an error writes nothing and the
422 problem lists its issues with their file, row and column (the first ones, and a count per
code of all). An upload is unpacked within the limits of graph/limits.py and read in a worker
process of bounded memory and time (loaders/worker.py); a bundle over a limit is a 413.
A valid bundle is written into Neo4j, or into a copy of the embedded graph that is saved to
the data directory and then served (readers never see half a load). One load at a time, as
one change set by the caller (docs/changes.md); on the embedded store it holds the graph
file's lock and starts from what another process (a CLI load) saved there.
"""

from __future__ import annotations

import re
import tempfile
from pathlib import Path, PurePosixPath
from typing import Annotated, Any, BinaryIO

from fastapi import APIRouter, File, Form, Query, UploadFile

from chainatlas.api.auth import Editor
from chainatlas.api.deps import AppSettings, Holder
from chainatlas.api.problem_docs import openapi_responses
from chainatlas.api.problems import Problem, issue_doc
from chainatlas.api.schemas import LoadResult
from chainatlas.graph.errors import BundleInvalid, BundleTooLarge
from chainatlas.graph.limits import DEFAULT_LIMITS, TOO_LARGE, Limits
from chainatlas.graph.stores import durable_path
from chainatlas.loaders import Change, write_bundle
from chainatlas.loaders.archive import ArchiveRefused, unpack_csvs
from chainatlas.loaders.diff import MAX_END_SHARE, parse_scope
from chainatlas.loaders.source import bundle_sha256
from chainatlas.loaders.worker import read_bundle_bounded

#: what an upload may be, by the file name's extension, and its media type
UPLOAD_TYPES = {
    ".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    ".zip": "application/zip",
}

router = APIRouter(prefix="/api", tags=["bundles"])

#: the default upload limit (``CHAINATLAS_LIMITS=upload_mb=…`` changes it per app)
MAX_UPLOAD = DEFAULT_LIMITS.upload_bytes
CHUNK = 1024 * 1024
_SAFE = re.compile(r"[^A-Za-z0-9_.-]+")


SCOPE_HELP = (
    "Authoritative for `all`, `region=ID` or `source=NAME`: the scope's firms and facts absent "
    "from the bundle are ended (until = the load date), never deleted."
)
#: what ``scope`` may be, as :func:`parse_scope` reads it (padded with spaces, tabs or newlines
#: at most; a value besides white space), in the document for generated clients
SCOPE_PATTERN = r"^[ \t\n]*(all|(region|source)[ \t]*=.*[^\s].*?)[ \t\n]*$"
SHARE_HELP = "Refuse (409) a scoped load that would end more than this share of its scope."


def _save(upload: BinaryIO, dest: Path, limit: int) -> None:
    size = 0
    with dest.open("wb") as fh:
        while chunk := upload.read(CHUNK):
            size += len(chunk)
            if size > limit:
                raise Problem(
                    "payload-too-large", f"A bundle upload may be at most {limit // 2**20} MB."
                )
            fh.write(chunk)


def _bundle_path(upload: UploadFile, work: Path, limits: Limits) -> Path:
    filename = PurePosixPath((upload.filename or "bundle").replace("\\", "/")).name
    stem, suffix = PurePosixPath(filename).stem, PurePosixPath(filename).suffix.lower()
    stem = _SAFE.sub("_", stem).strip("._") or "bundle"
    if suffix not in UPLOAD_TYPES:
        raise Problem("unsupported-media-type", "Upload a .zip of CSV files or one .xlsx workbook.")
    raw = work / f"upload{suffix}"
    _save(upload.file, raw, limits.upload_bytes)
    if suffix == ".xlsx":
        return raw.rename(work / f"{stem}.xlsx")
    folder = work / stem
    folder.mkdir()
    try:
        unpack_csvs(raw, folder, filename, limits)
    except ArchiveRefused as e:
        issues = [e.issue]
        raise (BundleTooLarge if e.issue.code in TOO_LARGE else BundleInvalid)(issues) from None
    return folder


@router.post(
    "/bundles",
    response_model=LoadResult,
    responses=openapi_responses(
        401, 403, 409, 413, 415, 503, 507, overrides={422: "BundleRejected"}
    ),
)
def upload_bundle(
    caller: Editor,
    holder: Holder,
    settings: AppSettings,
    file: Annotated[UploadFile, File(description="A .zip of CSV files or one .xlsx workbook.")],
    dry_run: Annotated[bool, Query(description="Validate only; write nothing.")] = False,
    strict: Annotated[bool, Query(description="Treat warnings as errors.")] = False,
    dry_run_field: Annotated[
        bool,
        Form(alias="dry_run", description="Validate only; write nothing (as the query's)."),
    ] = False,
    strict_field: Annotated[
        bool, Form(alias="strict", description="Treat warnings as errors (as the query's).")
    ] = False,
    scope: Annotated[
        str | None, Query(description=SCOPE_HELP, max_length=80, pattern=SCOPE_PATTERN)
    ] = None,
    max_end_share: Annotated[float, Query(ge=0, le=1, description=SHARE_HELP)] = MAX_END_SHARE,
    force: Annotated[bool, Query(description="Load even past max_end_share.")] = False,
) -> dict[str, Any]:
    """Validate a bundle and load it (editor role). 422 ``bundle-invalid`` lists every issue
    (file, row, column, message) and nothing is written. ``dry_run`` and ``strict`` are
    honoured wherever they are sent, as query parameters or as form fields beside the file:
    either one saying true is enough. With ``scope`` the load is authoritative
    (docs/lifecycle.md); 409 ``load-refused`` when it would end more than ``max_end_share`` of
    its scope, and nothing is written."""
    dry_run = dry_run or dry_run_field
    strict = strict or strict_field
    if holder.frozen and not dry_run:
        raise Problem("method-not-allowed", f"Loads are refused: {holder.frozen}.")
    authority = parse_scope(scope) if scope is not None else None
    limits = settings.limits
    with tempfile.TemporaryDirectory(prefix="chainatlas-upload-") as tmp:
        path = _bundle_path(file, Path(tmp), limits)
        bundle = read_bundle_bounded(path, strict=strict, limits=limits)
        change = Change(caller.author, path.name, bundle_sha256(path))
    counts = {t.value: len(rows) for t, rows in bundle.tables.items()}
    warnings = [issue_doc(w) for w in bundle.warnings]
    warning_counts = dict(getattr(bundle.warnings, "counts", {}))
    if dry_run:
        return {
            "bundle": bundle.name,
            "store": holder.store.kind,
            "counts": counts,
            "total": sum(counts.values()),
            "warnings": warnings,
            "warning_counts": warning_counts,
            "persisted": False,
            "dry_run": True,
            "change_set": None,
        }
    with holder.writing(settings) as target:
        report = write_bundle(
            target,
            bundle,
            scope=authority,
            max_end_share=max_end_share,
            force=force,
            change=change,
        )
        persisted = target.commit(durable_path(settings) if holder.persist else None)
        holder.replace(target)
    return {
        **report.to_dict(),
        "warning_counts": warning_counts,
        "persisted": persisted,
        "dry_run": False,
    }
