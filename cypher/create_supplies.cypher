// create_supplies: create SUPPLIES relationships whose keys are known to be new (the table is
// empty: a first load, loaders/load.py; or a change set read them as absent, graph/changes.py):
// CREATE, not MERGE.
// params: $rows
UNWIND $rows AS row
MATCH (a:Enterprise {id: row.supplier_id})
MATCH (b:Enterprise {id: row.buyer_id})
CREATE (a)-[r:SUPPLIES]->(b)
SET r = row.props
RETURN count(*) AS written
