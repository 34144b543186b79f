"""What a table of an answer is: named, typed columns and rows of scalar cells.

A :class:`Tabular` is the one place an answer's columns are chosen (which members, in which
order, names beside ids); :mod:`chainatlas.graph.sheets` writes it as CSV or XLSX and makes it
a DataFrame. Column types are pandas' nullable ones (``string``, ``Int64``, ``Float64``,
``boolean``), so a missing cell stays missing instead of turning a column of integers into
floats.

>>> t = Tabular.of({"id": STR, "firms": INT}, [{"id": "pta", "firms": 2}, {"id": "meg"}])
>>> t.columns, t.rows[1]
(['id', 'firms'], {'id': 'meg'})
>>> names = Names.of({"graph": {"nodes": [{"key": "Enterprise:E1", "name": "甲"}]}})
>>> names.firm("E1"), names.firm("E9"), names.firms(["E1", "E9"])
('甲', None, '甲; E9')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from chainatlas.graph import sheets
from chainatlas.graph.tables.headings import headed

if TYPE_CHECKING:  # pandas is imported when a frame is made, not with the package
    import pandas as pd

STR, INT, FLOAT, BOOL = "string", "Int64", "Float64", "boolean"


@dataclass
class Tabular:
    """Columns (name → pandas dtype, in order) and rows (column → cell; absent is empty)."""

    types: dict[str, str]
    rows: list[dict[str, Any]] = field(default_factory=list)

    @classmethod
    def of(cls, types: Mapping[str, str], rows: Iterable[Mapping[str, Any]]) -> Tabular:
        """Rows cut to the columns of ``types``; ``None`` cells left out."""
        return cls(
            dict(types),
            [{c: r[c] for c in types if r.get(c) is not None} for r in rows],
        )

    @property
    def columns(self) -> list[str]:
        return list(self.types)

    def headings(self) -> list[str]:
        """The columns as people read them: "中文 English" (:mod:`.headings`)."""
        return [headed(c) for c in self.columns]

    def frame(self, *, headed: bool = False) -> pd.DataFrame:
        """A DataFrame with these columns, typed (pandas imported here); ``headed``: named
        by :meth:`headings` instead of the column names."""
        df = sheets.frame(self.columns, self.rows)
        df = df.astype(self.types) if len(self.types) else df
        return df.set_axis(self.headings(), axis=1) if headed else df

    def csv(self, *, headed: bool = False) -> bytes:
        """UTF-8 CSV with a byte-order mark, formula-like text neutralised; ``headed`` as in
        :meth:`frame`."""
        if not headed:
            return sheets.csv_bytes(self.columns, self.rows)
        heads = dict(zip(self.columns, self.headings(), strict=True))
        return sheets.csv_bytes(
            list(heads.values()), ({heads[k]: v for k, v in r.items()} for r in self.rows)
        )

    def xlsx(self, sheet: str = "ChainAtlas", *, headed: bool = False) -> bytes:
        """A one-sheet XLSX workbook (text cells stay text); ``headed`` as in :meth:`frame`."""
        return sheets.xlsx_bytes({sheet: self.frame(headed=headed)})


@dataclass
class Names:
    """Names of the nodes an answer mentions by id: those of its ``graph``, then any the
    caller adds (keys ``Label:id``, as subgraphs key nodes)."""

    by_key: dict[str, str]

    @classmethod
    def of(cls, answer: Mapping[str, Any], extra: Mapping[str, str] | None = None) -> Names:
        graph = answer.get("graph") or {}
        known = {str(n["key"]): str(n["name"]) for n in graph.get("nodes", []) if n.get("name")}
        return cls({**(extra or {}), **known})

    def firm(self, id: Any) -> str | None:
        return self.by_key.get(f"Enterprise:{id}")

    def product(self, id: Any) -> str | None:
        return self.by_key.get(f"Product:{id}")

    def firms(self, ids: Iterable[Any]) -> str:
        """Names (or ids when unnamed) joined as one cell."""
        return sheets.LIST_SEPARATOR.join(self.firm(i) or str(i) for i in ids)

    def products(self, ids: Iterable[Any]) -> str:
        return sheets.LIST_SEPARATOR.join(self.product(i) or str(i) for i in ids)


def joined(values: Sequence[Any] | None) -> str | None:
    """List members as one cell; ``None`` for no list."""
    return None if values is None else sheets.LIST_SEPARATOR.join(str(v) for v in values)


def items(answer: Mapping[str, Any], member: str = "items") -> list[dict[str, Any]]:
    """The listed members of an answer (a page's ``items`` or a query's own list)."""
    found: list[dict[str, Any]] = answer.get(member) or []
    return found
