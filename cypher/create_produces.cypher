// create_produces: create PRODUCES relationships whose keys are known to be new (the table is
// empty: a first load, loaders/load.py; or a change set read them as absent, graph/changes.py):
// CREATE, not MERGE.
// params: $rows
UNWIND $rows AS row
MATCH (a:Enterprise {id: row.enterprise_id})
MATCH (b:Product {id: row.product_id})
CREATE (a)-[r:PRODUCES]->(b)
SET r = row.props
RETURN count(*) AS written
