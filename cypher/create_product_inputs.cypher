// create_product_inputs: create INPUT_TO relationships whose keys are known to be new (the
// table is empty: a first load, loaders/load.py; or a change set read them as absent,
// graph/changes.py): CREATE, not MERGE.
// params: $rows
UNWIND $rows AS row
MATCH (a:Product {id: row.input_id})
MATCH (b:Product {id: row.output_id})
CREATE (a)-[r:INPUT_TO]->(b)
SET r = row.props
RETURN count(*) AS written
