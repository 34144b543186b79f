// facts_needs: the stored NEEDS relationships with the given keys ([enterprise_id, product_id] lists), stamps
// included, as source id, target id and properties. Unknown keys give no row.
// params: $keys
UNWIND $keys AS k
MATCH (a:Enterprise {id: k[0]})-[r:NEEDS]->(b:Product {id: k[1]})
RETURN a.id AS source, b.id AS target, properties(r) AS props
