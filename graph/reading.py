"""A query's reads in one transaction: :func:`in_one_read` runs a query function inside its
store's :meth:`~graph.store.GraphStore.reading` block. On Neo4j a path search, a profile or a
match makes ten or more statements; each in a managed transaction of its own costs three round
trips (BEGIN, RUN and PULL, COMMIT), in one transaction one each (Neo4j's isolation is read
committed: a write committed meanwhile is seen by the statements after it, as before). The
embedded store's block is empty.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from typing import Concatenate, ParamSpec, TypeVar

from chainatlas.graph.store import GraphStore

P = ParamSpec("P")
R = TypeVar("R")


def in_one_read(
    query: Callable[Concatenate[GraphStore, P], R],
) -> Callable[Concatenate[GraphStore, P], R]:
    """``query`` (its store first) with its reads in one read transaction."""

    @functools.wraps(query)
    def run(store: GraphStore, /, *args: P.args, **kwargs: P.kwargs) -> R:
        with store.reading():
            return query(store, *args, **kwargs)

    return run
