// chain_members: the ids of the firms and of the products IN_CHAIN of one chain, each list
// ordered by id; the store reads their nodes by chunks of ids (a province's chain holds a
// quarter of a million firms: their records in one transaction went over its memory).
// No row when the chain is unknown.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $id, $as_of
MATCH (c:Chain {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CHAIN]-(n:Enterprise)
  WHERE ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
  WITH n ORDER BY n.id
  RETURN collect(n.id) AS firms
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CHAIN]-(p:Product)
  WITH p ORDER BY p.id
  RETURN collect(p.id) AS products
}
RETURN firms, products
