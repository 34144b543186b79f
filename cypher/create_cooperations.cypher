// create_cooperations: create COOPERATES relationships whose keys are known to be new (the
// table is empty: a first load, loaders/load.py; or a change set read them as absent,
// graph/changes.py): CREATE, not MERGE.
// params: $rows
UNWIND $rows AS row
MATCH (a:Enterprise {id: row.from_id})
MATCH (b:Enterprise {id: row.to_id})
CREATE (a)-[r:COOPERATES]->(b)
SET r = row.props
RETURN count(*) AS written
