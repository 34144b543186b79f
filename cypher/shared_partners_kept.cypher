// shared_partners_kept: shared_partners for firms whose SUPPLIES edges on one side or both
// the store keeps (graph/neo4j_hubs.py): for each :Enterprise with an id in $ids, its partners
// that have an id in $among (other than itself), the other ends of its COOPERATES edges and
// of its SUPPLIES edges but those leaving the firms of $skip_out and entering those of
// $skip_in, which are not expanded (the store counts them from what it keeps: at 1,000,000
// firms a busy buyer's 25 hub partners hold 13,051 of its 88 partners' 15,797 edges); beside
// them its SUPPLIES degrees, as shared_partners gives them. Its three subqueries a firm
// cost twice shared_partners' one pattern: this is for the few kept hubs, shared_partners
// for every other firm.
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
