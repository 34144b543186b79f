// node_ids_product: the id of every :Product node, as one list in one row: where a whole-label
// read starts (the store reads the nodes, or the edges leaving them, by chunks of ids:
// graph/neo4j_projections.py).
// params: none
MATCH (n:Product)
RETURN collect(n.id) AS ids
