// product_counts: for every product, how many firms produce it and how many need it (degree
// counts, no rows of edges), ordered by product id.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// params: $as_of
MATCH (p:Product)
RETURN p.id AS product_id,
       COUNT { (p)<-[r:PRODUCES]-(:Enterprise) WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of))) } AS producers,
       COUNT { (p)<-[r:NEEDS]-(:Enterprise) WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of))) } AS consumers
ORDER BY product_id
