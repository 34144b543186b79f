"""The names of the statements the Neo4j store runs, per table, label and relationship type.

Spelled out, never formatted, so that a test can check that each exists in the installed
``cypher`` package (``tests/cypher/test_statements.py``); :mod:`graph.neo4j_store` imports
them.
"""

from __future__ import annotations

from datetime import date

from chainatlas.graph.asof import as_of_key
from chainatlas.graph.model import DATED_RELS, EDGE_TABLES, Label, Rel, Row, Table

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
#: rows whose keys are known to be new (an empty table, or read as absent): CREATE, not MERGE
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
    Table.POSTS: "create_posts",
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
    Table.POSTS: "fact_digests_posts",
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
#: the columns of each relationship a neighbours_* statement lists (one record, a list each)
NEIGHBOUR_COLUMNS = ("rel", "direction", "label", "id", "name", "key", "props")
#: a node's relationships of every type but SUPPLIES, the types named in the pattern so that
#: the server expands only those (a profile's read of a hub with 17,000 SUPPLIES)
UNTRADED_NEIGHBOURS_STATEMENTS = {Label.ENTERPRISE: "neighbours_enterprise_untraded"}
#: a firm's suppliers (its "in" SUPPLIES edges) and customers ("out"), a window at a time
TRADE_STATEMENTS = {"in": "suppliers", "out": "customers"}
#: one page of a hub's trade, read by the keys kept of it (graph/neo4j_hubs.py), per direction
TRADE_PAGE_STATEMENTS = {"in": "trade_page_in", "out": "trade_page_out"}
#: every SUPPLIES key of a hub on one side with the days each holds (graph/neo4j_hubs.py)
HUB_KEYS_STATEMENTS = {"in": "hub_keys_supplies_in", "out": "hub_keys_supplies_out"}
#: the firms making (producers) or needing (consumers) some products on a day, and every
#: day's with the days each holds, what is kept of a common product (graph/neo4j_makers.py)
MAKERS_STATEMENTS = {"producers": "producers", "consumers": "consumers"}
KEPT_MAKERS_STATEMENTS = {"producers": "kept_producers", "consumers": "kept_consumers"}
NODES_STATEMENTS = {
    Label.ENTERPRISE: "nodes_enterprise_by_id",
    Label.PRODUCT: "nodes_product_by_id",
    Label.CHAIN: "nodes_chain_by_id",
    Label.REGION: "nodes_region_by_id",
    Label.PARK: "nodes_park_by_id",
    Label.POST: "nodes_post_by_id",
}
#: chosen properties of nodes, by ids (GraphStore.nodes with fields)
NODE_FIELDS_STATEMENTS = {label: f"node_fields_{label.value.lower()}" for label in NODES_STATEMENTS}
ADJACENT_STATEMENTS = {
    Rel.SUPPLIES: ("adjacent_supplies_out", "adjacent_supplies_in"),
    Rel.COOPERATES: ("adjacent_cooperates_out", "adjacent_cooperates_in"),
    Rel.PRODUCES: ("adjacent_produces_out", "adjacent_produces_in"),
    Rel.NEEDS: ("adjacent_needs_out", "adjacent_needs_in"),
    Rel.INPUT_TO: ("adjacent_input_to_out", "adjacent_input_to_in"),
}
#: every node id of a label, where a whole-label read starts (of its nodes, or of the edges
#: leaving them)
NODE_IDS_STATEMENTS = {label: f"node_ids_{label.value.lower()}" for label in NODES_STATEMENTS}

