// remove_needs: delete the NEEDS relationships with the given keys ([enterprise_id, product_id] lists).
// params: $keys
UNWIND $keys AS k
MATCH (a:Enterprise {id: k[0]})-[r:NEEDS]->(b:Product {id: k[1]})
DELETE r
RETURN count(*) AS removed
