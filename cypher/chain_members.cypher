// chain_members: every firm and product IN_CHAIN of one chain, as {label, props}, ordered by
// (label, id). No row when the chain is unknown.
// params: $id
MATCH (c:Chain {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CHAIN]-(n)
  WITH n ORDER BY labels(n)[0], n.id
  RETURN collect(CASE WHEN n IS NULL THEN null ELSE {label: labels(n)[0], props: properties(n)} END)
    AS members
}
RETURN members
