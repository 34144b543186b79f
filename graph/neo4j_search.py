"""Search on Neo4j without classifying every match of a broad query.

A query of two characters can match a tenth of a province: 新材 is in the names of 96,283 of
1,000,000 generated firms. Reading and ranking all of them to keep 20 took 0.8–1 s a call, and
the TEXT index alone takes 15–25 ms to hand over the first few of them. The answer is the first
``cap`` matches by ``(match kind, label, id)`` (:class:`graph.text.MatchKind`), and for a broad
query the first of them are found long before the last match is read:

1. **Probe** the TEXT index for the strong kinds, at most :data:`PROBE` matches
   (``cypher/search_probe.cypher``; classified here by :func:`graph.text.match_kind`, the
   embedded store's rule). Every firm or product the query matches as an id, a code or a name
   prefix has a line starting with it (``"\\n" + q``) or has it as its id (``q + "\\n"``, only
   if ``q`` could be a folded id: ids are ASCII); an exact id, code or name is a whole line
   (``"\\n" + q + "\\n"``). The first of these two probes that is not full holds every match of
   its kinds. They are few, so the probes are cheap.
2. **Scan** firms in id order (the id index gives the order), :data:`SCAN_ROWS` first and four
   times as many each step after, for the next kind (``cypher/search_scan.cypher``): the name
   prefix when the second probe answered, else a name containing the query. A firm whose name
   matches so and is not among the stronger matches is of that kind, and one found early by id
   is the next in the answer, as firms rank before products within a kind. A kind too rare to
   fill the answer within :data:`SCAN_LIMIT` firms stops the scan.
3. Then **probe every match**: a probe that is not full holds them all. A query of
   :data:`LONG` characters or more (an id, a code, a whole name) is probed so first. When a
   probe above was full this one, of more matches, is full too, and is not asked.
4. Anything else (a broad query whose answer the scan could not find, a search for products
   only): ``cypher/search_candidates.cypher`` classifies every match in the server and gives
   the first ``cap`` ids.

Every path gives the same answer: tests/graph/test_neo4j_search.py runs them with a tiny probe
against the embedded store.

What a search picks by any of these (ids and match kinds, not the nodes' fields) and a broad
query's count are kept per version of the graph in each process
(:meth:`~graph.neo4j_hubs.Neo4jHubs.kept_answer`): the same few broad queries are typed again
and again, each costing the server 15-20 ms to pick and 20-50 ms to count at 1,000,000 firms;
kept, a page reads the version and its hits' fields. A write, from any process, moves the
version, and a change set reads its own writes.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from chainatlas.graph.asof import as_of_key
from chainatlas.graph.model import Label
from chainatlas.graph.rows import SEARCH_FIELDS, search_hit
from chainatlas.graph.text import MatchKind, match_kind, search_query
from chainatlas.graph.vocab import ID_RE

if TYPE_CHECKING:
    from chainatlas.graph.neo4j_store import Neo4jStore

#: matches one probe reads at most (a full probe sends the search down the ladder); each
#: brings its search_text (~400 bytes), so a smaller probe is cheaper: 1,000 took 22-26 ms
PROBE = 200
#: firms the first scan step reads in id order (each next step four times as many), and all
#: steps together at most
SCAN_ROWS, SCAN_LIMIT = 1_024, 32_768

#: a query this long (a full name, an id, a code) is probed for every match first: it
#: usually has few, and the scan would be spent finding none of the next kind
LONG = 5

Pick = tuple[int, str, str]  # (match kind, label, id): the answer's order


def search(
    store: Neo4jStore, q: str, labels: Sequence[Label], cap: int, as_of: date | None
) -> list[dict[str, Any]]:
    """The first ``cap`` candidates, as :meth:`GraphStore.search_candidates` has them."""
    needle, kinds, day = search_query(q), [lab.value for lab in labels], as_of_key(as_of)

    def read() -> tuple[Pick, ...]:
        found = _picks(store, needle, labels, cap, day)
        if found is None:  # every match classified in the server
            rows = store.read("search_candidates", q=needle, labels=kinds, cap=cap, as_of=day)
            found = [(r["match"], r["label"], r["id"]) for r in rows]
        return tuple(found)  # kept, so shared: never changed

    picks = store.kept_answer(("search", needle, tuple(kinds), cap, day), read)
    return _with_props(store, picks[:cap], as_of)


def count(store: Neo4jStore, q: str, labels: Sequence[Label], cap: int, as_of: date | None) -> int:
    """How many firms and products match ``q`` (at most ``cap``), none classified or read:
    the TEXT indexes hand over the first ``cap`` matches (6 ms for 500 of the 9,657 firms
    of 100,000 whose names hold 新材, where ranking them took 44). A query shorter than the
    index's trigrams costs it a scan of its terms however few it hands over (20-50 ms for
    新材 at 1,000,000 firms), so each count is kept per version of the graph
    (:meth:`~graph.neo4j_hubs.Neo4jHubs.kept_answer`): only broad queries are counted, and
    the same few are asked again and again."""
    needle, kinds, day = search_query(q), [lab.value for lab in labels], as_of_key(as_of)

    def read() -> int:
        (row,) = store.read("search_count", q=needle, labels=kinds, cap=cap, as_of=day)
        return int(row["n"])

    return int(store.kept_answer(("search_count", needle, tuple(kinds), cap, day), read))


def _picks(
    store: Neo4jStore, needle: str, labels: Sequence[Label], cap: int, as_of: str | None
) -> list[Pick] | None:
    """The answer's first ``cap`` (or all, if fewer) by probes and a scan; None when they
    cannot tell."""
    kinds = [lab.value for lab in labels]
    long = len(needle) >= LONG
    if long:  # likely few matches: all of them, probed first, are likely the answer
        every = _probe(store, needle, needle, None, kinds, as_of, MatchKind.CODE_CONTAINS)
        if every is not None:
            return every
    as_id = needle + "\n" if ID_RE.match(needle) else None
    strong = (("\n" + needle, MatchKind.NAME_PREFIX), ("\n" + needle + "\n", MatchKind.EXACT_NAME))
    full = long  # a probe was full: probing every match, more of them, is full too
    for a, last in strong:
        known = _probe(store, needle, a, as_id, kinds, as_of, last)
        if known is None:
            full = True
            continue
        if len(known) >= cap:
            return known
        if Label.ENTERPRISE in labels:
            more = _scan(store, needle, MatchKind(last + 1), known, cap - len(known), as_of)
            if more is not None:
                return known + more
        break
    if full:
        return None
    return _probe(store, needle, needle, None, kinds, as_of, MatchKind.CODE_CONTAINS)


def _probe(
    store: Neo4jStore,
    needle: str,
    a: str,
    b: str | None,
    kinds: list[str],
    as_of: str | None,
    last: MatchKind,
) -> list[Pick] | None:
    """Every match of kind up to ``last`` among those whose text contains ``a`` or ``b``,
    sorted; None when there are :data:`PROBE` or more of those."""
    (row,) = store.read("search_probe", a=a, b=b or a, labels=kinds, probe=PROBE, as_of=as_of)
    if row["n"] >= PROBE:
        return None
    found = ((match_kind(needle, r["text"]), r["label"], r["id"]) for r in row["found"])
    return sorted((int(k), lab, i) for k, lab, i in found if k is not None and k <= last)


def _scan(
    store: Neo4jStore,
    needle: str,
    kind: MatchKind,
    known: list[Pick],
    need: int,
    as_of: str | None,
) -> list[Pick] | None:
    """The first ``need`` firms by id whose match is ``kind``, the name prefix or a name
    containing the query, when ``known`` holds every stronger match: a firm whose name has it
    and is not known is of ``kind``. None when the scan reaches :data:`SCAN_LIMIT` or the last
    firm first, or finds the kind too rare to get there."""
    stronger = {i for _, lab, i in known if lab == Label.ENTERPRISE.value}
    prefix = kind == MatchKind.NAME_PREFIX
    found: list[Pick] = []
    after, seen, rows = "", 0, SCAN_ROWS
    while seen < SCAN_LIMIT:
        (step,) = store.read(
            "search_scan", q=needle, prefix=prefix, after=after, rows=rows, as_of=as_of
        )
        found += [
            (int(kind), Label.ENTERPRISE.value, f) for f in step["found"] if f not in stronger
        ]
        if len(found) >= need:
            return found[:need]
        seen, after = seen + step["scanned"], step["last"]
        # the last firm read, or at this rate the limit is reached before ``need``: give up
        if step["scanned"] < rows or len(found) * SCAN_LIMIT < need * seen:
            return None
        rows = min(4 * rows, SCAN_LIMIT - seen)
    return None


def _with_props(
    store: Neo4jStore, picks: Sequence[Pick], as_of: date | None
) -> list[dict[str, Any]]:
    """The picks, in order, each with what a hit shows of its node (``SEARCH_FIELDS``); one
    removed by a write committed since it was picked (read committed) is left out."""
    props: dict[tuple[str, str], dict[str, Any]] = {}
    for lab in sorted({lab for _, lab, _ in picks}):
        ids = [i for _, label, i in picks if label == lab]
        for node in store.nodes(Label(lab), ids, fields=SEARCH_FIELDS, as_of=as_of):
            props[lab, node["id"]] = node
    return [search_hit(props[lab, i], lab, k) for k, lab, i in picks if (lab, i) in props]
