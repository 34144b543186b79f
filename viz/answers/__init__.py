"""How each graph-shaped answer is presented: its title, the list beside the graph, the layout.

One presenter per answer kind of the query catalogue (docs/queries.md), grouped by query
family (:mod:`.profiles`, :mod:`.matching`, :mod:`.paths`, :mod:`.chains`, :mod:`.risk`), each
pure: answer in, :class:`Presentation` out. Presenters are named for what they show, never
after the query that produced the answer. The web layer calls the query, then
``present(kind, answer)``, then :func:`viz.build_view` with ``presentation.build`` and one of
the renderers.

>>> shown = present("gaps", {"gaps": [{"product_id": "ti", "name": "钛白粉", "firms": 2}]})
>>> shown.title
('补链目标', 'Gaps: needs without local supply')
>>> shown.panel[0]["items"][0]["title"], shown.build
('钛白粉', {'layout': 'force', 'highlight': ['Product:ti']})
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chainatlas.viz.answers.chains import chain_overview
from chainatlas.viz.answers.matching import candidate_list
from chainatlas.viz.answers.paths import hop_columns, step_columns, tier_columns
from chainatlas.viz.answers.presentation import BuildOptions, Names, Presentation, Section
from chainatlas.viz.answers.profiles import firm_sheet, product_sheet
from chainatlas.viz.answers.risk import disruption_columns, gap_ranking, sole_producer_ranking

Presenter = Callable[[Mapping[str, Any], Names], Presentation]

#: answer kind (as the pages name it) -> its presenter
PRESENTERS: dict[str, Presenter] = {
    "enterprise": firm_sheet,
    "product": product_sheet,
    "match": candidate_list,
    "supply_paths": hop_columns,
    "weighted_paths": hop_columns,
    "routes": step_columns,
    "tiers": tier_columns,
    "chain": chain_overview,
    "gaps": gap_ranking,
    "single_source": sole_producer_ranking,
    "impact": disruption_columns,
}


def present(
    kind: str, answer: Mapping[str, Any], products: Mapping[str, str] | None = None
) -> Presentation:
    """The presentation of an answer of ``kind`` (a key of :data:`PRESENTERS`); ``products``
    names products by id where the answer only gives ids."""
    return PRESENTERS[kind](answer, Names.of(answer, products))


__all__ = ["PRESENTERS", "BuildOptions", "Names", "Presentation", "Presenter", "Section", "present"]
