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

#: how often a :class:`KeptHubs` halves how often each hub was asked for: after this many asks
#: a marked hub (what W-TinyLFU does after ten asks an entry; here a hub's edges weigh more)
AGE_AFTER = 10

#: what the small answers a store keeps per version weigh in all (a search's count 1, its
#: ranked picks 1 + their number, each a few dozen bytes): a few MB
KEPT_ANSWERS = 100_000


class KeptHubs(Generic[V]):
    """What is kept of the hubs of one store in this process (thread-safe), by side (the
    direction of their SUPPLIES keys, or a product's makers: graph/neo4j_makers.py) and id;
    ``budget`` counts their edges, the least recently used go first.

    Once the budget is full, a hub not kept is read into it only if it had been asked for
    more often, before this ask, than the hub that would go first (or that one was read at an
    older version); else :meth:`take` leaves it to the statements. At a province far more hubs
    are asked for than the budget holds, and keeping whichever came last read every hub's
    edges anew on each ask, more than the statements cost (docs/performance.md, "A
    province's hubs are more than a worker keeps"). How often each is asked is halved every
    :data:`AGE_AFTER` asks a marked hub, so what was asked for long ago gives way."""

    def __init__(self, budget: int) -> None:
        self.budget = budget
        #: each hub under the version it was read at, weighing its edges
        self._kept: KeptAnswers[V] = KeptAnswers(budget, weigh=len)
        #: the marked hubs, each with the edges it had when marked (what keeping it weighs)
        self._hubs: dict[tuple[str, str], int] = {}
        #: hubs with more edges than the whole budget: never kept, so read by the statements
        self._oversized: set[tuple[str, str]] = set()
        self._lock = threading.Lock()
        self._asked: Counter[tuple[str, str]] = Counter()
        self._asks = 0

    def hubs(self, side: str, ids: Iterable[str]) -> list[str]:
        """Those of ``ids`` marked as hubs on that side."""
        return [i for i in ids if (side, i) in self._hubs]

    def mark(self, side: str, id: str, edges: int) -> None:
        """Mark a hub with ``edges`` on that side (a budget of 0 marks none: every read goes to
        the statements)."""
        if self.budget and (side, id) not in self._oversized:
            self._hubs[side, id] = edges

    def get(self, version: str, side: str, id: str) -> V | None:
        return self._kept.get(version, (side, id))

    def put(self, side: str, id: str, kept: V) -> V:
        """Keep ``kept`` and give it back; one alone over the budget is given back once and
        no longer marked (its reads go to the statements, not to reading all its edges)."""
        if len(kept) > self.budget:
            self._oversized.add((side, id))
            self._hubs.pop((side, id), None)
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
        """What is kept of ``ids`` on that side at ``version``, those not kept that may be
        kept read now (``read`` is given them and yields ``(id, what to keep)``, which is
        kept); an id left out is the caller's to read by the statements (not admitted, or an
        unknown node)."""
        found: dict[str, V] = {}
        missing = []
        for id in ids:
            self._ask((side, id))
            kept = self.get(version, side, id)
            if kept is None:
                missing.append(id)
            else:
                found[id] = kept
        admitted = [id for id in missing if self._admits(version, (side, id))]
        if admitted:
            for id, kept in read(admitted):
                found[id] = self.put(side, id, kept)
        return found

    def _ask(self, key: tuple[str, str]) -> None:
        with self._lock:
            self._asked[key] += 1
            self._asks += 1
            if self._asks >= AGE_AFTER * max(len(self._hubs), 1):
                self._asks = 0
                self._asked = Counter({k: n // 2 for k, n in self._asked.items() if n > 1})

    def _admits(self, version: str, key: tuple[str, str]) -> bool:
        """Whether to read ``key`` into what is kept: there is room for it, or the first to
        go for it is of an older version or was asked for less often than ``key`` was before
        this ask (the first to go was asked longest ago: counting this ask would let every
        hub of a round in which more are asked than are kept push out one not yet asked
        again, as keeping the last read does)."""
        first = self._kept.oldest()
        if first is None or self._kept.weight + self._hubs.get(key, 0) <= self.budget:
            return True
        gone, gone_version = first
        before = self._asked[key] - 1
        return gone_version != version or before > self._asked[gone]  # type: ignore[index]

    def mark_frequent(self, side: str, ends: list[str]) -> None:
        """Mark each id found at least HUB times in ``ends`` (the ends of edges just read)."""
        if len(ends) >= HUB:
            for id, n in Counter(ends).items():
                if n >= HUB:
                    self.mark(side, id, n)

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

    def oldest(self) -> tuple[Hashable, str] | None:
        """The key and version of the least recently used answer (the first to go), if any."""
        with self._lock:
            for key, (version, _, _) in self._kept.items():
                return key, version
            return None

    @property
    def weight(self) -> int:
        """What the kept answers weigh in all."""
        return self._weight
