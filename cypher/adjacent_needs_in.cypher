// adjacent_needs_in: the NEEDS edges entering the :Product nodes with $ids, shaped and ordered as
// edges_needs (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise)-[r:NEEDS]->(b:Product {id: id})
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
ORDER BY source, target, key
