// clear_graph: delete every node and relationship, in batches (auto-commit transaction).
// params: none
MATCH (n)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
