// adjacent_supplies_out: the SUPPLIES edges leaving the :Enterprise nodes with $ids, shaped and ordered as
// edges_supplies (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:SUPPLIES]->(b:Enterprise)
RETURN a.id AS source, b.id AS target, r.product_id AS key, properties(r) AS props
ORDER BY source, target, key
