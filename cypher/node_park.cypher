// node_park: the properties of one :Park node (no row when the id is unknown).
// params: $id
MATCH (n:Park {id: $id})
RETURN properties(n) AS props
