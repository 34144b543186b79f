// nodes_post_by_id: the properties of the :Post nodes with the given ids (unknown ids give
// nothing), ordered by id.
// params: $ids
UNWIND $ids AS id
MATCH (n:Post {id: id})
RETURN properties(n) AS props
ORDER BY n.id
