// upsert_chains: create or update :Chain nodes; every row is the node's whole property map.
// params: $rows
UNWIND $rows AS row
MERGE (c:Chain {id: row.id})
SET c = row
RETURN count(*) AS written
