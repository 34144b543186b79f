"""What the Neo4j store keeps per version of the graph, in each process: a hub's SUPPLIES keys
(graph/neo4j_hubs.py) and a common product's makers and buyers (graph/neo4j_makers.py) are
kept alike, in a :class:`KeptHubs` each, which marks the hubs seen, finds what is kept of them
at a version only, reads what is not, and drops the least recently used past its budget. A
few small answers that cost the server more than their size (a search's ranked picks and a
broad search's count, graph/neo4j_search.py) are kept in a :class:`KeptAnswers`, by key, at a
version only: the one mechanism beneath both (a :class:`KeptHubs` keeps its hubs in one,
each weighing its edges)."""

from __future__ import annotations

import threading
from collections import Counter, OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sized
from typing import Generic, Protocol, TypeVar

from chainatlas.graph.memory_graph import HUB


class Versioned(Protocol):
    """What a :class:`KeptHubs` keeps: a node's edges read at ``version``, ``len()`` of them."""

    version: str

    def __len__(self) -> int: ...


V = TypeVar("V", bound=Versioned)
T = TypeVar("T")

#: what the small answers a store keeps per version weigh in all (a search's count 1, its
#: ranked picks 1 + their number, each a few dozen bytes): a few MB
KEPT_ANSWERS = 100_000


class KeptHubs(Generic[V]):
    """What is kept of the hubs of one store in this process (thread-safe), by side (the
    direction of their SUPPLIES keys, or a product's makers: graph/neo4j_makers.py) and id;
    ``budget`` counts their edges, the least recently used go first."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        #: each hub under the version it was read at, weighing its edges
        self._kept: KeptAnswers[V] = KeptAnswers(budget, weigh=len)
        self._hubs: set[tuple[str, str]] = set()
        #: hubs with more edges than the whole budget: never kept, so read by the statements
        self._oversized: set[tuple[str, str]] = set()

    def hubs(self, side: str, ids: Iterable[str]) -> list[str]:
        """Those of ``ids`` marked as hubs on that side."""
        return [i for i in ids if (side, i) in self._hubs]

    def mark(self, side: str, id: str) -> None:
        # a budget of 0 keeps nothing: every read goes to the statements
        if self.budget and (side, id) not in self._oversized:
            self._hubs.add((side, id))

    def get(self, version: str, side: str, id: str) -> V | None:
        return self._kept.get(version, (side, id))

    def put(self, side: str, id: str, kept: V) -> V:
        """Keep ``kept`` and give it back; one alone over the budget is given back once and
        no longer marked (its reads go to the statements, not to reading all its edges)."""
        if len(kept) > self.budget:
            self._oversized.add((side, id))
            self._hubs.discard((side, id))
            return kept
        self._kept.put(kept.version, (side, id), kept)
        return kept

    def take(
        self,
        version: str,
        side: str,
        ids: list[str],
        read: Callable[[list[str]], Iterable[tuple[str, V]]],
    ) -> dict[str, V]:
        """What is kept of ``ids`` on that side at ``version``, the rest read now: ``read``
        is given the ids not kept and yields ``(id, what to keep)``, which is kept; an id it
        does not yield (an unknown node) is left out."""
        found: dict[str, V] = {}
        missing = []
        for id in ids:
            kept = self.get(version, side, id)
            if kept is None:
                missing.append(id)
            else:
                found[id] = kept
        if missing:
            for id, kept in read(missing):
                found[id] = self.put(side, id, kept)
        return found

    def mark_frequent(self, side: str, ends: list[str]) -> None:
        """Mark each id found at least HUB times in ``ends`` (the ends of edges just read)."""
        if len(ends) >= HUB:
            for id, n in Counter(ends).items():
                if n >= HUB:
                    self.mark(side, id)

    @property
    def size(self) -> int:
        """How many edges are kept."""
        return self._kept.weight


def _weight(answer: object) -> int:
    """An answer weighs 1, and 1 more for each of its items if it has a length."""
    return 1 + (len(answer) if isinstance(answer, Sized) else 0)


class KeptAnswers(Generic[T]):
    """Answers of one store kept in this process (thread-safe), by key, each under the
    version it was read at and found at that version only; past ``budget`` in all (each
    weighed by ``weigh``) the least recently used go first, and one heavier than the budget
    is not kept (``budget`` 0 keeps nothing that weighs anything)."""

    def __init__(self, budget: int, weigh: Callable[[T], int] = _weight) -> None:
        self.budget = budget
        self._weigh = weigh
        self._lock = threading.Lock()
        self._kept: OrderedDict[Hashable, tuple[str, T, int]] = OrderedDict()
        self._weight = 0

    def get(self, version: str, key: Hashable) -> T | None:
        with self._lock:
            found = self._kept.get(key)
            if found is None or found[0] != version:
                return None
            self._kept.move_to_end(key)
            return found[1]

    def put(self, version: str, key: Hashable, answer: T) -> None:
        weight = self._weigh(answer)
        if weight > self.budget:
            return
        with self._lock:
            old = self._kept.pop(key, None)
            self._weight += weight - (old[2] if old is not None else 0)
            self._kept[key] = (version, answer, weight)
            while self._weight > self.budget:
                _, (_, _, gone) = self._kept.popitem(last=False)
                self._weight -= gone

    def __len__(self) -> int:
        return len(self._kept)

    @property
    def weight(self) -> int:
        """What the kept answers weigh in all."""
        return self._weight
