// edges_needs: every NEEDS edge as {source, target, key, props} (key: the discriminator,
// as in neighbours_*). Streamed unsorted: the store sorts by (source, target, key), which
// spares the server an eager sort of every edge of the type.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $as_of
MATCH (a:Enterprise)-[r:NEEDS]->(b:Product)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of)))
RETURN a.id AS source, b.id AS target, '' AS key, properties(r) AS props
