// nodes_enterprise_by_id: the properties of the :Enterprise nodes with the given ids as one list in one
// row (unordered: the store sorts; unknown ids give nothing), read by chunks of ids.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (n:Enterprise {id: id})
WHERE ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
RETURN collect(properties(n)) AS props
