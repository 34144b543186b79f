"""The one exception tree of ChainAtlas.

Everything the library raises on purpose derives from :class:`ChainAtlasError`::

    ChainAtlasError
    ├── BundleInvalid        a bundle failed validation; carries its Issues (file, row, column)
    │   ├── BundleTooLarge   a bundle over a limit of graph/limits.py (size, shape, time)
    │   └── EditInvalid      an edit of one fact failed the same rules (table, field, reason)
    ├── LoadRefused          an authoritative load would end too much of its scope (the counts)
    ├── InvalidOption        an option outside what a query or command accepts (also ValueError)
    ├── UnknownEntity        an id that is not in the graph (kind and id)
    ├── NoPath               no path between two nodes within the bounds asked
    ├── QueryRefused         an analyst query that is not read-only or not allowed
    │   ├── QueryInvalid     an analyst query the server could not compile or run
    │   └── QueryTimeout     an analyst query that ran longer than its time limit
    ├── StoreUnavailable     the store (Neo4j) cannot be reached right now
    ├── StoreError           the store failed in a way the caller cannot fix (a bug, a server fault)
    │   ├── SaveFailed       the embedded store could not save its graph (a full disk); unchanged
    │   └── TransactionTooLarge  over the server's bounds for one transaction; rolled back
    ├── ChangeConflict       a revert that later change sets built on (both ids)
    │   └── EditConflict     an edit of a fact another change set wrote since the editor saw it
    ├── GraphChanged         the embedded graph file changed since this process read it
    └── ConfigError          a setting is missing or wrong

Only ``api/`` turns these into HTTP problem details (an :class:`InvalidOption` is the one
caller's mistake answered 422; any other ``ValueError`` is a bug of ours and answers 500); the
CLI turns them into exit codes. The Neo4j store translates every driver error into this tree
with ``raise ... from e``, so nothing above the graph layer imports the driver.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal


class ChainAtlasError(Exception):
    """Base of every error ChainAtlas raises on purpose."""


@dataclass(frozen=True, order=True)
class Issue:
    """One problem found in a bundle, located as a person finds it in a spreadsheet.

    ``row`` counts like a spreadsheet: the header is row 1, the first data row is row 2;
    ``row`` is 0 for problems of a whole file (a missing file or column).
    """

    file: str
    row: int
    column: str
    message: str
    severity: Literal["error", "warning"] = "error"
    code: str = ""

    def __str__(self) -> str:
        where = (
            f"{self.file}:{self.row}:{self.column}" if self.row else self.file + ":" + self.column
        )
        tag = "" if self.severity == "error" else "warning: "
        return f"{where}: {tag}{self.message}"


class BundleInvalid(ChainAtlasError):
    """A bundle has errors; nothing was written. ``issues`` lists them (the first ones of each
    severity when there are many: ``counts`` has the number per code of all, ``total`` their
    number)."""

    def __init__(self, issues: list[Issue]) -> None:
        self.issues = issues
        counts: dict[str, int] | None = getattr(issues, "counts", None)
        if counts is None:
            counts = {}
            for i in issues:
                counts[i.code] = counts.get(i.code, 0) + 1
        self.counts = counts
        self.total: int = getattr(issues, "total", len(issues))
        errors = getattr(issues, "errors", sum(i.severity == "error" for i in issues))
        super().__init__(f"bundle has {errors} error(s); nothing was written")


class BundleTooLarge(BundleInvalid):
    """A bundle refused for its size or shape before it was checked; ``issues`` says which
    limit (graph/limits.py) and where."""


class EditInvalid(BundleInvalid):
    """An edit of one fact (:mod:`loaders.edit`) breaks the loaders' rules; nothing was
    written. Each issue is located as ``table:field: reason`` (``file`` is the table, ``row``
    0, ``column`` the field)."""

    def __init__(self, issues: list[Issue]) -> None:
        super().__init__(issues)
        errors = sum(i.severity == "error" for i in issues)
        Exception.__init__(self, f"the edit has {errors} error(s); nothing was written")


class LoadRefused(ChainAtlasError):
    """An authoritative load would end more than its allowed share of a scope (a truncated
    file looks exactly like this); nothing was written. ``counts`` per table: ``{end,
    in_force, share}``."""

    def __init__(self, counts: dict[str, dict[str, Any]], max_share: float) -> None:
        self.counts = counts
        self.max_share = max_share
        said = ", ".join(f"{t} {c['end']} of {c['in_force']}" for t, c in counts.items())
        super().__init__(
            f"the load would end more than {max_share:.0%} of its scope ({said}); "
            "nothing was written (check the bundle is complete, or force it)"
        )


class UnknownEntity(ChainAtlasError):
    """No node of ``kind`` has ``id``."""

    def __init__(self, kind: str, id: str) -> None:
        self.kind = kind
        self.id = id
        super().__init__(f"unknown {kind.lower()} id: {id!r}")


class InvalidOption(ChainAtlasError, ValueError):
    """``option`` has a value the query or command does not accept; the message says which
    values it does. A ``ValueError`` too, so code that validates with ``ValueError`` keeps working.

    >>> e = InvalidOption("limit", "limit must be between 1 and 500")
    >>> (e.option, str(e), isinstance(e, ValueError))
    ('limit', 'limit must be between 1 and 500', True)
    >>> import pickle  # it crosses processes (the bulk path's writers)
    >>> again = pickle.loads(pickle.dumps(e))
    >>> (type(again).__name__, again.option, str(again))
    ('InvalidOption', 'limit', 'limit must be between 1 and 500')
    """

    def __init__(self, option: str, message: str) -> None:
        self.option = option
        super().__init__(message)

    def __reduce__(self) -> tuple[Any, tuple[str, str]]:
        return type(self), (self.option, str(self))


class NoPath(ChainAtlasError):
    """No path joins ``source`` and ``target`` within the bounds asked. ``shortest``, when
    known, is the length of the shortest path beyond the bound (a process route search
    reports it; ``None`` when there is none or it was not looked for)."""

    def __init__(
        self, source: str, target: str, detail: str = "", *, shortest: int | None = None
    ) -> None:
        self.source = source
        self.target = target
        self.shortest = shortest
        tail = f" {detail}" if detail else ""
        super().__init__(f"no path from {source!r} to {target!r}{tail}")


class QueryRefused(ChainAtlasError):
    """An analyst query that would write, or call something that is not allowed."""


class QueryInvalid(QueryRefused):
    """The server could not compile or run an analyst query. ``code`` is its status code;
    ``line`` and ``column`` locate the problem when the server said where. The message may
    quote the query (for its author at a terminal); an HTTP answer uses the attributes only."""

    def __init__(
        self,
        message: str,
        *,
        code: str,
        syntax: bool,
        line: int | None = None,
        column: int | None = None,
    ) -> None:
        self.code = code
        self.syntax = syntax
        self.line = line
        self.column = column
        super().__init__(message)


class QueryTimeout(QueryRefused):
    """An analyst query stopped by its transaction time limit."""


class StoreUnavailable(ChainAtlasError):
    """The graph store cannot be reached; the request may succeed later."""


class StoreError(ChainAtlasError):
    """The store failed and retrying will not help: a server fault or a bug of ours. The
    message names the failure (a status code), never a query's parameters."""


