// nodes_enterprise: the properties of every :Enterprise node, ordered by id.
// params: none
MATCH (n:Enterprise)
RETURN properties(n) AS props
ORDER BY n.id
