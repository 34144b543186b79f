"""A hub's SUPPLIES keys kept per version of the graph, in each process (the Neo4j store).

Every page of a hub's customers sorts all of them in the server to cut 200 (at 1,000,000 firms
the busiest supplier's 17,108: 37 ms), and every path search through a hub reads all its
edges' keys (38 ms). The embedded store keeps a hub's sorted edges with its graph
(:func:`graph.memory_graph.typed_edges`); this is the same for the Neo4j store, keyed by the
graph's version since the graph lives in the server:

- a :class:`~graph.neo4j_kept.KeptHubs` of :class:`Kept` holds, for a node with at least
  :data:`~graph.memory_graph.HUB` SUPPLIES edges on one side, every day's ``(source, target,
  product)`` keys of those edges in :meth:`~graph.store.GraphStore.adjacent_keys` order, each
  with the days it holds on (the edge's and the other firm's, :mod:`graph.asof`), under the
  version they were read at; the least recently used go first past ``budget`` edges in all. A
  node read with that many edges is marked a hub; it is kept the next time it is asked for, the
  version read before its edges (``cypher/hub_keys_supplies_{out,in}.cypher``), so what is kept
  is never older than its version, and a write (which bumps the version in its own transaction)
  ends it.
- :class:`Neo4jHubs` (mixed into the store) reads the version once per
  :meth:`~graph.store.GraphStore.reading` block, and only when a hub is asked for; never
  inside :meth:`~graph.store.GraphStore.atomic` (a change set's version may be rolled back and
  reused). ``adjacent_keys`` takes a kept hub's keys of the day; ``trade`` cuts a page of
  them in trade order (product, then partner) and reads only that page's edges
  (``cypher/trade_page_{out,in}.cypher``); matchmaking's ``shared_partners`` counts a kept
  hub's partners from its keys (its other edges by ``shared_partners_kept``), every other
  partner's by ``shared_partners``, which tells the hubs among them from their degrees. A
  day's list is kept beside, for the last few days asked (the API asks about today).

Each API worker keeps its own (nothing one needs from another): a hub costs one read of its
keys per version per worker.
"""

from __future__ import annotations

import sys
import threading
from collections import Counter, defaultdict
from collections.abc import Callable, Hashable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from functools import partial
from typing import Any, TypeVar

from chainatlas.graph.asof import day
from chainatlas.graph.memory_graph import HUB
from chainatlas.graph.neo4j_kept import KeptAnswers, KeptHubs
from chainatlas.graph.neo4j_statements import HUB_KEYS_STATEMENTS, TRADE_PAGE_STATEMENTS
from chainatlas.graph.rows import compact
from chainatlas.graph.shapes import Trade
from chainatlas.graph.store import Direction

#: an edge's keys as adjacent_keys gives them: (source, target, product)
Key = tuple[str, str, str]
#: the days an edge holds on, as text: from ``start`` until (not on) ``end``; :data:`ALWAYS`
#: and :data:`NEVER` sort before and after every day (graph/asof.py compares days as text)
Days = tuple[str, str]
ALWAYS, NEVER = "", "~"
#: the most edges kept in one process: ~200 bytes each, so ~60 MB
KEPT_EDGES = 300_000
#: the days whose lists a kept hub keeps beside its keys
DAYS_KEPT = 4
#: the most hubs whose keys one statement reads
HUBS_READ = 100
#: shared_partners' two ways, weighed: a firm's partner edges as a rule (the generated
#: province's 10M supplies give a firm 20 ends), and what looking a firm up by its id costs
#: against reading an edge's other end's id (at 1,000,000 firms ~5 against ~1.6 µs)
EDGES_A_FIRM, SEEK_COST = 20, 3


def _days(starts: Iterable[Any], ends: Iterable[Any]) -> Days:
    """The days on which all of ``starts`` have begun and none of ``ends`` has come."""
    begun = [day(v) for v in starts if v is not None]
    ended = [day(v) for v in ends if v is not None]
    return (max(begun, default=ALWAYS), min(ended, default=NEVER))


def within(days: Days, on: str) -> bool:
    """Whether day ``on`` falls in ``days`` (begun, not yet ended)."""
    return days[0] <= on < days[1]


