// supplies_of: the SUPPLIES edges carrying any of the products $product_ids (relationship
// index supplies_product), shaped and ordered as edges_supplies.
// params: $product_ids
UNWIND $product_ids AS pid
MATCH (a:Enterprise)-[r:SUPPLIES {product_id: pid}]->(b:Enterprise)
RETURN a.id AS source, b.id AS target, r.product_id AS key, properties(r) AS props
ORDER BY source, target, key
