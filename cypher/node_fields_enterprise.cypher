// node_fields_enterprise: the properties $fields (in that order; graph/store.py projection) of the
// :Enterprise nodes with the given ids, each node as the list of its values (null where it has
// none), as one list in one row (unordered: the store sorts; unknown ids give nothing), read
// by chunks of ids. Not the whole node: a subgraph shows five properties of a firm, whose
// search_text alone is ~400 bytes.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $fields, $as_of
UNWIND $ids AS id
MATCH (n:Enterprise {id: id})
WHERE ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
RETURN collect([k IN $fields | n[k]]) AS values
