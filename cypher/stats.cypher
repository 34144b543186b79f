// stats: headline figures of the panorama (DESIGN.md section 6) and counts of every kind.
// collaborating_enterprises: firms with a SUPPLIES or COOPERATES edge to another firm;
// supplied_products: distinct products on SUPPLIES edges.
// Only facts that hold on $as_of count (an ISO date; null counts every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $as_of
CALL () { MATCH (e:Enterprise) WHERE ($as_of IS NULL OR ((e.member_since IS NULL OR toString(e.member_since) <= $as_of) AND (e.member_until IS NULL OR toString(e.member_until) > $as_of))) RETURN count(e) AS enterprises }
CALL () {
  MATCH (e:Enterprise)
  WHERE ($as_of IS NULL OR ((e.member_since IS NULL OR toString(e.member_since) <= $as_of) AND (e.member_until IS NULL OR toString(e.member_until) > $as_of))) AND EXISTS {
    (e)-[r:SUPPLIES|COOPERATES]-(o:Enterprise)
    WHERE o <> e AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
      AND ($as_of IS NULL OR ((o.member_since IS NULL OR toString(o.member_since) <= $as_of) AND (o.member_until IS NULL OR toString(o.member_until) > $as_of)))
  }
  RETURN count(e) AS collaborating_enterprises
}
CALL () {
  MATCH (a)-[s:SUPPLIES]->(b)
  WHERE ($as_of IS NULL OR ((s.since IS NULL OR toString(s.since) <= $as_of) AND (s.until IS NULL OR toString(s.until) > $as_of)))
    AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
  RETURN count(DISTINCT s.product_id) AS supplied_products, count(s) AS supply_edges
}
CALL () { MATCH (c:Chain) RETURN count(c) AS chains }
CALL () { MATCH (r:Region) RETURN count(r) AS regions }
CALL () { MATCH (p:Product) RETURN count(p) AS products }
CALL () {
  MATCH (a)-[r:COOPERATES]->(b) WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
  RETURN count(r) AS cooperation_edges
}
CALL () {
  MATCH (a)-[r:PRODUCES]->() WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
  RETURN count(r) AS produces_edges
}
CALL () {
  MATCH (a)-[r:NEEDS]->() WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
    AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
  RETURN count(r) AS needs_edges
}
CALL () { MATCH ()-[r:INPUT_TO]->() RETURN count(r) AS route_edges }
RETURN enterprises, collaborating_enterprises, supplied_products, chains, regions, products,
       supply_edges, cooperation_edges, produces_edges, needs_edges, route_edges
