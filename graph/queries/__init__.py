"""The query catalogue (docs/queries.md): pure functions ``f(store, ..., *, options)``.

Each takes a :class:`~graph.store.GraphStore` first, fetches what it needs through the store's
primitives and computes scores, reasons, paths and analytics here, once, so the memory and
the Neo4j store give the same answers. One module per family.
"""

from chainatlas.graph.queries.centrality import centrality, supply_network
from chainatlas.graph.queries.chains import chain_list, chain_panorama
from chainatlas.graph.queries.export import FORMATS, export_graph, to_networkx, whole_graph
from chainatlas.graph.queries.matching import match_buyers, match_suppliers
from chainatlas.graph.queries.paths import product_routes, supply_paths, tiers
from chainatlas.graph.queries.profiles import enterprise_profile, product_profile
from chainatlas.graph.queries.risk import gaps, impact, single_source
from chainatlas.graph.queries.scoring import MatchWeights
from chainatlas.graph.queries.search import search, search_page

__all__ = [
    "FORMATS",
    "MatchWeights",
    "centrality",
    "chain_list",
    "chain_panorama",
    "enterprise_profile",
    "export_graph",
    "gaps",
    "impact",
    "match_buyers",
    "match_suppliers",
    "product_profile",
    "product_routes",
    "search",
    "search_page",
    "single_source",
    "supply_network",
    "supply_paths",
    "tiers",
    "to_networkx",
    "whole_graph",
]
