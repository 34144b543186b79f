// adjacent_cooperates_in: the COOPERATES edges entering the :Enterprise nodes with $ids, shaped and ordered as
// edges_cooperates (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise)-[r:COOPERATES]->(b:Enterprise {id: id})
RETURN a.id AS source, b.id AS target, r.kind AS key, properties(r) AS props
ORDER BY source, target, key
