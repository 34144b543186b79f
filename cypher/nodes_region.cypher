// nodes_region: the properties of every :Region node, ordered by id.
// params: none
MATCH (n:Region)
RETURN properties(n) AS props
ORDER BY n.id
