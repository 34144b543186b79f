// upsert_parks: create or update :Park nodes (industrial parks, with their WGS-84 point when
// known) and their LOCATED_IN region; a link left from an earlier load that no longer holds is
// removed. Every row is the node's whole property map.
// params: $rows
UNWIND $rows AS row
MERGE (p:Park {id: row.id})
SET p = row
WITH p, row
CALL (p, row) {
  MATCH (p)-[old:LOCATED_IN]->(r:Region)
  WHERE r.id <> coalesce(row.region_id, '')
  DELETE old
}
CALL (p, row) {
  MATCH (r:Region {id: row.region_id})
  MERGE (p)-[:LOCATED_IN]->(r)
}
RETURN count(*) AS written
