// upsert_products: create or update :Product nodes and their IN_CHAIN {stage} link;
// a link to another chain or stage left from an earlier load is removed.
// params: $rows
UNWIND $rows AS row
MERGE (p:Product {id: row.id})
SET p = row
WITH p, row
CALL (p, row) {
  MATCH (p)-[old:IN_CHAIN]->(c:Chain)
  WHERE c.id <> coalesce(row.chain_id, '') OR old.stage <> coalesce(row.stage, '')
  DELETE old
}
CALL (p, row) {
  MATCH (c:Chain {id: row.chain_id})
  MERGE (p)-[link:IN_CHAIN]->(c)
  SET link.stage = row.stage
}
RETURN count(*) AS written
