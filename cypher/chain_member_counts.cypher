// chain_member_counts: the firms and the products IN_CHAIN of one chain counted by label,
// stage and region id, as one row (counts: [label, stage, region id, members]; a null for a
// stage or region a member has none of; a product has no region). The chains overview
// shows no more of the members (graph/queries/chains.py); at 1,000,000 firms reading the
// four chains' 1,000,000 members by chunks of ids (cypher/chain_members.cypher) to count
// them took 11-20 s.
// No row when the chain is unknown.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $id, $as_of
MATCH (c:Chain {id: $id})
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CHAIN]-(n:Enterprise)
  WHERE ($as_of IS NULL OR ((n.member_since IS NULL OR toString(n.member_since) <= $as_of) AND (n.member_until IS NULL OR toString(n.member_until) > $as_of)))
  WITH n.stage AS stage, n.region_id AS region, count(n) AS members
  WHERE members > 0
  RETURN collect(['Enterprise', stage, region, members]) AS firms
}
CALL (c) {
  OPTIONAL MATCH (c)<-[:IN_CHAIN]-(p:Product)
  WITH p.stage AS stage, count(p) AS members
  WHERE members > 0
  RETURN collect(['Product', stage, null, members]) AS products
}
RETURN firms + products AS counts
