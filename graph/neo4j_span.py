"""The days every fact and firm holds, kept with the graph's version on Neo4j.

A read as of a day (the API reads as of today) tests, in the server, each fact's ``since`` and
``until`` and each firm's ``member_since`` and ``member_until`` against that day. On a day
every fact and firm holds, as today does on most maps, those tests keep everything and cost a
third of a large read: a chain's cover at 1,000,000 firms took 16.6 s as of today against
11.1 s with ``$as_of`` null (docs/performance.md).

So the version node keeps the graph's :class:`~graph.asof.Span`: a new node (an empty graph)
is unbounded, every data write narrows it by the rows it sends in the transaction that bumps
the version (cypher/upsert_graph_version.cypher), and a bulk import writes the span of its
rows (loaders/bulk.py). The span read with the version says which days a read may read as
it reads every fact (``$as_of`` null), the embedded store's rule (graph/memory.py ``_day``).
Every ``$as_of`` of ``cypher/`` only tests facts and firms, so the answers are the same. A
graph written before spans were kept has none: its reads test every day, as before.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from chainatlas.graph.asof import Span, written_span


class Neo4jSpan:
    """The graph's version and span (mixed into :class:`~graph.neo4j_store.Neo4jStore`)."""

    read: Callable[..., list[dict[str, Any]]]
    _kept_version: Callable[[], str]  # graph.neo4j_hubs: once per read block
    #: the span of the version read last: (version, span)
    _span: tuple[str, Span] | None = None

    def version(self) -> str:
        (row,) = self.read("graph_version")
        version = str(row["version"] or "0")
        if row["span_known"]:
            self._span = (version, Span(row["span_start"], row["span_end"]))
        return version

    def read_day(self, as_of: str | None) -> str | None:
        """``as_of`` as the statements of the graph's version test it: ``None`` (test nothing)
        on a day its span covers, else ``as_of``."""
        if as_of is None:
            return None
        version = self._kept_version()
        kept = self._span  # another thread may have read another version since: then test
        if kept is not None and kept[0] == version and kept[1].covers(as_of):
            return None
        return as_of

    @staticmethod
    def narrowing(params: dict[str, Any]) -> dict[str, str | None]:
        """The version bump's parameters for a write of ``params``: the span of the rows it
        writes (:func:`graph.asof.written_span`; every fact and firm a statement of
        ``cypher/`` writes is one of its ``$rows``: tests/cypher/test_statements.py)."""
        span = written_span(params.get("rows", ()))
        return {"start": span.start, "end": span.end}
