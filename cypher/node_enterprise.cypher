// node_enterprise: the properties of one :Enterprise node (no row when the id is unknown).
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $id, $as_of
MATCH (n:Enterprise {id: $id})
WHERE ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
RETURN properties(n) AS props
