"""A load's receipt: a re-load of the bundle the graph last took, with nothing written since,
answers without reading the bundle.

A province's nightly export (a million firms, sixteen million rows) is most nights the very
files of the night before. Reading and validating them is the floor of a re-load (about 20 s
at 100,000 firms, docs/performance.md), while the answer is known: nothing changes. So after
every load the store keeps a receipt (:meth:`~graph.store.GraphStore.save_load_receipt`):

- ``key``: what was loaded and how: the bundle's SHA-256 (:func:`loaders.source.
  bundle_sha256`) and name (every row carries it as ``source_bundle``), the scope, ``strict``,
  the limits and the ChainAtlas version (a newer one may read the same bytes otherwise);
- ``day``: the load date. Validation refuses dates after it, so a bundle valid then is valid
  on any later day; an earlier day reads the bundle again;
- ``version``: the graph's version right after the load (:meth:`~graph.store.GraphStore.
  version`). Any write since moves it (an edit, a revert, another load), and a version never
  comes back (Neo4j's carries a random epoch; the embedded store saves the receipt in the
  graph file beside its own version), so an equal version means nothing was written since;
- ``report``: what that load reported, to answer with.

A load whose key is the receipt's, on its day or later, into a graph at its version would
find every row held already and end nothing (its scope ended what it had to the first time):
:func:`recall` answers that report, ``recalled``, without a change set, as the full load would
have. The bulk path (:mod:`loaders.bulk`) writes the receipt into its import files, so the
first re-load after an import is answered too.
"""

from __future__ import annotations

from dataclasses import asdict
from datetime import date
from pathlib import Path
from typing import Any

from chainatlas.graph.errors import Issue
from chainatlas.graph.limits import Limits
from chainatlas.graph.model import Row
from chainatlas.graph.release import code_version
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.diff import Scope
from chainatlas.loaders.read import bundle_name
from chainatlas.loaders.report import LoadReport


def load_key(path: Path, *, sha256: str, scope: Scope | None, strict: bool, limits: Limits) -> Row:
    """What a load of the bundle at ``path`` (whose digest is ``sha256``) must share with the
    receipt's for the receipt to answer it."""
    return {
        "sha256": sha256,
        "bundle": bundle_name(path),
        "scope": None if scope is None else str(scope),
        "strict": strict,
        "limits": asdict(limits),
        "code": code_version(),
    }


def receipt(key: Row, day: date, version: str, report: LoadReport) -> Row:
    """The receipt of a load (``key``) on ``day`` that left the graph at ``version``."""
    said = report.to_dict()
    return {
        "key": key,
        "day": day.isoformat(),
        "version": version,
        "report": {k: said[k] for k in ("bundle", "counts", "warnings", "scope")},
    }


def recall(store: GraphStore, key: Row, day: date) -> LoadReport | None:
    """The report of a load of ``key`` on ``day`` when ``store``'s receipt answers it (the
    module docstring); ``None`` when the bundle must be read."""
    kept = store.load_receipt()
    if kept is None or kept.get("key") != key or day.isoformat() < kept.get("day", ""):
        return None
    if kept.get("version") != store.version():
        return None
    said: dict[str, Any] = kept["report"]
    warnings = [Issue(**w) for w in said["warnings"]]
    report = LoadReport(said["bundle"], store.kind, dict(said["counts"]), warnings)
    report.scope, report.recalled = said["scope"], True
    return report


def remember(store: GraphStore, key: Row, day: date, report: LoadReport) -> bool:
    """Keep the receipt of a load that just wrote ``report`` into ``store``; return whether it
    differs from the one kept (the embedded store then has something new to save)."""
    kept = receipt(key, day, store.version(), report)
    if kept == store.load_receipt():
        return False
    store.save_load_receipt(kept)
    return True
