// create_parks: create :Park nodes whose ids are known to be new (the table is empty: a first
// load, loaders/load.py; or a change set read them as absent, graph/changes.py) with their
// LOCATED_IN region link: CREATE, not MERGE.
// params: $rows
UNWIND $rows AS row
CREATE (p:Park)
SET p = row
WITH p, row
CALL (p, row) {
  MATCH (r:Region {id: row.region_id})
  CREATE (p)-[:LOCATED_IN]->(r)
}
RETURN count(*) AS written
