// nodes_chain_by_id: the properties of the :Chain nodes with the given ids as one list in one
// row (unordered: the store sorts; unknown ids give nothing), read by chunks of ids.
// params: $ids
UNWIND $ids AS id
MATCH (n:Chain {id: id})
RETURN collect(properties(n)) AS props
