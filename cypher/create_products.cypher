// create_products: create :Product nodes whose ids are known to be new (the table is empty: a
// first load, loaders/load.py; or a change set read them as absent, graph/changes.py) with
// their IN_CHAIN {stage} link: CREATE, not MERGE.
// params: $rows
UNWIND $rows AS row
CREATE (p:Product)
SET p = row
WITH p, row
CALL (p, row) {
  MATCH (c:Chain {id: row.chain_id})
  CREATE (p)-[link:IN_CHAIN]->(c)
  SET link.stage = row.stage
}
RETURN count(*) AS written