#: adjacency with chosen edge properties (GraphStore.adjacent with fields), per (rel,
#: direction): what a committee survey reads of a province's needs and capacities; the rest
#: cut down adjacent()'s answer
ADJACENT_FIELDS_STATEMENTS = {
    (Rel.NEEDS, "out"): "adjacent_fields_needs_out",
    (Rel.PRODUCES, "out"): "adjacent_fields_produces_out",
}
#: the id-only adjacency path searches, walks and surveys read (graph/queries/corridor.py,
#: chains.py, risk.py, cluster.py), per (rel, direction); the rest cut down adjacent()'s answer
ADJACENT_KEYS_STATEMENTS = {
    (Rel.SUPPLIES, "out"): "adjacent_keys_supplies_out",
    (Rel.SUPPLIES, "in"): "adjacent_keys_supplies_in",
    (Rel.INPUT_TO, "out"): "adjacent_keys_input_to_out",
    (Rel.INPUT_TO, "in"): "adjacent_keys_input_to_in",
    (Rel.NEEDS, "out"): "adjacent_keys_needs_out",
    (Rel.PRODUCES, "in"): "adjacent_keys_produces_in",
    (Rel.PRODUCES, "out"): "adjacent_keys_produces_out",
}
#: how many edges those reads would find, per (rel, direction), counted from the nodes'
#: degrees: the sides a path search (graph/queries/corridor.py) chooses between
DEGREE_STATEMENTS = {
    (rel, direction): f"degree_{rel.value.lower()}_{direction}"
    for rel in (Rel.SUPPLIES, Rel.INPUT_TO)
    for direction in ("out", "in")
}
#: the statement counting each pair's edges of a relationship that ties firms
PAIR_COUNTS_STATEMENTS = {
    Rel.SUPPLIES: "pair_counts_supplies",
    Rel.COOPERATES: "pair_counts_cooperates",
}


def dated_param(rel: Rel, as_of: date | None) -> dict[str, str | None]:
    """The ``as_of`` parameter of ``rel``'s edge statements (only DATED_RELS have one)."""
    return {"as_of": as_of_key(as_of)} if rel in DATED_RELS else {}


def member_param(label: Label, as_of: date | None) -> dict[str, str | None]:
    """The ``as_of`` parameter of the node statements of ``label``: only firms have a lifetime
    in the map (:func:`graph.asof.member`), so only theirs take it."""
    return {"as_of": as_of_key(as_of)} if label is Label.ENTERPRISE else {}


#: per table: the stored facts by key, those a change set stamped, and their removal
FACT_STATEMENTS = {
    Table.CHAINS: ("facts_chains", "stamped_chains", "remove_chains"),
    Table.REGIONS: ("facts_regions", "stamped_regions", "remove_regions"),
    Table.PARKS: ("facts_parks", "stamped_parks", "remove_parks"),
    Table.PRODUCTS: ("facts_products", "stamped_products", "remove_products"),
    Table.ENTERPRISES: ("facts_enterprises", "stamped_enterprises", "remove_enterprises"),
    Table.PRODUCES: ("facts_produces", "stamped_produces", "remove_produces"),
    Table.NEEDS: ("facts_needs", "stamped_needs", "remove_needs"),
    Table.SUPPLIES: ("facts_supplies", "stamped_supplies", "remove_supplies"),
    Table.COOPERATIONS: ("facts_cooperations", "stamped_cooperations", "remove_cooperations"),
    Table.PRODUCT_INPUTS: (
        "facts_product_inputs",
        "stamped_product_inputs",
        "remove_product_inputs",
    ),
    Table.POSTS: ("facts_posts", "stamped_posts", "remove_posts"),
}
#: per edge table: the relationships at any of a set of nodes
INCIDENT_STATEMENTS = {
    Table.PRODUCES: "incident_produces",
    Table.NEEDS: "incident_needs",
    Table.SUPPLIES: "incident_supplies",
    Table.COOPERATIONS: "incident_cooperations",
    Table.PRODUCT_INPUTS: "incident_product_inputs",
}


def edge_param(table: Table, row: Row) -> Row:
    """An edge row as its upsert statement takes it: endpoint ids, and the rest as ``props``."""
    _, (_, src), (_, dst) = EDGE_TABLES[table]
    out = {src: row[src], dst: row[dst]}
    out["props"] = {k: v for k, v in row.items() if k not in (src, dst)}
    if table is Table.SUPPLIES:
        out["product_id"] = row["product_id"]
    if table is Table.COOPERATIONS:
        out["kind"] = row["kind"]
    return out
