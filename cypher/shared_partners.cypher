// shared_partners: for each :Enterprise with an id in $ids, its partners that have an id in
// $among (other than itself): the other ends of its SUPPLIES and COOPERATES edges, either
// direction, each once; and beside them how many SUPPLIES edges leave it (outs) and enter it
// (ins), every day's, from its degree (getDegree), so that the store knows its hubs. Parallel
// lists in one row (ids, outs, ins, partners: a list per firm; unknown ids left out);
// matchmaking counts what it needs from them (graph/store.py, GraphStore.shared_partners).
// With $by_node the firms of $among are matched once and each edge's other end compared with
// their nodes, not its id read: cheaper when the firms of $ids have many more edges than
// $among has firms (at 1,000,000 firms the first 10,000 of the busiest supplier's 17,107
// partners have 238,872 edges: 580 ms by id, 294 by node), dearer when they have few (a busy
// buyer's 63 partners against 2,472 makers: each of those looked up by its id). The hubs
// whose edges graph/neo4j_hubs.py keeps are counted by shared_partners_kept instead.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $among, $by_node, $as_of
UNWIND CASE WHEN $by_node THEN $among ELSE [] END AS cid
OPTIONAL MATCH (c:Enterprise {id: cid})
WITH collect(c) AS among
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})
CALL (a, among) {
  MATCH (a)-[r:SUPPLIES|COOPERATES]-(b:Enterprise)
  WHERE (b IN among OR (NOT $by_node AND b.id IN $among)) AND b <> a
    AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
  RETURN collect(DISTINCT b.id) AS partners
}
RETURN collect(a.id) AS ids, collect(COUNT { (a)-[:SUPPLIES]->() }) AS outs,
       collect(COUNT { (a)<-[:SUPPLIES]-() }) AS ins, collect(partners) AS partners
