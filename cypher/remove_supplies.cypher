// remove_supplies: delete the SUPPLIES relationships with the given keys ([supplier_id, buyer_id, product_id] lists).
// params: $keys
UNWIND $keys AS k
MATCH (a:Enterprise {id: k[0]})-[r:SUPPLIES {product_id: k[2]}]->(b:Enterprise {id: k[1]})
DELETE r
RETURN count(*) AS removed
