// node_product: the properties of one :Product node (no row when the id is unknown).
// params: $id
MATCH (n:Product {id: $id})
RETURN properties(n) AS props
