// remove_products: delete the :Product nodes with the given keys ([id] lists) and whatever hangs
// on them (a revert of the change set that added them).
// params: $keys
UNWIND $keys AS k
MATCH (n:Product {id: k[0]})
DETACH DELETE n
RETURN count(*) AS removed
