// clear_relationships: delete every relationship, in batches (auto-commit transaction); run
// before clear_graph so that no batch has to detach a hub node's many relationships at once.
// params: none
MATCH ()-[r]->()
CALL (r) { DELETE r } IN TRANSACTIONS OF 10000 ROWS
