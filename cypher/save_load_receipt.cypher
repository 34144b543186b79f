// save_load_receipt: keep a load's receipt (loaders/receipt.py) in place of the last one. Not a
// write of the graph: the graph's version stays (graph/neo4j_store.py BUMPING).
// params: doc
MERGE (r:LoadReceipt {id: 'load'})
SET r.doc = $doc
