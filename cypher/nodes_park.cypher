// nodes_park: the properties of every :Park node, ordered by id.
// params: none
MATCH (n:Park)
RETURN properties(n) AS props
ORDER BY n.id
