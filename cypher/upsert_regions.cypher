// upsert_regions: create or update :Region nodes; every row is the node's whole property map.
// params: $rows
UNWIND $rows AS row
MERGE (r:Region {id: row.id})
SET r = row
RETURN count(*) AS written
