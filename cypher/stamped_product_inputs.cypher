// stamped_product_inputs: the INPUT_TO relationships that one change set created, last wrote or ended.
// params: $change_set
MATCH (a:Product)-[r:INPUT_TO]->(b:Product)
WHERE r.created_in = $change_set OR r.changed_in = $change_set OR r.ended_in = $change_set
RETURN a.id AS source, b.id AS target, properties(r) AS props
