// create_enterprises: create :Enterprise nodes whose ids are known to be new (the table is
// empty: a first load, loaders/load.py; or a change set read them as absent, graph/changes.py)
// with their LOCATED_IN region and IN_CHAIN {stage} links: CREATE, not MERGE.
// params: $rows
UNWIND $rows AS row
CREATE (e:Enterprise)
SET e = row
WITH e, row
CALL (e, row) {
  MATCH (r:Region {id: row.region_id})
  CREATE (e)-[:LOCATED_IN]->(r)
}
CALL (e, row) {
  MATCH (c:Chain {id: row.chain_id})
  CREATE (e)-[link:IN_CHAIN]->(c)
  SET link.stage = row.stage
}
RETURN count(*) AS written
