"""Answers as tables: one function per answer kind chooses its columns (names beside ids,
typed), so a DataFrame (``Answer.to_pandas``), the CLI's ``--csv`` / ``--xlsx``, every page's
export and the briefing lay an answer out the same way; :mod:`.headings` heads the columns
for people ("中文 English"). :mod:`chainatlas.graph.sheets` writes the files.

>>> t = tabulate("gaps", {"gaps": [{"product_id": "pna", "name": "对硝基苯胺", "firms": 1,
...     "demand_base": 500, "needed_by": [{"label": "Enterprise", "id": "E6", "name": "己染料"}]}]})
>>> t.rows[0]["needed_by"], t.rows[0]["needed_by_names"]
('E6', '己染料')
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from chainatlas.graph.tables import changes, committee, entities, flows, rankings
from chainatlas.graph.tables.core import Names, Tabular
from chainatlas.graph.tables.headings import HEADINGS, heading

Layout = Callable[[Mapping[str, Any], Names], Tabular]

#: answer kind -> its table
TABLES: dict[str, Layout] = {
    "stats": entities.stats,
    "search": entities.search,
    "entities": entities.entities,
    "trade": entities.trade,
    "enterprise": entities.enterprise,
    "product": entities.product,
    "tiers": entities.tiers,
    "match": flows.match,
    "supply_paths": flows.supply_paths,
    "weighted_paths": flows.weighted_paths,
    "routes": flows.routes,
    "chains": rankings.chains,
    "chain": rankings.chain,
    "chain_firms": rankings.chain_firms,
    "gaps": rankings.gaps,
    "single_source": rankings.single_source,
    "impact": rankings.impact,
    "centrality": rankings.centrality,
    "pagerank": rankings.pagerank,
    "communities": rankings.communities,
    "cypher": rankings.cypher,
    "fill": committee.fill,
    "strengthen": committee.strengthen,
    "strengthen_products": committee.strengthen_products,
    "strengthen_firms": committee.strengthen_firms,
    "extend": committee.extend,
    "kpis": committee.kpis,
    "geo": committee.geo,
    "board_open": committee.board_open,
    "board_posts": committee.board_posts,
    "changes": changes.changes,
    "change": changes.change,
    "digest": changes.digest,
    "digest_groups": changes.digest_groups,
}


def tabulate(
    kind: str, answer: Mapping[str, Any], names: Mapping[str, str] | None = None
) -> Tabular:
    """The table of an answer of ``kind`` (a key of :data:`TABLES`); ``names`` (``Label:id``
    → name) names what the answer mentions only by id."""
    return TABLES[kind](answer, Names.of(answer, names))


__all__ = ["HEADINGS", "TABLES", "Names", "Tabular", "heading", "tabulate"]
