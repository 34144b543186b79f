// upsert_enterprises: create or update :Enterprise nodes with their LOCATED_IN region and
// IN_CHAIN {stage} links; links left from an earlier load that no longer hold are removed.
// params: $rows
UNWIND $rows AS row
MERGE (e:Enterprise {id: row.id})
SET e = row
WITH e, row
CALL (e, row) {
  MATCH (e)-[old:LOCATED_IN]->(r:Region)
  WHERE r.id <> coalesce(row.region_id, '')
  DELETE old
}
CALL (e, row) {
  MATCH (e)-[old:IN_CHAIN]->(c:Chain)
  WHERE c.id <> coalesce(row.chain_id, '') OR old.stage <> coalesce(row.stage, '')
  DELETE old
}
CALL (e, row) {
  MATCH (r:Region {id: row.region_id})
  MERGE (e)-[:LOCATED_IN]->(r)
}
CALL (e, row) {
  MATCH (c:Chain {id: row.chain_id})
  MERGE (e)-[link:IN_CHAIN]->(c)
  SET link.stage = row.stage
}
RETURN count(*) AS written
