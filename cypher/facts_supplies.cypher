// facts_supplies: the stored SUPPLIES relationships with the given keys ([supplier_id, buyer_id, product_id] lists), stamps
// included, as source id, target id and properties. Unknown keys give no row.
// params: $keys
UNWIND $keys AS k
MATCH (a:Enterprise {id: k[0]})-[r:SUPPLIES {product_id: k[2]}]->(b:Enterprise {id: k[1]})
RETURN a.id AS source, b.id AS target, properties(r) AS props
