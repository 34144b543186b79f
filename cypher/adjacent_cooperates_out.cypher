// adjacent_cooperates_out: the COOPERATES edges leaving the :Enterprise nodes with $ids, shaped and ordered as
// edges_cooperates (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:COOPERATES]->(b:Enterprise)
RETURN a.id AS source, b.id AS target, r.kind AS key, properties(r) AS props
ORDER BY source, target, key
