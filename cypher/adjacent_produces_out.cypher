// adjacent_produces_out: the PRODUCES edges leaving the :Enterprise nodes with $ids, shaped and ordered as
// edges_produces (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:PRODUCES]->(b:Product)
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
ORDER BY source, target, key
