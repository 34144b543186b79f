"""The embedded store's search index: the best ``cap`` candidates without classifying every
node whose ``search_text`` holds the query.

A match's kind (:func:`graph.text.match_kind`) is the strongest group of lines the folded
query is found in, and candidates are ranked by ``(kind, label, id)``. So the index keeps,
per label, its searchable rows in id order and each group of their lines joined into one
text (:class:`Lines`), and walks the ladder: for each kind, strongest first, for each label,
the rows whose lines of that kind hold the query, in id order, each row once (at its first
and so strongest kind), until ``cap`` are found. ``str.find`` over one text per group does
the scanning in C; Python touches only the rows it finds. At 100,000 firms ``新材`` is inside
9,657 names: the old scan classified each of them to keep 500, the ladder reads 500.

The store builds the index on the first search after a write (it drops it with its graph);
it holds the tables' rows, and of the text only the joined copies: 46 MB at 100,000 firms,
36 MB of them the pinyin readings.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable, Iterator, Sequence

from chainatlas.graph.asof import member
from chainatlas.graph.memory_graph import Tables, node_table
from chainatlas.graph.model import Label, Row
from chainatlas.graph.text import SEARCH_LINES, MatchKind

_ID, _NAME, _SHORT, _EN, _CODE, _PINYIN, _INITIALS = range(len(SEARCH_LINES))
SEARCHED = (Label.ENTERPRISE, Label.PRODUCT)


class Lines:
    """Some lines of every row, joined: row ``i``'s lines start at ``starts[i]`` in ``text``,
    a newline before and after each line (a folded query holds no newline, so a match never
    spans two lines, ``"\\n" + q`` finds the lines that start with ``q`` and ``"\\n" + q +
    "\\n"`` the lines equal to it)."""

    __slots__ = ("chars", "starts", "text")

    def __init__(self, per_row: Iterable[Sequence[str]]) -> None:
        parts, starts, at = [], array("q"), 1
        for lines in per_row:
            part = "\n".join(lines)
            starts.append(at)
            parts.append(part)
            at += len(part) + 1
        self.text = "\n" + "\n".join(parts) + "\n"
        self.starts = starts
        #: every character of the lines: a needle with another is in none of them (an id
        #: typed in full need not scan the 36 MB of pinyin readings 100,000 firms have)
        self.chars = frozenset(self.text)

    def rows(self, needle: str, *, lead: int = 0) -> Iterator[int]:
        """The rows whose lines hold ``needle``, in order, once each; ``lead``: how many
        characters of ``needle`` come before the line (1 for a leading newline)."""
        text, starts = self.text, self.starts
        at = text.find(needle) if self.chars.issuperset(needle) else -1
        while at >= 0:
            i = bisect_right(starts, at + lead) - 1
            yield i
            if i + 1 == len(starts):
                return
            at = text.find(needle, max(starts[i + 1] - lead, at + 1))


def _exact(q: str) -> str:
    return f"\n{q}\n"


def _starts(q: str) -> str:
    return f"\n{q}"


#: per kind: the lines it looks in (by their numbers in ``search_text``; ``None``: the
#: aliases, every line after the fixed ones) and the needle it looks for
LADDER: dict[MatchKind, tuple[tuple[int | None, ...], Callable[[str], str]]] = {
    MatchKind.EXACT_CODE: ((_ID, _CODE), _exact),
    MatchKind.EXACT_NAME: ((_NAME,), _exact),
    MatchKind.NAME_PREFIX: ((_NAME,), _starts),
    MatchKind.NAME_CONTAINS: ((_NAME,), str),
    MatchKind.OTHER_NAME: ((_SHORT, _EN, None), str),
    MatchKind.PINYIN: ((_PINYIN, _INITIALS), str),
    MatchKind.CODE_CONTAINS: ((_ID, _CODE), str),
}


def _picked(texts: list[str], numbers: tuple[int | None, ...]) -> Iterator[list[str]]:
    """The lines ``numbers`` of each search text (each text split in turn: no row's lines
    are all held at once)."""
    for text in texts:
        lines = text.split("\n")
        yield [
            x
            for n in numbers
            for x in (lines[n : n + 1] if n is not None else lines[_INITIALS + 1 :])
        ]


class _Label:
    """The index of one label: its rows in id order and, per group of lines, their text."""

    __slots__ = ("groups", "rows")

    def __init__(self, rows: Iterable[Row]) -> None:
        self.rows = sorted((r for r in rows if r.get("search_text")), key=lambda r: r["id"])
        texts = [r["search_text"] for r in self.rows]
        self.groups: dict[tuple[int | None, ...], Lines] = {}
        for numbers, _ in LADDER.values():
            if numbers not in self.groups:
                self.groups[numbers] = Lines(_picked(texts, numbers))

    def of_kind(self, kind: MatchKind, q: str) -> Iterator[int]:
        """The rows whose lines of ``kind`` match ``q`` (with rows of stronger kinds)."""
        numbers, needle = LADDER[kind]
        return self.groups[numbers].rows(needle(q), lead=0 if needle is str else 1)


class SearchIndex:
    """The searchable nodes of the tables, for :meth:`candidates`."""

    def __init__(self, tables: Tables) -> None:
        self._labels = {label: _Label(tables[node_table(label)].values()) for label in SEARCHED}

    def candidates(
        self, q: str, labels: Iterable[Label], cap: int, day: str | None
    ) -> list[tuple[MatchKind, Label, Row]]:
        """The first ``cap`` nodes of ``labels`` whose ``search_text`` holds the folded query
        ``q``, with their kinds, ordered by ``(kind, label, id)``; firms not in the map on
        ``day`` left out."""
        asked = sorted(set(labels) & set(SEARCHED), key=lambda lab: lab.value)
        seen: dict[Label, set[int]] = {label: set() for label in asked}
        found: list[tuple[MatchKind, Label, Row]] = []
        for kind in MatchKind if cap > 0 else ():
            for label in asked:
                index, done = self._labels[label], seen[label]
                for i in index.of_kind(kind, q):
                    if i in done:
                        continue
                    done.add(i)
                    row = index.rows[i]
                    if label is not Label.ENTERPRISE or member(row, day):
                        found.append((kind, label, row))
                        if len(found) == cap:
                            return found
        return found

    def count(self, q: str, labels: Iterable[Label], cap: int, day: str | None) -> int:
        """How many nodes :meth:`candidates` gives, without walking its ladder: a match of
        any kind holds ``q`` in some line, so each group of lines is searched for it once,
        in any order, until ``cap`` nodes are found."""
        found = 0
        for label in set(labels) & set(SEARCHED):
            index, seen = self._labels[label], set()
            for lines in index.groups.values():
                for i in lines.rows(q):
                    if i in seen:
                        continue
                    seen.add(i)
                    if label is not Label.ENTERPRISE or member(index.rows[i], day):
                        found += 1
                        if found >= cap:
                            return found
        return found
