// adjacent_input_to_out: the INPUT_TO edges leaving the :Product nodes with $ids, shaped and ordered as
// edges_input_to (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Product {id: id})-[r:INPUT_TO]->(b:Product)
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
ORDER BY source, target, key
