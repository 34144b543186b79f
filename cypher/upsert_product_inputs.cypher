// upsert_product_inputs: (:Product)-[:INPUT_TO {note}]->(:Product), a process-route step.
// params: $rows
UNWIND $rows AS row
MATCH (i:Product {id: row.input_id})
MATCH (o:Product {id: row.output_id})
MERGE (i)-[r:INPUT_TO]->(o)
SET r = row.props
RETURN count(*) AS written
