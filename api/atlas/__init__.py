"""The Python front door: ``atlas = chainatlas.open()``, then every query as a method.

The third front door beside the HTTP API and the CLI, so it lives in ``api/``, the one layer
allowed to use ``graph`` (queries, tables), ``loaders`` (bundles) and ``viz`` (views) together;
it imports no FastAPI, and pandas, networkx's drawing and the views only when an answer is laid
out or shown. Which store: the CLI's choice (``NEO4J_URI`` → Neo4j, else the embedded graph
saved in ``CHAINATLAS_HOME``, else the demo), or ``bundle=`` read into a fresh embedded store.

>>> import chainatlas
>>> atlas = chainatlas.open(bundle=chainatlas.demo_bundle_path())
>>> atlas.search("澜晟", limit=1)["items"][0]["id"]
'E0001'
"""

from __future__ import annotations

from datetime import date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from chainatlas.api.atlas.answer import Answer, GraphAnswer
from chainatlas.api.atlas.board import BoardQueries
from chainatlas.api.atlas.catalogue import Catalogue
from chainatlas.api.atlas.changes import ChangeQueries
from chainatlas.api.atlas.committee import CommitteeQueries
from chainatlas.graph.dated import on_day
from chainatlas.graph.model import NODE_TABLES, Label
from chainatlas.graph.queries.cache import AnalyticsCache
from chainatlas.graph.settings import Settings, get_settings
from chainatlas.graph.store import GraphStore
from chainatlas.loaders.stores import bundle_store, open_store

if TYPE_CHECKING:
    import networkx as nx

ExportQuery = Literal["chain", "enterprise", "product", "impact", "gaps", "single-source"]


class Atlas(Catalogue, CommitteeQueries, BoardQueries, ChangeQueries):
    """A store and the query catalogue on it (the methods of :class:`Catalogue`). Close it
    (or use ``with``) to release a Neo4j driver."""

    def __init__(self, store: GraphStore, settings: Settings | None = None) -> None:
        self.store = store
        self.settings = settings or get_settings()
        #: global answers kept per version of the graph and day, as a server's worker keeps
        #: them: the committee's lists and KPIs share one survey (minutes at a province)
        self.analytics = AnalyticsCache(16)

    def __enter__(self) -> Atlas:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"<Atlas on the {self.store.kind} store>"

    def close(self) -> None:
        self.store.close()

    def _day(self, as_of: date | None) -> GraphStore:
        """The store as it stands on ``as_of`` (today when ``None``, as the routes do)."""
        return on_day(self.store, date.today() if as_of is None else as_of)

    @cached_property
    def _all_names(self) -> dict[str, str]:
        return {
            f"{label.value}:{n['id']}": str(n["name"])
            for label in (Label.ENTERPRISE, Label.PRODUCT)
            for n in self.store.nodes(label)
            if n.get("name")
        }

    def names(self) -> dict[str, str]:
        """Every firm's and product's name by ``Label:id`` (read once per atlas)."""
        return self._all_names

    def export_graph(
        self,
        format: Literal["graphml", "gexf", "json", "csv"],
        query: ExportQuery | None = None,
        id: str | None = None,
    ) -> bytes:
        """The whole graph, or one query's subgraph (the same file as ``GET /api/export``
        gives an analyst), as a file's bytes (``csv``: a zip)."""
        from chainatlas.graph.queries import export

        graph = None if query is None else export.query_graph(self.store, query, id, contacts=True)
        return export.export_graph(self.store, format, graph=graph)

    def to_networkx(self) -> nx.MultiDiGraph:
        """The whole graph with every stored property: nodes keyed ``Label:id`` (``kind`` the
        label, ``entity_id`` the id), edges keyed ``REL:key`` with ``rel`` and their
        properties; IN_CHAIN and LOCATED_IN from the nodes' chain and region."""
        from chainatlas.api.atlas.whole import whole_networkx

        labels = [lab for lab in NODE_TABLES.values() if lab is not Label.POST]
        return whole_networkx(self.store, labels)


def open(bundle: str | Path | None = None, *, settings: Settings | None = None) -> Atlas:
    """An :class:`Atlas` on the configured store, or on ``bundle`` (a folder of CSV files or
    an .xlsx workbook, validated) read into a fresh embedded store."""
    settings = settings or get_settings()
    store = bundle_store(Path(bundle)) if bundle is not None else open_store(settings)
    atlas = Atlas(store, settings)
    atlas.saves = bundle is None
    return atlas


__all__ = ["Answer", "Atlas", "GraphAnswer", "open"]
