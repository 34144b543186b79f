"""The store to read from, with the bundle fallbacks that only the loaders can build.

- ``data=BUNDLE``: an embedded store holding that bundle (read-only use; the data directory
  is left alone);
- else Neo4j (``NEO4J_URI``) or the graph saved in ``CHAINATLAS_HOME``;
- else the shipped demo bundle.
"""

from __future__ import annotations

from pathlib import Path

from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.settings import Settings, get_settings
from chainatlas.graph.store import GraphStore
from chainatlas.graph.stores import open_configured
from chainatlas.loaders.bundle import read_bundle
from chainatlas.loaders.demo import demo_bundle_path


def bundle_store(path: Path) -> MemoryStore:
    """An embedded store holding the bundle at ``path`` (validated; BundleInvalid if not)."""
    store = MemoryStore()
    store.write_tables(read_bundle(path).tables)
    return store


def open_store(settings: Settings | None = None, *, data: Path | None = None) -> GraphStore:
    """The store to read from, as the module docstring says (settings from the environment
    when not given)."""
    if data is not None:
        return bundle_store(Path(data))
    configured = open_configured(settings or get_settings())
    return configured if configured is not None else bundle_store(demo_bundle_path())
