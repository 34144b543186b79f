// nodes_product: the properties of every :Product node, ordered by id.
// params: none
MATCH (n:Product)
RETURN properties(n) AS props
ORDER BY n.id
