// facts_product_inputs: the stored INPUT_TO relationships with the given keys ([input_id, output_id] lists), stamps
// included, as source id, target id and properties. Unknown keys give no row.
// params: $keys
UNWIND $keys AS k
MATCH (a:Product {id: k[0]})-[r:INPUT_TO]->(b:Product {id: k[1]})
RETURN a.id AS source, b.id AS target, properties(r) AS props
