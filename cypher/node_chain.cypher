// node_chain: the properties of one :Chain node (no row when the id is unknown).
// params: $id
MATCH (n:Chain {id: $id})
RETURN properties(n) AS props
