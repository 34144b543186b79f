// remove_product_inputs: delete the INPUT_TO relationships with the given keys ([input_id, output_id] lists).
// params: $keys
UNWIND $keys AS k
MATCH (a:Product {id: k[0]})-[r:INPUT_TO]->(b:Product {id: k[1]})
DELETE r
RETURN count(*) AS removed
