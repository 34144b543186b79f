"""ChainAtlas 产业链图谱: a knowledge graph of industry-chain supply relationships.

``import chainatlas`` is the Python entry point. The public surface, guarded by a test::

    atlas = chainatlas.open()                    # every query as a method (docs/analyst.md)
    atlas = chainatlas.open(bundle="path")       # a bundle in a fresh embedded store
    store = chainatlas.open_store()              # Neo4j when NEO4J_URI is set, else embedded
    report = chainatlas.load_bundle(store, path) # validate, then write (nothing on any error)
    bundle = chainatlas.read_bundle(path)        # validated rows, or BundleInvalid
    chainatlas.Settings()                        # configuration from the environment

Everything ChainAtlas raises on purpose derives from :class:`ChainAtlasError`.

The layers are subpackages, installed from the repository's top-level folders:
``chainatlas.graph`` (model, store contract, stores, queries), ``chainatlas.loaders`` (bundles
in), ``chainatlas.viz`` (views), ``chainatlas.api`` (HTTP service and CLI),
``chainatlas.cypher`` (the named statements) and ``chainatlas.data`` (the demo bundle).

>>> import chainatlas
>>> sorted(chainatlas.__all__)[:3]
['BundleInvalid', 'ChainAtlasError', 'GraphStore']
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from chainatlas.graph.errors import BundleInvalid, ChainAtlasError
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.release import code_version
from chainatlas.graph.settings import Settings
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import load_bundle, read_bundle
from chainatlas.loaders.demo import demo_bundle_path
from chainatlas.loaders.stores import open_store

if TYPE_CHECKING:
    from chainatlas.api.atlas import Atlas

__version__ = code_version()


def open(bundle: str | Path | None = None, *, settings: Settings | None = None) -> Atlas:
    """An :class:`~chainatlas.api.atlas.Atlas`: the query catalogue as methods, on the store
    the CLI would use (``NEO4J_URI`` or the embedded store) or on ``bundle`` read into a fresh
    embedded store. Imported on first call, so ``import chainatlas`` stays light."""
    from chainatlas.api.atlas import open as open_atlas

    return open_atlas(bundle, settings=settings)


__all__ = [
    "BundleInvalid",
    "ChainAtlasError",
    "GraphStore",
    "MemoryStore",
    "Settings",
    "__version__",
    "demo_bundle_path",
    "load_bundle",
    "open",
    "open_store",
    "read_bundle",
]
