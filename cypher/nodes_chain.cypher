// nodes_chain: the properties of every :Chain node, ordered by id.
// params: none
MATCH (n:Chain)
RETURN properties(n) AS props
ORDER BY n.id
