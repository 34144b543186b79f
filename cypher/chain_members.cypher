// chain_members: every firm and product IN_CHAIN of one chain, as {label, props}, ordered by
// (label, id). No row when the chain is unknown.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $id, $as_of
MATCH (c:Chain {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CHAIN]-(n)
  WHERE ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
  WITH n ORDER BY labels(n)[0], n.id
  RETURN collect(CASE WHEN n IS NULL THEN null ELSE {label: labels(n)[0], props: properties(n)} END)
    AS members
}
RETURN members
