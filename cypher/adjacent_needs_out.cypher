// adjacent_needs_out: the NEEDS edges leaving the :Enterprise nodes with $ids, shaped and ordered as
// edges_needs (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:NEEDS]->(b:Product)
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
ORDER BY source, target, key
