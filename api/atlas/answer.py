"""What an :class:`~chainatlas.api.atlas.Atlas` method returns: the API's answer, typed, with
ways out to pandas, networkx, files and the service's interactive view.

An :class:`Answer` wraps the very dict the HTTP route serves (``answer.data``, typed by the
TypedDicts of :mod:`chainatlas.graph.shapes` and :mod:`chainatlas.graph.queries.answers`) and
reads like it (``answer["paths"]``). ``to_pandas()`` lays it out with the answer kind's table
(:mod:`chainatlas.graph.tables`: named, typed columns, names beside ids); a
:class:`GraphAnswer` (one with a ``graph`` member) adds ``to_networkx()`` and shows itself in
Jupyter as the view ``/view/...?format=standalone`` draws: every script and style inlined, in
a sandboxed ``<iframe srcdoc>``, nothing fetched.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any, Generic, TypeVar

from markupsafe import escape

from chainatlas.graph.tables import Tabular, tabulate

if TYPE_CHECKING:  # the heavy imports wait until an answer is laid out or drawn
    import networkx as nx
    import pandas as pd

    from chainatlas.viz import ViewData

T = TypeVar("T", bound=Mapping[str, Any])
#: height of an inline view in a notebook (pixels)
VIEW_HEIGHT = 640


class Answer(Mapping[str, Any], Generic[T]):
    """An answer of ``kind`` (a key of :data:`chainatlas.graph.tables.TABLES`)."""

    def __init__(self, data: T, *, kind: str, names: Mapping[str, str] | None = None) -> None:
        self._data = data
        self.kind = kind
        #: names (``Label:id`` → name) of what the answer mentions only by id
        self._names = names

    @property
    def data(self) -> T:
        """The answer as the HTTP API serves it."""
        return self._data

    def __getitem__(self, key: str) -> Any:
        return self._data[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._data)

    def __len__(self) -> int:
        return len(self._data)

    def __repr__(self) -> str:
        keys = ", ".join(self._data)
        return f"<{type(self).__name__} {self.kind}: {keys}>"

    def table(self) -> Tabular:
        """The answer's table: its columns (with pandas types) and rows."""
        return tabulate(self.kind, self._data, self._names)

    def to_pandas(self) -> pd.DataFrame:
        """A DataFrame with named, typed columns (names beside ids)."""
        return self.table().frame()

    def to_csv(self, path: str | Path | None = None) -> bytes:
        """The table as CSV (UTF-8 with BOM, formula-safe); written to ``path`` when given."""
        return _written(self.table().csv(), path)

    def to_xlsx(self, path: str | Path | None = None) -> bytes:
        """The table as an XLSX workbook; written to ``path`` when given."""
        return _written(self.table().xlsx(self.kind), path)

    def to_json(self) -> str:
        """The answer as the API's JSON (Chinese unescaped)."""
        return json.dumps(self._data, ensure_ascii=False, indent=2, default=str)

    def _repr_html_(self) -> str:
        return str(self.to_pandas().to_html(max_rows=50, na_rep=""))


class GraphAnswer(Answer[T]):
    """An answer with a ``graph`` member: also a networkx graph and an interactive view."""

    def to_networkx(self) -> nx.MultiDiGraph:
        """The answer's subgraph: nodes keyed ``Label:id`` (``kind``, ``entity_id``, ``label``
        the display name, the node's fields), edges keyed ``REL:key`` with their properties."""
        from chainatlas.graph.queries.export import to_networkx

        return to_networkx(self._data["graph"])

    def view(self) -> tuple[ViewData, Any]:
        """The styled, laid-out view and its presentation, as the service builds them."""
        from chainatlas.viz import build_view
        from chainatlas.viz.answers import present

        products = {
            k.split(":", 1)[1]: v
            for k, v in (self._names or {}).items()
            if k.startswith("Product:")
        }
        shown = present(self.kind, self._data, products)
        view = build_view(self._data["graph"], product_names=products, **shown.build)
        return view, shown

    def to_html(self) -> str:
        """The view as one self-contained HTML file (what ``?format=standalone`` serves)."""
        from chainatlas.viz import render_standalone

        view, shown = self.view()
        return render_standalone(
            view, title=shown.title, subtitle=shown.subtitle, panel=shown.panel
        )

    def _repr_html_(self) -> str:
        # a sandboxed frame: the page's scripts run, its CSP applies, the notebook is untouched
        return (
            f'<iframe srcdoc="{escape(self.to_html())}" sandbox="allow-scripts" '
            f'style="width:100%;height:{VIEW_HEIGHT}px;border:1px solid #ccc" '
            f'title="ChainAtlas {escape(self.kind)}"></iframe>'
        )


def _written(content: bytes, path: str | Path | None) -> bytes:
    if path is not None:
        Path(path).write_bytes(content)
    return content
