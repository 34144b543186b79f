// adjacent_input_to_in: the INPUT_TO edges entering the :Product nodes with $ids, shaped and ordered as
// edges_input_to (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Product)-[r:INPUT_TO]->(b:Product {id: id})
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
ORDER BY source, target, key
