// adjacent_produces_in: the PRODUCES edges entering the :Product nodes with $ids, shaped and ordered as
// edges_produces (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise)-[r:PRODUCES]->(b:Product {id: id})
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
ORDER BY source, target, key
