// node_region: the properties of one :Region node (no row when the id is unknown).
// params: $id
MATCH (n:Region {id: $id})
RETURN properties(n) AS props
