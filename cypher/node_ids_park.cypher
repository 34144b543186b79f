// node_ids_park: the id of every :Park node, as one list in one row: where a whole-label
// read starts (the store reads the nodes, or the edges leaving them, by chunks of ids:
// graph/neo4j_projections.py).
// params: none
MATCH (n:Park)
RETURN collect(n.id) AS ids
