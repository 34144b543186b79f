"""The names of the statements the Neo4j store runs, per table, label and relationship type.

Spelled out, never formatted, so that a test can check that each exists in the installed
``cypher`` package (``tests/cypher/test_statements.py``); :mod:`graph.neo4j_store` imports
them.
"""

from __future__ import annotations

from datetime import date

from chainatlas.graph.asof import as_of_key
from chainatlas.graph.model import Label, Rel, Table

#: Every statement name the store passes to read/write, spelled out so a test can check that
#: each exists in the installed ``cypher`` package (no name is built from a format string).
UPSERT_STATEMENTS = {
    Table.CHAINS: "upsert_chains",
    Table.REGIONS: "upsert_regions",
    Table.PARKS: "upsert_parks",
    Table.PRODUCTS: "upsert_products",
    Table.ENTERPRISES: "upsert_enterprises",
    Table.PRODUCES: "upsert_produces",
    Table.NEEDS: "upsert_needs",
    Table.SUPPLIES: "upsert_supplies",
    Table.COOPERATIONS: "upsert_cooperations",
    Table.PRODUCT_INPUTS: "upsert_product_inputs",
    Table.POSTS: "upsert_posts",
}
NODE_STATEMENTS = {
    Label.ENTERPRISE: "node_enterprise",
    Label.PRODUCT: "node_product",
    Label.CHAIN: "node_chain",
    Label.REGION: "node_region",
    Label.PARK: "node_park",
    Label.POST: "node_post",
}
NEIGHBOURS_STATEMENTS = {
    Label.ENTERPRISE: "neighbours_enterprise",
    Label.PRODUCT: "neighbours_product",
}
NODES_STATEMENTS = {
    Label.ENTERPRISE: ("nodes_enterprise", "nodes_enterprise_by_id"),
    Label.PRODUCT: ("nodes_product", "nodes_product_by_id"),
    Label.CHAIN: ("nodes_chain", "nodes_chain_by_id"),
    Label.REGION: ("nodes_region", "nodes_region_by_id"),
    Label.PARK: ("nodes_park", "nodes_park_by_id"),
    Label.POST: ("nodes_post", "nodes_post_by_id"),
}
EDGES_STATEMENTS = {
    Rel.SUPPLIES: ("edges_supplies", "adjacent_supplies_out", "adjacent_supplies_in"),
    Rel.COOPERATES: ("edges_cooperates", "adjacent_cooperates_out", "adjacent_cooperates_in"),
    Rel.PRODUCES: ("edges_produces", "adjacent_produces_out", "adjacent_produces_in"),
    Rel.NEEDS: ("edges_needs", "adjacent_needs_out", "adjacent_needs_in"),
    Rel.INPUT_TO: ("edges_input_to", "adjacent_input_to_out", "adjacent_input_to_in"),
}


def member_param(label: Label, as_of: date | None) -> dict[str, str | None]:
    """The ``as_of`` parameter of the node statements of ``label``: only firms have a lifetime
    in the map (:func:`graph.asof.member`), so only theirs take it."""
    return {"as_of": as_of_key(as_of)} if label is Label.ENTERPRISE else {}
