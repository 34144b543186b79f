"""The public surface of the query catalogue, guarded: adding or renaming a query is a
decision that shows up here (and in docs/queries.md)."""

from __future__ import annotations

import inspect

from chainatlas.graph import queries
from tests.support import ROOT


def test_public_surface() -> None:
    assert set(queries.__all__) == {
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
    }


def test_queries_take_the_store_first_and_options_by_keyword() -> None:
    for name in queries.__all__:
        f = getattr(queries, name)
        if not inspect.isfunction(f) or name in ("to_networkx",):
            continue
        params = list(inspect.signature(f).parameters.values())
        assert params[0].name == "store", name
        positional = [p.name for p in params if p.kind is p.POSITIONAL_OR_KEYWORD]
        assert len(positional) <= 4, (name, positional)  # store and the ids it is about
        assert all(p.kind in (p.POSITIONAL_OR_KEYWORD, p.KEYWORD_ONLY) for p in params), name


def test_every_query_is_documented() -> None:

    spec = (ROOT / "docs" / "queries.md").read_text("utf-8")
    for name in queries.__all__:
        if inspect.isfunction(getattr(queries, name)):
            assert f"{name}(" in spec or f"`{name}`" in spec, name
