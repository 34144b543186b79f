// node_enterprise: the properties of one :Enterprise node (no row when the id is unknown).
// params: $id
MATCH (n:Enterprise {id: $id})
RETURN properties(n) AS props
