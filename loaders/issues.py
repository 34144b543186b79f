"""Issue lists of bounded size: the first errors and warnings, and a count of all by code.

A bundle of a million bad cells has a million issues; a report of all of them is a body of
hundreds of megabytes that helps nobody. :class:`IssueLog` counts every issue by severity and
code but keeps only the first ``keep`` errors and the first ``keep`` warnings (in file, row,
column order), in memory bounded by ``keep``. What it returns is an :class:`Issues`: a plain
sorted list of the kept issues that also knows the counts.

>>> log = IssueLog(keep=2)
>>> for row in (5, 3, 4, 2):
...     log.append(Issue("a.csv", row, "id", "bad id", code="bad-id"))
>>> issues = log.result()
>>> [i.row for i in issues], issues.total, issues.counts, issues.truncated
([2, 3], 4, {'bad-id': 4}, True)
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import replace

from chainatlas.graph.errors import Issue


class Issues(list[Issue]):
    """Sorted issues as shown, with ``counts`` (code -> issues found, shown or not), ``errors``
    (errors found) and ``total`` (issues found)."""

    counts: dict[str, int]
    errors: int
    total: int

    @classmethod
    def of(cls, shown: Iterable[Issue], counts: Counter[tuple[str, str]] | None = None) -> Issues:
        out = cls(sorted(shown))
        if counts is None:
            counts = Counter((i.severity, i.code) for i in out)
        by_code: Counter[str] = Counter()
        for (_, code), n in counts.items():
            by_code[code] += n
        out.counts = dict(sorted(by_code.items()))
        out.errors = sum(n for (severity, _), n in counts.items() if severity == "error")
        out.total = sum(counts.values())
        return out

    @property
    def truncated(self) -> bool:
        """Whether issues were found that are not shown."""
        return self.total > len(self)

    @property
    def warnings(self) -> int:
        return self.total - self.errors


class IssueLog:
    """Counts every issue appended; keeps the first ``keep`` of each severity. With
    ``strict`` every warning is counted and kept as an error."""

    def __init__(self, keep: int, *, strict: bool = False) -> None:
        self.keep = keep
        self.strict = strict
        self.counts: Counter[tuple[str, str]] = Counter()
        self._kept: dict[str, list[Issue]] = {"error": [], "warning": []}

    def append(self, issue: Issue) -> None:
        if self.strict and issue.severity != "error":
            issue = replace(issue, severity="error")
        self.counts[(issue.severity, issue.code)] += 1
        self._hold(issue)

    def _hold(self, issue: Issue) -> None:
        """Keep ``issue`` among the first ``keep`` of its severity (sorted lazily)."""
        kept = self._kept[issue.severity]
        kept.append(issue)
        if len(kept) >= 2 * self.keep:
            kept.sort()
            del kept[self.keep :]

    def extend(self, issues: Iterable[Issue]) -> None:
        for issue in issues:
            self.append(issue)

    def absorb(self, other: IssueLog) -> None:
        """Take ``other``'s counts and kept issues as if appended here."""
        self.counts.update(other.counts)
        for kept in other._kept.values():
            for issue in kept:
                self._hold(issue)  # counted already, and made an error already when strict

    def has(self, codes: Iterable[str]) -> bool:
        wanted = set(codes)
        return any(code in wanted for _, code in self.counts)

    @property
    def has_errors(self) -> bool:
        return any(severity == "error" for severity, _ in self.counts)

    def result(self) -> Issues:
        shown = [i for kept in self._kept.values() for i in sorted(kept)[: self.keep]]
        return Issues.of(shown, self.counts)
