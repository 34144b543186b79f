"""What a load is and says: who makes it from what (:class:`Change`), and what it wrote
(:class:`LoadReport`)."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from chainatlas.graph.errors import Issue


@dataclass(frozen=True)
class Change:
    """Who makes a load and from what: its change set's author, source and digest."""

    author: str
    source: str
    sha256: str | None = None


@dataclass
class LoadReport:
    """What a load wrote: rows per table (in load order), the bundle's warnings, and the
    change set it recorded (``None`` when it changed nothing, or was not one)."""

    bundle: str
    store: str
    counts: dict[str, int]
    warnings: list[Issue]
    #: rows ended per table by an authoritative load (empty without a scope)
    ended: dict[str, int] = field(default_factory=dict)
    scope: str | None = None
    change_set: dict[str, Any] | None = None
    #: answered by the store's receipt, the bundle not read (:mod:`loaders.receipt`)
    recalled: bool = False
    #: read by the lines that changed since the last load: how many, added and removed
    #: (:mod:`loaders.delta`); ``None`` when the bundle was read whole (or not at all)
    changed_lines: int | None = None

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    def to_dict(self) -> dict[str, Any]:
        return {
            "bundle": self.bundle,
            "store": self.store,
            "counts": self.counts,
            "total": self.total,
            "warnings": [asdict(w) for w in self.warnings],
            "scope": self.scope,
            "ended": self.ended,
            "change_set": self.change_set,
            "recalled": self.recalled,
            "changed_lines": self.changed_lines,
        }
