// customers: one window of the current customers of one enterprise (one item per
// (customer, product) SUPPLIES edge, ordered by (product_id, id)) with how many there are
// and each item's edge properties; no row when the enterprise is unknown.
// $limit null is every item from $offset. Only the window's product names are looked up, so a
// hub with thousands of partners ships one page.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// A firm counts only while it is in the map on $as_of (member_since / member_until), and so
// does every fact touching it: graph/asof.py.
// params: $id, $as_of, $limit, $offset
MATCH (me:Enterprise {id: $id})
WHERE ($as_of IS NULL OR ((me.member_since IS NULL OR toString(me.member_since) <= $as_of) AND (me.member_until IS NULL OR toString(me.member_until) > $as_of)))
CALL (me) {
  OPTIONAL MATCH (me)-[s:SUPPLIES]->(f:Enterprise)
  WHERE ($as_of IS NULL OR ((s.since IS NULL OR toString(s.since) <= $as_of) AND (s.until IS NULL OR toString(s.until) > $as_of)))
    AND ($as_of IS NULL OR ((f.member_since IS NULL OR toString(f.member_since) <= $as_of) AND (f.member_until IS NULL OR toString(f.member_until) > $as_of)))
  WITH f, s ORDER BY s.product_id, f.id
  RETURN collect(CASE WHEN f IS NULL THEN null ELSE [s, f] END) AS every
}
WITH size(every) AS total,
     CASE WHEN $limit IS NULL THEN every[$offset..] ELSE every[$offset..$offset + $limit] END AS window
CALL (window) {
  UNWIND range(0, size(window) - 1) AS i
  WITH i, window[i][0] AS s, window[i][1] AS f
  OPTIONAL MATCH (p:Product {id: s.product_id})
  WITH i, s, f, p ORDER BY i
  RETURN collect({
    id: f.id, name: f.name, region_id: f.region_id, product_id: s.product_id,
    product_name: p.name, volume: s.volume, unit: s.unit, since: s.since
  }) AS items, collect(properties(s)) AS edges
}
RETURN total, items, edges
