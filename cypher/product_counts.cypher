// product_counts: for every product, how many firms produce it and how many need it (degree
// counts, no rows of edges), ordered by product id.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $as_of
MATCH (p:Product)
RETURN p.id AS product_id,
       COUNT { (p)<-[r:PRODUCES]-(e:Enterprise) WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of))) AND ($as_of IS NULL OR ((e.member_since IS NULL OR toString(e.member_since) <= $as_of) AND (e.member_until IS NULL OR toString(e.member_until) > $as_of))) } AS producers,
       COUNT { (p)<-[r:NEEDS]-(e:Enterprise) WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of))) AND ($as_of IS NULL OR ((e.member_since IS NULL OR toString(e.member_since) <= $as_of) AND (e.member_until IS NULL OR toString(e.member_until) > $as_of))) } AS consumers
ORDER BY product_id
