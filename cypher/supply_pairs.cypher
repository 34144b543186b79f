// supply_pairs: distinct (supplier, buyer) pairs joined by at least one SUPPLIES edge from the
// suppliers with $ids, ids only (the projection centrality needs), as two parallel lists in
// one row: one record decodes about 5x faster in the driver than 100,000 small ones. The store
// asks by chunks of suppliers (a chunk's pairs are distinct from every other chunk's), then
// zips and sorts them.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $ids, $as_of
UNWIND $ids AS id
MATCH (a:Enterprise {id: id})-[r:SUPPLIES]->(b:Enterprise)
WHERE ($as_of IS NULL OR ((r.since IS NULL OR toString(r.since) <= $as_of) AND (r.until IS NULL OR toString(r.until) > $as_of)))
  AND ($as_of IS NULL OR ((a.member_since IS NULL OR toString(a.member_since) <= $as_of) AND (a.member_until IS NULL OR toString(a.member_until) > $as_of))) AND ($as_of IS NULL OR ((b.member_since IS NULL OR toString(b.member_since) <= $as_of) AND (b.member_until IS NULL OR toString(b.member_until) > $as_of)))
WITH DISTINCT a.id AS source, b.id AS target
RETURN collect(source) AS sources, collect(target) AS targets
