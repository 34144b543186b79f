"""Bundles in, validated native-typed rows out, written into a store in idempotent batches.

The public surface (guarded by a test)::

    read_bundle(path, *, strict=False) -> Bundle          # raises BundleInvalid on any error
    check_bundle(path, *, strict=False) -> list[Issue]    # every issue; never raises for bad data
    load_bundle(store, path, *, strict=False, batch_size=..., progress=None,
                baselines=None) -> LoadReport                # baselines: re-read changed lines
    write_bundle(store, bundle, *, batch_size=..., progress=None, change=None) -> LoadReport
    Change(author, source, sha256)                        # who loads what: one change set

The bundle format is documented in ``docs/bundle.md``.
"""

from __future__ import annotations

from chainatlas.loaders.bundle import Bundle, check_bundle, read_bundle
from chainatlas.loaders.load import Change, LoadReport, Progress, load_bundle, write_bundle
from chainatlas.loaders.stores import bundle_store, open_store

__all__ = [
    "Bundle",
    "Change",
    "LoadReport",
    "Progress",
    "bundle_store",
    "check_bundle",
    "load_bundle",
    "open_store",
    "read_bundle",
    "write_bundle",
]