@dataclass(slots=True)
class Kept:
    """One hub's keys on one side, every day's, read at ``version``; ``days[i]`` is when
    ``keys[i]`` holds, ``member`` when the hub is in the map, ``span`` the days on which every
    key holds."""

    version: str
    keys: list[Key]
    days: list[Days]
    member: Days
    span: Days
    #: a day's keys, for the last days asked (on a day they all hold: ``keys``)
    by_day: dict[str, list[Key]] = field(default_factory=dict)
    #: a day's keys in trade order (product, then the other end; ``*``: a day they all hold)
    traded: dict[str, list[Key]] = field(default_factory=dict)
    #: the keys' places in trade order, sorted when first asked
    order: list[int] | None = None

    def __len__(self) -> int:
        return len(self.keys)

    @classmethod
    def read(cls, version: str, keys: list[Key], days: list[Days], member: Days) -> Kept:
        span = (max((s for s, _ in days), default=ALWAYS), min((e for _, e in days), default=NEVER))
        return cls(version, keys, days, member, span)

    def _day(self, on: str | None) -> str:
        """The key of ``on``'s lists: ``*`` when every key holds that day."""
        return "*" if on is None or (within(self.span, on) and within(self.member, on)) else on

    def keys_on(self, on: str | None) -> list[Key]:
        """The keys holding on day ``on`` (``None``: every day's), in adjacency order."""
        at = self._day(on)
        if at == "*":
            return self.keys
        found = self.by_day.get(at)
        if found is None:
            found = self._holding(at, self.keys, self.days)
            _remember(self.by_day, at, found)
        return found

    def trade_on(self, on: str | None, other: int) -> list[Key]:
        """The keys holding on day ``on``, in trade order (``other``: the other end's place
        in a key)."""
        at = self._day(on)
        found = self.traded.get(at)
        if found is None:  # two threads at once sort it twice: either is kept
            if self.order is None:
                every = self.keys
                self.order = sorted(range(len(every)), key=lambda i: (every[i][2], every[i][other]))
            order = self.order
            found = [self.keys[i] for i in order]
            if at != "*":  # a day some keys do not hold: their days in the same order
                found = self._holding(at, found, [self.days[i] for i in order])
            _remember(self.traded, at, found)
        return found

    def _holding(self, on: str, keys: list[Key], days: list[Days]) -> list[Key]:
        if not within(self.member, on):
            return []
        return [k for k, d in zip(keys, days, strict=True) if within(d, on)]


def _kept_of(version: str, direction: Direction, row: dict[str, Any]) -> Kept:
    """What is kept of one hub from its row of ``hub_keys_supplies_{out,in}``."""
    end, pairs = sys.intern(row["id"]), zip(row["others"], row["keys"], strict=True)
    if direction == "out":
        keys = [(end, b, sys.intern(p)) for b, p in pairs]
    else:
        keys = [(a, end, sys.intern(p)) for a, p in pairs]
    text: dict[str, str] = {}  # each day's text once, however many edges start on it
    days = [
        (text.setdefault(s, s), text.setdefault(e, e))
        for s, e in zip(row["starts"], row["ends"], strict=True)
    ]
    order = sorted(range(len(keys)), key=keys.__getitem__)
    return Kept.read(
        version,
        [keys[i] for i in order],
        [days[i] for i in order],
        _days((row["since"],), (row["until"],)),
    )


A = TypeVar("A")

_remembering = threading.Lock()


def _remember(lists: dict[str, list[Key]], at: str, found: list[Key]) -> None:
    with _remembering:
        if len(lists) >= DAYS_KEPT:
            lists.pop(next(iter(lists)))
        lists[at] = found


