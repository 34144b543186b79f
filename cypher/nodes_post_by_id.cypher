// nodes_post_by_id: the properties of the :Post nodes with the given ids as one list in one
// row (unordered: the store sorts; unknown ids give nothing), read by chunks of ids.
// params: $ids
UNWIND $ids AS id
MATCH (n:Post {id: id})
RETURN collect(properties(n)) AS props
