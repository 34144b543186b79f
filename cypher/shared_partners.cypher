// shared_partners: for each :Enterprise with an id in $ids, its partners that have an id in
// $among (other than itself): the other ends of its SUPPLIES and COOPERATES edges, either
// direction, each once; and beside them how many SUPPLIES edges leave it (outs) and enter it
// (ins), every day's, from its degree (getDegree), so that the store knows its hubs. The
// SUPPLIES edges leaving the firms of $skip_out and entering those of $skip_in are not
// expanded: the store counts them from the keys it keeps of those hubs (graph/neo4j_hubs.py;
// at 1,000,000 firms a busy buyer's 25 hub partners hold 13,051 of its 88 partners' 15,797
// edges). Parallel lists in one row (ids, outs, ins, partners: a list per firm; unknown ids
// left out); matchmaking counts what it needs from them (graph/store.py,
// GraphStore.shared_partners).
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $among, $skip_out, $skip_in, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})
CALL (a) {
  CALL (a) {
    MATCH (a)-[r:COOPERATES]-(b:Enterprise)
    RETURN r, b
  UNION
    WITH a WHERE NOT a.id IN $skip_out
    MATCH (a)-[r:SUPPLIES]->(b:Enterprise)
    RETURN r, b
  UNION
    WITH a WHERE NOT a.id IN $skip_in
    MATCH (a)<-[r:SUPPLIES]-(b:Enterprise)
    RETURN r, b
  }
  WITH r, b
  WHERE b.id IN $among AND b <> a
    AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
  RETURN collect(DISTINCT b.id) AS partners
}
RETURN collect(a.id) AS ids, collect(COUNT { (a)-[:SUPPLIES]->() }) AS outs,
       collect(COUNT { (a)<-[:SUPPLIES]-() }) AS ins, collect(partners) AS partners