class SaveFailed(StoreError):
    """The embedded store could not write its graph file (a full disk, a file-size limit, no
    permission): the file is as it was and no temporary file is left. ``reason`` is the
    system's (``No space left on device``); the message names the file too."""

    def __init__(self, path: str, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"could not save the graph to {path}: {reason}; nothing was written")


class TransactionTooLarge(StoreError):
    """A transaction (a load's one change set, or a read at a very large scale) went over what
    the server lets one transaction use: its memory (``db.memory.transaction.max``) or its time
    (``db.transaction.timeout``). The server rolled it back whole, so nothing was written; the
    message names the bound and the way out (docs/deploy.md)."""

    def __init__(self, bound: str) -> None:
        self.bound = bound
        super().__init__(
            f"a transaction went over Neo4j's {bound} and was rolled back whole (nothing was"
            " written); for a large load raise it (NEO4J_TX_MEMORY / NEO4J_TX_TIMEOUT"
            " in compose, NEO4J_LOCAL_TX_MEMORY / NEO4J_LOCAL_TX_TIMEOUT for scripts/neo4j-local)"
            " or load a large first bundle into an empty database with `chainatlas load --bulk`"
        )


class ChangeConflict(ChainAtlasError):
    """Reverting change set ``change_set`` would undo what ``blocking`` (a later change set)
    built on, or it was reverted already (``blocking`` is then the revert)."""

    def __init__(self, change_set: int, blocking: int, reason: str) -> None:
        self.change_set = change_set
        self.blocking = blocking
        super().__init__(f"change set {change_set} cannot be reverted: {reason}")


class EditConflict(ChangeConflict):
    """An edit sent with ``base`` (the change set the editor saw the fact at) of a fact that
    change set ``blocking`` wrote (changed, ended or added) after it; nothing was written."""

    def __init__(self, base: int, blocking: int, what: str) -> None:
        self.change_set = base
        self.blocking = blocking
        Exception.__init__(
            self,
            f"{what} was written by change set {blocking} after change set {base}, which the "
            "edit was based on; reload it and edit again",
        )


class GraphChanged(ChainAtlasError):
    """Another process saved the embedded graph since this one read it; saving now would
    lose that change. Nothing was written: read the graph again and retry."""


class ConfigError(ChainAtlasError):
    """A setting is missing or has a value that cannot work."""


class PostConflict(ChainAtlasError):
    """A board post cannot take this action in its present ``status`` (withdrawn, expired,
    matched to another candidate), or the candidate does not answer it."""

    def __init__(self, post_id: str, status: str, message: str) -> None:
        self.post_id = post_id
        self.status = status
        super().__init__(message)


class PostInvalid(ChainAtlasError):
    """A post that breaks the board's rules: ``problems`` are ``(field, message, code)``."""

    def __init__(self, problems: list[tuple[str, str, str]]) -> None:
        self.problems = problems
        super().__init__("; ".join(f"{f}: {m}" for f, m, _ in problems))
