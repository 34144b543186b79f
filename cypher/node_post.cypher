// node_post: the properties of one :Post node (no row when the id is unknown).
// params: $id
MATCH (n:Post {id: $id})
RETURN properties(n) AS props
