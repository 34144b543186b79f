// nodes_post: the properties of every :Post node, ordered by id.
// params: none
MATCH (n:Post)
RETURN properties(n) AS props
ORDER BY n.id
