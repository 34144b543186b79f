// adjacent_supplies_in: the SUPPLIES edges entering the :Enterprise nodes with $ids, shaped and ordered as
// edges_supplies (unknown ids give nothing).
// params: $ids
UNWIND $ids AS id
MATCH (a:Enterprise)-[r:SUPPLIES]->(b:Enterprise {id: id})
RETURN a.id AS source, b.id AS target, r.product_id AS key, properties(r) AS props
ORDER BY source, target, key
