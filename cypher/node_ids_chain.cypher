// node_ids_chain: the id of every :Chain node, as one list in one row: where a whole-label
// read starts (the store reads the nodes, or the edges leaving them, by chunks of ids:
// graph/neo4j_projections.py).
// params: none
MATCH (n:Chain)
RETURN collect(n.id) AS ids
