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
}
#: rows whose keys are known to be new (an empty table): CREATE, not MERGE
CREATE_STATEMENTS = {
    Table.CHAINS: "create_chains",
    Table.REGIONS: "create_regions",
    Table.PARKS: "create_parks",
    Table.PRODUCTS: "create_products",
    Table.ENTERPRISES: "create_enterprises",
    Table.PRODUCES: "create_produces",
    Table.NEEDS: "create_needs",
    Table.SUPPLIES: "create_supplies",
    Table.COOPERATIONS: "create_cooperations",
    Table.PRODUCT_INPUTS: "create_product_inputs",
}
#: what a re-load reads first: the digests of the stored facts (graph/digest.py)
DIGEST_STATEMENTS = {
    Table.CHAINS: "fact_digests_chains",
    Table.REGIONS: "fact_digests_regions",
    Table.PARKS: "fact_digests_parks",
    Table.PRODUCTS: "fact_digests_products",
    Table.ENTERPRISES: "fact_digests_enterprises",
    Table.PRODUCES: "fact_digests_produces",
    Table.NEEDS: "fact_digests_needs",
    Table.SUPPLIES: "fact_digests_supplies",
    Table.COOPERATIONS: "fact_digests_cooperations",
    Table.PRODUCT_INPUTS: "fact_digests_product_inputs",
}
NODE_STATEMENTS = {
    Label.ENTERPRISE: "node_enterprise",
    Label.PRODUCT: "node_product",
    Label.CHAIN: "node_chain",
    Label.REGION: "node_region",
    Label.PARK: "node_park",
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
