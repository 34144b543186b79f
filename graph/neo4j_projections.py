"""The Neo4j store's id-only projections: reads that send ids and no property maps, as a few
parallel lists in one record (one record decodes far faster in the driver than thousands of
small ones). Mixed into :class:`graph.neo4j_store.Neo4jStore`; the embedded store answers
the same methods from :class:`graph.store.GraphStore`'s defaults or its own tables.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import date
from typing import Any

from chainatlas.graph.asof import as_of_key
from chainatlas.graph.checks import check_edge_rel
from chainatlas.graph.model import Rel
from chainatlas.graph.neo4j_statements import ADJACENT_KEYS_STATEMENTS, dated_param
from chainatlas.graph.store import Direction, GraphStore

#: the most ids one id-only read takes: a survey of a province asks for every firm's supply
#: facts (10M at 1,000,000 firms), which as one collected record would sit in the server's
#: heap whole; in chunks each transaction holds ~100,000 of them
KEYS_CHUNK = 10_000


class Neo4jProjections:
    read: Callable[..., list[dict[str, Any]]]

    def supply_pairs(self, *, as_of: date | None = None) -> list[tuple[str, str]]:
        (row,) = self.read("supply_pairs", as_of=as_of_key(as_of))
        return sorted(zip(row["sources"], row["targets"], strict=True))

    def adjacent_keys(
        self, rel: Rel, ids: Iterable[str], *, direction: Direction, as_of: date | None = None
    ) -> list[tuple[str, str, str]]:
        name = ADJACENT_KEYS_STATEMENTS.get((check_edge_rel(rel), direction))
        if name is None:  # no id-only statement: the props-carrying read, cut down
            return GraphStore.adjacent_keys(
                self,  # type: ignore[arg-type]
                rel,
                ids,
                direction=direction,
                as_of=as_of,
            )
        found: list[tuple[str, str, str]] = []
        wanted = sorted(set(ids))
        for start in range(0, len(wanted), KEYS_CHUNK):  # one bounded record per chunk
            chunk = wanted[start : start + KEYS_CHUNK]
            (row,) = self.read(name, ids=chunk, **dated_param(rel, as_of))
            found += zip(row["sources"], row["targets"], row["keys"], strict=True)
        return sorted(found)
