"""ChainAtlas 产业链图谱: a knowledge graph of industry-chain supply relationships.

``import chainatlas`` is the Python entry point. The public surface, guarded by a test::

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

from importlib import metadata

from chainatlas.graph.errors import BundleInvalid, ChainAtlasError
from chainatlas.graph.memory import MemoryStore
from chainatlas.graph.settings import Settings
from chainatlas.graph.store import GraphStore
from chainatlas.loaders import load_bundle, read_bundle
from chainatlas.loaders.stores import open_store

try:
    __version__ = metadata.version("chainatlas")
except metadata.PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"

__all__ = [
    "BundleInvalid",
    "ChainAtlasError",
    "GraphStore",
    "MemoryStore",
    "Settings",
    "__version__",
    "load_bundle",
    "open_store",
    "read_bundle",
]
