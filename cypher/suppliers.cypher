// suppliers: current suppliers of one enterprise, one item per (supplier, product) edge,
// ordered by (product_id, id). No row when the enterprise is unknown.
// Only facts that hold on $as_of (an ISO date; null keeps every fact): graph/asof.py.
// params: $id, $as_of
MATCH (me:Enterprise {id: $id})
CALL (me) {
  OPTIONAL MATCH (me)<-[s:SUPPLIES]-(f:Enterprise)
  WHERE ($as_of IS NULL OR ((s.since IS NULL OR toString(s.since) <= $as_of) AND (s.until IS NULL OR toString(s.until) > $as_of)))
  OPTIONAL MATCH (p:Product {id: s.product_id})
  WITH f, s, p ORDER BY s.product_id, f.id
  RETURN collect(CASE WHEN f IS NULL THEN null ELSE {
    id: f.id, name: f.name, region_id: f.region_id, product_id: s.product_id,
    product_name: p.name, volume: s.volume, unit: s.unit, since: s.since
  } END) AS items
}
RETURN items