class Neo4jHubs:
    """Hubs' SUPPLIES keys kept per version (mixed into :class:`~graph.neo4j_store.Neo4jStore`)."""

    _local: threading.local
    kept_hubs: KeptHubs[Kept]
    kept_answers: KeptAnswers[Any]
    read: Callable[..., list[dict[str, Any]]]
    version: Callable[[], str]
    _chunks: Callable[..., Iterator[dict[str, Any]]]  # graph.neo4j_projections
    reading: Callable[[], AbstractContextManager[None]]  # graph.neo4j_changes

    def _keeps(self) -> bool:
        """Whether kept keys may be used: not inside a change set."""
        return getattr(self._local, "tx", None) is None

    def _kept_version(self) -> str:
        """The graph's version, read once per read block."""
        local = self._local
        tx = getattr(local, "read_tx", None)
        memo = getattr(local, "kept_version", None)
        if tx is not None and memo is not None and memo[0] is tx:
            return str(memo[1])
        version = self.version()
        if tx is not None:
            local.kept_version = (tx, version)
        return version

    def forget_version(self) -> None:
        """After this thread's own write: the block's next read reads the version again."""
        self._local.kept_version = None

    def kept_answer(self, key: Hashable, read: Callable[[], A]) -> A:
        """A small answer kept per version (``kept_answers``): the one kept at this version,
        else ``read()`` now and kept (``None`` is not kept); inside a change set always
        ``read()``."""
        if not self.kept_answers.budget or not self._keeps():
            return read()
        version = self._kept_version()  # first: what is kept is never older than its version
        kept = self.kept_answers.get(version, key)
        if kept is None:
            kept = read()
            if kept is not None:
                self.kept_answers.put(version, key, kept)
        return kept

    def _kept(self, direction: Direction, id: str) -> Kept | None:
        """A hub's kept keys at this version, read now when they are not kept; ``None`` for an
        unknown firm."""
        return self._kept_all(direction, [id]).get(id)

    def _kept_all(self, direction: Direction, ids: list[str]) -> dict[str, Kept]:
        """The kept keys of the hubs ``ids`` at this version, those not kept read now, up to
        :data:`HUBS_READ` in a statement (a buyer's 25 hub partners: one round trip, not 25);
        unknown firms left out. No hub asked for: nothing read, not even the version."""
        if not ids:
            return {}
        version = self._kept_version()
        return self.kept_hubs.take(version, direction, ids, partial(self._hubs, version, direction))

    def _hubs(
        self, version: str, direction: Direction, ids: list[str]
    ) -> Iterator[tuple[str, Kept]]:
        for start in range(0, len(ids), HUBS_READ):
            for row in self.read(
                HUB_KEYS_STATEMENTS[direction], ids=ids[start : start + HUBS_READ]
            ):
                yield row["id"], _kept_of(version, direction, row)

    def kept_keys(
        self,
        direction: Direction,
        ids: list[str],
        on: str | None,
        read: Callable[[list[str]], list[Key]],
    ) -> list[Key]:
        """The SUPPLIES keys on ``direction``'s side of ``ids`` holding on day ``on``,
        unsorted: a marked hub's as kept, the others by ``read``; a firm ``read`` finds with
        at least HUB of them is marked."""
        if not self._keeps():
            return read(ids)
        hubs = self.kept_hubs.hubs(direction, ids)
        found: list[Key] = []
        rest = ids
        if hubs:
            held = self._kept_all(direction, hubs)  # those not admitted: read as the rest
            for kept in held.values():
                found += kept.keys_on(on)
            rest = [i for i in ids if i not in held]
        if rest:
            got = read(rest)
            found += got
            end = 0 if direction == "out" else 1
            self.kept_hubs.mark_frequent(direction, [k[end] for k in got])
        return found

    def kept_trade(
        self, id: str, direction: Direction, limit: int, offset: int, on: str | None
    ) -> Trade | None:
        """One page of a marked hub's trade on day ``on``, read by its keys; ``None`` for a
        firm not marked (or unknown, or not in the map that day), or inside a change set."""
        if not self._keeps() or not self.kept_hubs.hubs(direction, [id]):
            return None
        kept = self._kept(direction, id)
        if kept is None or (on is not None and not within(kept.member, on)):
            return None  # the statement of old says why
        other = 1 if direction == "out" else 0
        every = kept.trade_on(on, other)
        page = every[offset : offset + limit]
        rows = self.read(
            TRADE_PAGE_STATEMENTS[direction],
            id=id,
            others=[k[other] for k in page],
            products=[k[2] for k in page],
        )
        if not rows:  # removed since its version was read: the statement of old says so
            return None
        (row,) = rows
        return {
            "total": len(every),
            "items": [compact(item) for item in row["items"]],
            "edges": [compact(props) for props in row["edges"]],
        }

    def mark_hub(self, direction: Direction, id: str, total: int) -> None:
        """Note a firm whose trade has at least HUB edges on that side."""
        if total >= HUB:
            self.kept_hubs.mark(direction, id, total)

    def partner_counts(self, ids: list[str], among: list[str], on: str | None) -> dict[str, int]:
        """For each firm of ``among``, how many of the firms ``ids`` (other than itself) are
        its partners on day ``on`` (:meth:`~graph.store.GraphStore.shared_partners`): a marked
        hub's SUPPLIES from its kept keys and its other edges by
        ``cypher/shared_partners_kept.cypher``, every other firm's edges by
        ``cypher/shared_partners.cypher``; both give each firm's SUPPLIES degrees too: the
        hubs among them are marked."""
        wanted, keeps = set(among), self._keeps()
        ties: dict[str, set[str]] = defaultdict(set)  # a firm of ids: its partners among
        skip: dict[Direction, list[str]] = {"out": [], "in": []}
        sides: tuple[tuple[Direction, int], ...] = (("out", 1), ("in", 0))  # other end's place
        params: dict[str, Any] = {"among": among, "as_of": on}
        with self.reading():  # the version and the statements read one state of the graph
            for direction, other in sides:
                hubs = self.kept_hubs.hubs(direction, ids) if keeps else []
                # an unknown firm is not kept: the statement finds nothing for it either
                for id, kept in self._kept_all(direction, hubs).items():
                    ties[id].update(k[other] for k in kept.keys_on(on) if k[other] in wanted)
                    skip[direction].append(id)
            held = {*skip["out"], *skip["in"]}
            rest = [i for i in ids if i not in held]
            # other ends compared by node when reading every edge's other end's id costs more
            # than looking up the firms of among (the statement says why)
            by_node = len(rest) * EDGES_A_FIRM > len(among) * SEEK_COST
            rows = list(self._chunks("shared_partners", rest, {**params, "by_node": by_node}))
            if held:
                params.update(skip_out=skip["out"], skip_in=skip["in"])
                rows += self._chunks("shared_partners_kept", held, params)
        for row in rows:
            for id, outs, ins, partners in zip(
                row["ids"], row["outs"], row["ins"], row["partners"], strict=True
            ):
                ties[id].update(partners)
                if keeps:
                    self.mark_hub("out", id, outs)
                    self.mark_hub("in", id, ins)
        found: Counter[str] = Counter()
        for id, others in ties.items():
            others.discard(id)
            found.update(others)
        return dict(found)
