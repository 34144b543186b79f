// stats: headline figures of the panorama (DESIGN.md section 6) and counts of every kind.
// collaborating_enterprises: firms with a SUPPLIES or COOPERATES edge to another firm;
// supplied_products: distinct products on SUPPLIES edges.
// Only facts that hold on $as_of count (an ISO date; null counts every fact): graph/asof.py.
// params: $as_of
CALL () { MATCH (e:Enterprise) RETURN count(e) AS enterprises }
CALL () {
  MATCH (e:Enterprise)
  WHERE EXISTS {
    (e)-[r:SUPPLIES|COOPERATES]-(o:Enterprise)
    WHERE o <> e AND ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  }
  RETURN count(e) AS collaborating_enterprises
}
CALL () {
  MATCH ()-[s:SUPPLIES]->()
  WHERE ($as_of IS NULL OR ((s.since IS NULL OR toString(s.since) <= $as_of) AND (s.until IS NULL OR toString(s.until) > $as_of)))
  RETURN count(DISTINCT s.product_id) AS supplied_products, count(s) AS supply_edges
}
CALL () { MATCH (c:Chain) RETURN count(c) AS chains }
CALL () { MATCH (r:Region) RETURN count(r) AS regions }
CALL () { MATCH (p:Product) RETURN count(p) AS products }
CALL () {
  MATCH ()-[r:COOPERATES]->() WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  RETURN count(r) AS cooperation_edges
}
CALL () {
  MATCH ()-[r:PRODUCES]->() WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  RETURN count(r) AS produces_edges
}
CALL () {
  MATCH ()-[r:NEEDS]->() WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  RETURN count(r) AS needs_edges
}
CALL () { MATCH ()-[r:INPUT_TO]->() RETURN count(r) AS route_edges }
RETURN enterprises, collaborating_enterprises, supplied_products, chains, regions, products,
       supply_edges, cooperation_edges, produces_edges, needs_edges, route_edges
